// The chat window offscreen, against the real gateway and a fake provider: type and send with
// Enter, the reply streams into the transcript, Esc stops it, Regenerate and Edit-and-resend,
// errors inside the conversation, images pasted into the input, the sidebar (list, rename,
// delete and undo, search), the model picker, and the keyboard.
#include "ChatTestSupport.h"
#include "FakeUpstream.h"
#include "GatewayHarness.h"
#include "chat/ChatClient.h"
#include "chat/ChatComposer.h"
#include "chat/ChatMessageView.h"
#include "chat/ChatModelListModel.h"
#include "chat/ChatSession.h"
#include "chat/ChatWindow.h"
#include "chat/ChatWindowController.h"
#include "chat/ComposerTextEdit.h"
#include "chat/ConversationListModel.h"
#include "chat/ConversationStore.h"
#include "chat/MarkdownView.h"
#include "chat/ModelPicker.h"
#include "chat/ModelPickerPopup.h"
#include "chat/ReasoningView.h"
#include "chat/TranscriptView.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using namespace ChatTestSupport;

class TestChatWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void enterSendsAndTheReplyStreams();
    void shiftEnterIsANewLine();
    void escapeStopsAndKeepsWhatArrived();
    void regenerateButton();
    void editAndResend();
    void errorsShowInTheConversation();
    void pastedImageIsSent();
    void sidebarListsRenamesDeletesAndUndoes();
    void ctrlNStartsANewChat();
    void modelPickerSearchesTheGatewaysModels();
    void reasoningFoldedAboveTheAnswer();
    void replyGoesOnWhileAnotherChatIsShown();
    void quitWhileStreamingKeepsTheReply();
    void switchesLanguageWhileOpen();

private:
    ChatWindow *window() { return m_controller->window(); }
    template <typename T> T *child(const char *name)
    {
        T *found = window()->findChild<T *>(QLatin1String(name));
        if (!found)
            qFatal("the chat window has no %s", name);
        return found;
    }
    ChatComposer *composer() { return child<ChatComposer>("composer"); }
    TranscriptView *transcript() { return child<TranscriptView>("transcriptView"); }
    ChatMessageView *lastMessage()
    {
        return transcript()->messageView(transcript()->messageCount() - 1);
    }
    void type(const QString &text) { QTest::keyClicks(composer()->input(), text); }
    void pressEnter(Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(composer()->input(), Qt::Key_Return, modifiers);
    }
    bool waitIdle()
    {
        return QTest::qWaitFor(
            [this] { return window()->session() && !window()->session()->isBusy(); }, kTimeoutMs);
    }
    void chooseModel(const QString &model);

    FakeUpstream m_upstream;
    GatewayHarness m_gateway;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ChatWindowController> m_controller;
};

void TestChatWindow::initTestCase()
{
    QVERIFY(m_upstream.listen());
    m_upstream.setModelIds({QStringLiteral("deepseek-chat"), QStringLiteral("deepseek-reasoner")});
    m_gateway.addOpenAiProvider(QStringLiteral("deepseek"), m_upstream.baseUrl(),
                                QStringLiteral("sk-ds"));
    m_gateway.addRoute(QStringLiteral("deepseek-"), QStringLiteral("deepseek"));
    QVERIFY(m_gateway.start());
}

void TestChatWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_controller =
        std::make_unique<ChatWindowController>(m_dir->filePath(QStringLiteral("chats.db")));
    m_controller->setEndpoint(
        GatewayEndpoint{m_gateway.baseUrl(), QString::fromLatin1(GatewayHarness::accessToken())});
    m_controller->show();
    window()->resize(1000, 700);
    QVERIFY(QTest::qWaitForWindowExposed(window()));
    QApplication::setActiveWindow(window());
    QVERIFY(QTest::qWaitFor([this] { return m_controller->store().isOpen(); }, kTimeoutMs));
    chooseModel(QStringLiteral("deepseek-chat"));
}

void TestChatWindow::cleanup()
{
    m_controller.reset();
}

void TestChatWindow::chooseModel(const QString &model)
{
    // Through the picker, as a user would: the list comes from the gateway's /v1/models.
    QVERIFY(QTest::qWaitFor([this] { return !window()->modelList()->isEmpty(); }, kTimeoutMs));
    child<ModelPicker>("modelPicker")->openPopup();
    ModelPickerPopup *popup = child<ModelPicker>("modelPicker")->popup();
    popup->setSearchText(model);
    QCOMPARE(popup->visibleModels().first(), model);
    QSignalSpy chosen(child<ModelPicker>("modelPicker"), &ModelPicker::modelChosen);
    QTest::keyClick(popup->focusWidget() ? popup->focusWidget() : popup, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(window()->session()->conversation().model, model);
}

void TestChatWindow::enterSendsAndTheReplyStreams()
{
    QStringList pieces = FakeReply::numberedPieces(QStringLiteral("word"), 60);
    pieces.insert(10, QStringLiteral("\n\n```python\nprint('hi')\n```\n\n"));
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), pieces, 25));

    type(QStringLiteral("Tell me something"));
    QVERIFY(composer()->sendButton()->isEnabled());
    pressEnter();
    QVERIFY(window()->session()->isBusy());
    QCOMPARE(composer()->input()->toPlainText(), QString()); // cleared for the next message
    QCOMPARE(composer()->sendButton()->text(), tr("Stop"));
    QCOMPARE(transcript()->messageCount(), 2);

    // The reply shows while it streams, not only at the end.
    QVERIFY(QTest::qWaitFor(
        [this] { return lastMessage()->body()->markdown().contains(QStringLiteral("word5 ")); },
        kTimeoutMs));
    QVERIFY(window()->session()->isBusy());
    QVERIFY(waitIdle());
    QCOMPARE(lastMessage()->body()->markdown(), pieces.join(QString()));
    QCOMPARE(lastMessage()->message().state, ChatMessage::State::Complete);
    QVERIFY(lastMessage()->metaText().contains(QStringLiteral("deepseek-chat")));
    QVERIFY2(lastMessage()->metaText().contains(QStringLiteral("→ 61 tokens")),
             qPrintable(lastMessage()->metaText()));
    QCOMPARE(composer()->sendButton()->text(), tr("Send"));
    // The input kept the focus throughout.
    QCOMPARE(QApplication::focusWidget(), composer()->input());
    // The code block got its own view with a Copy button.
    int codeBlocks = 0;
    for (QWidget *view : lastMessage()->body()->blockViews())
        codeBlocks += view->inherits("CodeBlockView") ? 1 : 0;
    QCOMPARE(codeBlocks, 1);
    // The provider got the message.
    const QJsonArray sent =
        m_upstream.lastChatRequest().json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.last().toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Tell me something"));

    // The streamed reply looks exactly like the same reply opened from the history later.
    const QString id = window()->session()->id();
    QCoreApplication::processEvents();
    const QImage streamed = lastMessage()->body()->grab().toImage();
    QTest::keyClick(composer()->input(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(transcript()->messageCount(), 0);
    window()->openConversation(id);
    QTRY_COMPARE_WITH_TIMEOUT(transcript()->messageCount(), 2, kTimeoutMs);
    // Layout settles over a few passes (heights follow the width the column gives).
    QTRY_COMPARE_WITH_TIMEOUT(lastMessage()->body()->size(), streamed.size(), kTimeoutMs);
    const QImage reopened = lastMessage()->body()->grab().toImage();
    QCOMPARE(reopened.size(), streamed.size());
    QVERIFY(reopened == streamed);
}

void TestChatWindow::shiftEnterIsANewLine()
{
    type(QStringLiteral("line one"));
    pressEnter(Qt::ShiftModifier);
    type(QStringLiteral("line two"));
    QCOMPARE(composer()->input()->toPlainText(), QStringLiteral("line one\nline two"));
    QCOMPARE(transcript()->messageCount(), 0);
    // Enter on blank text sends nothing.
    composer()->input()->clear();
    type(QStringLiteral("   "));
    pressEnter();
    QCOMPARE(transcript()->messageCount(), 0);
}

void TestChatWindow::escapeStopsAndKeepsWhatArrived()
{
    m_upstream.queueChatReply(FakeReply::contentStream(
        QStringLiteral("deepseek-chat"), FakeReply::numberedPieces(QStringLiteral("n"), 4000), 15));
    QSignalSpy closed(&m_upstream, &FakeUpstream::connectionClosed);
    type(QStringLiteral("Count to 4000"));
    pressEnter();
    QVERIFY(QTest::qWaitFor([this] { return lastMessage()->body()->markdown().size() > 20; },
                            kTimeoutMs));
    // Enter while a reply streams does not send again.
    type(QStringLiteral("queued?"));
    pressEnter();
    QCOMPARE(transcript()->messageCount(), 2);

    QTest::keyClick(composer()->input(), Qt::Key_Escape);
    QVERIFY(!window()->session()->isBusy());
    QCOMPARE(lastMessage()->message().state, ChatMessage::State::Stopped);
    const QString kept = lastMessage()->body()->markdown();
    QVERIFY(kept.startsWith(QStringLiteral("n0 n1 n2")));
    QCOMPARE(window()->session()->messages().at(1).content, kept);
    QCOMPARE(lastMessage()->statusText(), tr("Stopped."));
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), kTimeoutMs);
    // What the user typed meanwhile is still there.
    QCOMPARE(composer()->input()->toPlainText(), QStringLiteral("queued?"));
}

void TestChatWindow::regenerateButton()
{
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("First.")}));
    type(QStringLiteral("Name a colour"));
    pressEnter();
    QVERIFY(waitIdle());
    auto *regenerate =
        lastMessage()->findChild<QToolButton *>(QStringLiteral("regenerateToolButton"));
    QVERIFY(regenerate);
    QVERIFY(regenerate->isVisibleTo(lastMessage()));
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("Second.")}));
    QTest::mouseClick(regenerate, Qt::LeftButton);
    QVERIFY(waitIdle());
    QCOMPARE(transcript()->messageCount(), 2);
    QCOMPARE(lastMessage()->body()->markdown(), QStringLiteral("Second."));
    QCOMPARE(QApplication::focusWidget(), composer()->input());
}

void TestChatWindow::editAndResend()
{
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("Reply one")}));
    type(QStringLiteral("Translate cat to Frnech"));
    pressEnter();
    QVERIFY(waitIdle());
    ChatMessageView *question = transcript()->messageView(0);
    auto *edit = question->findChild<QToolButton *>(QStringLiteral("editToolButton"));
    QVERIFY(edit && edit->isVisibleTo(question));
    QTest::mouseClick(edit, Qt::LeftButton);
    QVERIFY(composer()->isEditing());
    QCOMPARE(composer()->input()->toPlainText(), QStringLiteral("Translate cat to Frnech"));

    composer()->input()->selectAll();
    type(QStringLiteral("Translate cat to French"));
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("chat")}));
    pressEnter();
    QVERIFY(waitIdle());
    QVERIFY(!composer()->isEditing());
    QCOMPARE(transcript()->messageCount(), 2);
    QCOMPARE(transcript()->messageView(0)->message().content,
             QStringLiteral("Translate cat to French"));
    QCOMPARE(lastMessage()->body()->markdown(), QStringLiteral("chat"));
    QCOMPARE(m_upstream.lastChatRequest().json.value(QStringLiteral("messages")).toArray().size(),
             1);

    // Esc leaves editing without sending.
    QTest::mouseClick(
        transcript()->messageView(0)->findChild<QToolButton *>(QStringLiteral("editToolButton")),
        Qt::LeftButton);
    QVERIFY(composer()->isEditing());
    QTest::keyClick(composer()->input(), Qt::Key_Escape);
    QVERIFY(!composer()->isEditing());
    QCOMPARE(composer()->input()->toPlainText(), QString());
}

void TestChatWindow::errorsShowInTheConversation()
{
    chooseModel(QStringLiteral("deepseek-reasoner"));
    m_upstream.queueChatReply(FakeReply::error(429, QStringLiteral("Rate limit reached"),
                                               QStringLiteral("requests"),
                                               QStringLiteral("rate_limit_exceeded")));
    type(QStringLiteral("Hello"));
    pressEnter();
    QVERIFY(waitIdle());
    QCOMPARE(lastMessage()->message().state, ChatMessage::State::Failed);
    const QString error = lastMessage()->errorText();
    QVERIFY2(error.contains(QStringLiteral("limiting requests")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("Rate limit reached")));
    // In the conversation, not in a dialog.
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    // Regenerate after the error replaces the failed reply.
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-reasoner"), {QStringLiteral("Hi!")}));
    QTest::mouseClick(
        lastMessage()->findChild<QToolButton *>(QStringLiteral("regenerateToolButton")),
        Qt::LeftButton);
    QVERIFY(waitIdle());
    QCOMPARE(transcript()->messageCount(), 2);
    QVERIFY(lastMessage()->errorText().isEmpty());

    // The gateway going away is said once, above the conversation, and in the reply.
    m_controller->setEndpoint(GatewayEndpoint{});
    QVERIFY(window()->noticeText().contains(QStringLiteral("not running")));
    type(QStringLiteral("Still there?"));
    pressEnter();
    QVERIFY(waitIdle());
    QVERIFY(lastMessage()->errorText().contains(QStringLiteral("not running")));
    m_controller->setEndpoint(
        GatewayEndpoint{m_gateway.baseUrl(), QString::fromLatin1(GatewayHarness::accessToken())});
    QVERIFY(window()->noticeText().isEmpty());
}

void TestChatWindow::pastedImageIsSent()
{
    QImage image(40, 30, QImage::Format_RGB32);
    image.fill(Qt::red);
    // Pasted through the clipboard, as Ctrl+V delivers it.
    auto *mime = new QMimeData; // the clipboard takes it
    mime->setImageData(image);
    QGuiApplication::clipboard()->setMimeData(mime);
    QPlainTextEdit *input = composer()->input();
    input->paste();
    QCOMPARE(composer()->images().size(), 1);
    QCOMPARE(composer()->images().first().mimeType, QByteArray("image/png"));
    QCOMPARE(input->toPlainText(), QString());      // no text was pasted
    QVERIFY(composer()->sendButton()->isEnabled()); // an image alone can be sent

    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("Red.")}));
    type(QStringLiteral("Which colour?"));
    pressEnter();
    QVERIFY(waitIdle());
    QVERIFY(composer()->images().isEmpty());
    const QJsonArray parts = m_upstream.lastChatRequest()
                                 .json.value(QStringLiteral("messages"))
                                 .toArray()
                                 .last()
                                 .toObject()
                                 .value(QStringLiteral("content"))
                                 .toArray();
    QCOMPARE(parts.size(), 2);
    QVERIFY(parts[1]
                .toObject()
                .value(QStringLiteral("image_url"))
                .toObject()
                .value(QStringLiteral("url"))
                .toString()
                .startsWith(QStringLiteral("data:image/png;base64,iVBOR")));
    QVERIFY(transcript()->messageView(0)->findChild<QLabel *>(QStringLiteral("imageThumbnail")));
}

void TestChatWindow::sidebarListsRenamesDeletesAndUndoes()
{
    QListView *list = child<QListView>("conversationListView");
    ConversationListModel *model = window()->conversationList();
    QCOMPARE(model->rowCount(), 0);
    for (const QString &question :
         {QStringLiteral("Plan a trip to Kyoto"), QStringLiteral("Fix my SQL query")}) {
        m_upstream.queueChatReply(
            FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("Sure.")}));
        QTest::keyClick(window(), Qt::Key_N, Qt::ControlModifier);
        type(question);
        pressEnter();
        QVERIFY(waitIdle());
    }
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, kTimeoutMs);
    QCOMPARE(model->index(0).data().toString(), QStringLiteral("Fix my SQL query"));
    // The open conversation is the selected one.
    QTRY_COMPARE_WITH_TIMEOUT(list->currentIndex().row(), 0, kTimeoutMs);
    const QString kyoto = model->idAt(1);

    // Clicking a conversation opens it.
    list->setCurrentIndex(model->index(1));
    QTRY_COMPARE_WITH_TIMEOUT(window()->session()->id(), kyoto, kTimeoutMs);
    QCOMPARE(transcript()->messageCount(), 2);
    QCOMPARE(child<QLabel>("titleLabel")->text(), QStringLiteral("Plan a trip to Kyoto"));

    // Rename in place; the open conversation takes the new title and keeps it when it is
    // saved again.
    QVERIFY(model->setData(model->index(1), QStringLiteral("Kyoto in April")));
    QCOMPARE(child<QLabel>("titleLabel")->text(), QStringLiteral("Kyoto in April"));
    m_upstream.queueChatReply(FakeReply::contentStream(QStringLiteral("deepseek-chat"),
                                                       {QStringLiteral("Cherry blossoms.")}));
    type(QStringLiteral("What is special then?"));
    pressEnter();
    QVERIFY(waitIdle());
    QTRY_COMPARE_WITH_TIMEOUT(model->index(0).data(ConversationListModel::IdRole).toString(), kyoto,
                              kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(0).data().toString(), QStringLiteral("Kyoto in April"),
                              kTimeoutMs);

    // Search over the text.
    QTest::keyClicks(child<QLineEdit>("searchLineEdit"), QStringLiteral("sql"));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kTimeoutMs);
    QCOMPARE(model->index(0).data().toString(), QStringLiteral("Fix my SQL query"));
    child<QLineEdit>("searchLineEdit")->clear();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, kTimeoutMs);

    // Delete with the Delete key, then undo.
    list->setCurrentIndex(model->index(model->rowOf(kyoto)));
    QTRY_COMPARE_WITH_TIMEOUT(window()->session()->id(), kyoto, kTimeoutMs);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Delete);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kTimeoutMs);
    QVERIFY(child<QFrame>("undoFrame")->isVisible());
    QVERIFY(child<QLabel>("undoLabel")->text().contains(QStringLiteral("Kyoto in April")));
    QVERIFY(window()->session()->id() != kyoto); // the deleted one is no longer shown
    QTest::mouseClick(child<QPushButton>("undoPushButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, kTimeoutMs);
    QVERIFY(!child<QFrame>("undoFrame")->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(window()->session()->id(), kyoto, kTimeoutMs);
}

void TestChatWindow::ctrlNStartsANewChat()
{
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), {QStringLiteral("Yes.")}));
    type(QStringLiteral("First chat"));
    pressEnter();
    QVERIFY(waitIdle());
    const QString first = window()->session()->id();
    QTest::keyClick(composer()->input(), Qt::Key_N, Qt::ControlModifier);
    QVERIFY(window()->session()->id() != first);
    QCOMPARE(transcript()->messageCount(), 0);
    QCOMPARE(child<QLabel>("titleLabel")->text(), tr("New chat"));
    // The new chat keeps the model last chosen, and the input has the focus.
    QCOMPARE(window()->session()->conversation().model, QStringLiteral("deepseek-chat"));
    QCOMPARE(QApplication::focusWidget(), composer()->input());
}

void TestChatWindow::modelPickerSearchesTheGatewaysModels()
{
    ModelPickerPopup *popup = child<ModelPicker>("modelPicker")->popup();
    child<ModelPicker>("modelPicker")->openPopup();
    popup->setSearchText(QString());
    QCOMPARE(popup->visibleModels(),
             (QStringList{QStringLiteral("deepseek-chat"), QStringLiteral("deepseek-reasoner")}));
    popup->setSearchText(QStringLiteral("REASON"));
    QCOMPARE(popup->visibleModels(), QStringList{QStringLiteral("deepseek-reasoner")});
    // The provider's name shows all its models.
    popup->setSearchText(QStringLiteral("deepseek"));
    QCOMPARE(popup->visibleModels().size(), 2);
    // A name the list lacks can still be used: the gateway routes by prefix.
    popup->setSearchText(QStringLiteral("deepseek-v9-experimental"));
    QVERIFY(popup->visibleModels().isEmpty());
    QTest::keyClick(popup->focusWidget(), Qt::Key_Return);
    QCOMPARE(window()->session()->conversation().model, QStringLiteral("deepseek-v9-experimental"));
    QVERIFY(!popup->isVisible());
}

void TestChatWindow::reasoningFoldedAboveTheAnswer()
{
    chooseModel(QStringLiteral("deepseek-reasoner"));
    m_upstream.queueChatReply(deepSeekReasonerReply(5));
    type(QStringLiteral("2+2?"));
    pressEnter();
    QVERIFY(waitIdle());
    ReasoningView *reasoning = lastMessage()->reasoning();
    QVERIFY(reasoning->isVisibleTo(lastMessage()));
    QVERIFY(!reasoning->isExpanded()); // folded
    QCOMPARE(reasoning->text(), QStringLiteral("The user asks for 2+2."));
    QCOMPARE(lastMessage()->body()->markdown(), QStringLiteral("2 + 2 = 4."));
    // Above the answer.
    QVERIFY(reasoning->mapTo(lastMessage(), QPoint()).y() <
            lastMessage()->body()->mapTo(lastMessage(), QPoint()).y());
    reasoning->setExpanded(true);
    QVERIFY(reasoning->isExpanded());
    QVERIFY(lastMessage()->metaText().contains(QStringLiteral("24 reasoning")));
}

void TestChatWindow::replyGoesOnWhileAnotherChatIsShown()
{
    // Long enough (300 × 15 ms) to still stream when the test comes back to it, on a busy
    // machine.
    const QStringList pieces = FakeReply::numberedPieces(QStringLiteral("bg"), 300);
    m_upstream.queueChatReply(
        FakeReply::contentStream(QStringLiteral("deepseek-chat"), pieces, 15));
    type(QStringLiteral("Long story please"));
    pressEnter();
    QVERIFY(QTest::qWaitFor([this] { return lastMessage()->body()->markdown().size() > 10; },
                            kTimeoutMs));
    const QString streaming = window()->session()->id();

    // Another conversation is shown while the reply still streams.
    QTest::keyClick(composer()->input(), Qt::Key_N, Qt::ControlModifier);
    QVERIFY(window()->session()->id() != streaming);
    QVERIFY(!window()->session()->isBusy());
    QCOMPARE(composer()->sendButton()->text(), tr("Send")); // the new chat can be used at once

    // Back to it while it streams: it is live, not a stale copy from the history.
    window()->openConversation(streaming);
    QCOMPARE(window()->session()->id(), streaming);
    QVERIFY(window()->session()->isBusy());
    QCOMPARE(composer()->sendButton()->text(), tr("Stop"));
    QTest::keyClick(composer()->input(), Qt::Key_N, Qt::ControlModifier);

    // It finishes in the background and is kept whole.
    QTRY_VERIFY_WITH_TIMEOUT(m_upstream.activeStreams() == 0, kTimeoutMs);
    window()->openConversation(streaming);
    QTRY_COMPARE_WITH_TIMEOUT(transcript()->messageCount(), 2, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(lastMessage()->body()->markdown(), pieces.join(QString()),
                              kTimeoutMs);
    // The provider has sent all; the reply may still be on its way through the gateway (then
    // the live session is what was reopened).
    QVERIFY(waitIdle());
    QTRY_COMPARE_WITH_TIMEOUT(lastMessage()->message().state, ChatMessage::State::Complete,
                              kTimeoutMs);
}

void TestChatWindow::quitWhileStreamingKeepsTheReply()
{
    m_upstream.queueChatReply(FakeReply::contentStream(
        QStringLiteral("deepseek-chat"), FakeReply::numberedPieces(QStringLiteral("q"), 3000), 15));
    type(QStringLiteral("Go on and on"));
    pressEnter();
    QVERIFY(QTest::qWaitFor([this] { return lastMessage()->body()->markdown().size() > 10; },
                            kTimeoutMs));
    const QString id = window()->session()->id();
    // The app quits: the controller (window, sessions, history) goes while the reply streams.
    m_controller.reset();

    ConversationStore store(m_dir->filePath(QStringLiteral("chats.db")));
    QSignalSpy opened(&store, &ConversationStore::opened);
    store.open();
    QVERIFY(opened.wait(kTimeoutMs));
    std::optional<Conversation> stored;
    QObject context;
    bool loaded = false;
    store.load(id, &context, [&](const std::optional<Conversation> &conversation) {
        stored = conversation;
        loaded = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(loaded, kTimeoutMs);
    QVERIFY(stored);
    QCOMPARE(stored->messages.size(), 2);
    QCOMPARE(stored->messages[1].state, ChatMessage::State::Stopped);
    QVERIFY(stored->messages[1].content.startsWith(QStringLiteral("q0 q1 ")));
}

// A language picked in Settings applies to an open chat window, the transcript included.
void TestChatWindow::switchesLanguageWhileOpen()
{
    m_upstream.queueChatReply(FakeReply::contentStream(
        QStringLiteral("deepseek-chat"), FakeReply::numberedPieces(QStringLiteral("w"), 5), 1));
    type(QStringLiteral("Hi"));
    pressEnter();
    QVERIFY(waitIdle());
    auto *newChat = child<QPushButton>("newChatPushButton");
    QCOMPARE(newChat->text(), QStringLiteral("New chat"));
    QCOMPARE(composer()->sendButton()->text(), QStringLiteral("Send"));
    auto regenerate = [this] {
        return lastMessage()->findChild<QToolButton *>(QStringLiteral("regenerateToolButton"));
    };
    QVERIFY(regenerate());
    QCOMPARE(regenerate()->text(), QStringLiteral("Regenerate"));

    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral("llm-gateway_zh_CN"), QStringLiteral(":/i18n")));
    QCoreApplication::installTranslator(&chinese);
    const QString newChatZh = QCoreApplication::translate("ChatWindow", "New chat");
    QVERIFY(newChatZh != QStringLiteral("New chat"));
    QTRY_COMPARE_WITH_TIMEOUT(newChat->text(), newChatZh, kTimeoutMs);
    QCOMPARE(composer()->sendButton()->text(), QCoreApplication::translate("ChatComposer", "Send"));
    QCOMPARE(child<QComboBox>("reasoningComboBox")->itemText(0),
             QCoreApplication::translate("ChatWindow", "Reasoning: default"));
    QCOMPARE(transcript()->messageCount(), 2);
    QCOMPARE(regenerate()->text(), QCoreApplication::translate("ChatMessageView", "Regenerate"));

    QCoreApplication::removeTranslator(&chinese);
    QTRY_COMPARE_WITH_TIMEOUT(newChat->text(), QStringLiteral("New chat"), kTimeoutMs);
    QCOMPARE(regenerate()->text(), QStringLiteral("Regenerate"));
}

QTEST_MAIN(TestChatWindow)
#include "TestChatWindow.moc"
