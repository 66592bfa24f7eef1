#include "ChatWindow.h"

#include "ChatComposer.h"
#include "ModelPicker.h"
#include "TranscriptView.h"
#include "chat/ChatClient.h"
#include "chat/ChatModelListModel.h"
#include "chat/ChatSession.h"
#include "chat/ConversationListModel.h"
#include "chat/ConversationStore.h"
#include "ui_ChatWindow.h"

#include <QCloseEvent>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QRegularExpression>
#include <QShortcut>
#include <QStandardPaths>

namespace {
constexpr int kSearchDelayMs = 200;
constexpr int kSystemPromptDelayMs = 600;
constexpr int kUndoMs = 10000;
const QString kLastModelSetting = QStringLiteral("lastModel");

QString safeFileName(const QString &title)
{
    QString name = title;
    name.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|\\n\\r\\t]")),
                 QStringLiteral(" "));
    name = name.simplified();
    return name.isEmpty() ? QStringLiteral("chat") : name.left(80);
}
} // namespace

ChatWindow::ChatWindow(ChatClient &client, ConversationStore &store, QWidget *parent)
    : QWidget(parent), m_ui(new Ui::ChatWindow), m_client(client), m_store(store),
      m_conversations(new ConversationListModel(store, this)),
      m_models(new ChatModelListModel(this))
{
    m_ui->setupUi(this);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({250, 850});
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_ui->titleLabel->setFont(titleFont);
    m_ui->systemPromptEdit->setVisible(false);
    m_ui->noticeFrame->setVisible(false);
    m_ui->noticeFrame->setObjectName(QStringLiteral("noticeFrame"));
    m_ui->noticeFrame->setStyleSheet(
        QStringLiteral("#noticeFrame { border: 1px solid palette(mid); border-radius: 6px; }"));
    m_ui->undoFrame->setVisible(false);
    m_ui->emptyListLabel->setForegroundRole(QPalette::PlaceholderText);

    for (const QString &effort :
         {QString(), QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")})
        m_ui->reasoningComboBox->addItem(QString(), effort);
    nameReasoningChoices();

    m_ui->conversationListView->setModel(m_conversations);
    m_ui->conversationListView->setStyleSheet(
        QStringLiteral("QListView::item { padding: 4px 2px; }"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/gateway-serving.png")));
    m_ui->modelPicker->setModelList(m_models);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(kSearchDelayMs);
    m_systemPromptTimer.setSingleShot(true);
    m_systemPromptTimer.setInterval(kSystemPromptDelayMs);
    m_undoTimer.setSingleShot(true);
    m_undoTimer.setInterval(kUndoMs);

    // Sidebar.
    connect(m_ui->newChatPushButton, &QPushButton::clicked, this, &ChatWindow::newChat);
    connect(m_ui->searchLineEdit, &QLineEdit::textChanged, &m_searchTimer,
            qOverload<>(&QTimer::start));
    connect(&m_searchTimer, &QTimer::timeout, this,
            [this] { m_conversations->setSearch(m_ui->searchLineEdit->text()); });
    connect(m_conversations, &ConversationListModel::refreshed, this, &ChatWindow::onListRefreshed);
    connect(m_conversations, &ConversationListModel::renamed, this,
            [this](const QString &id, const QString &title) {
                // An open session would otherwise save its old title over the new one.
                if (m_session && m_session->id() == id)
                    m_session->setTitle(title);
                if (ChatSession *live = m_background.value(id))
                    live->setTitle(title);
            });
    connect(m_ui->conversationListView->selectionModel(), &QItemSelectionModel::currentChanged,
            this, &ChatWindow::onListSelection);
    connect(m_ui->conversationListView, &QListView::customContextMenuRequested, this,
            &ChatWindow::showListMenu);
    auto *deleteShortcut = new QShortcut(QKeySequence::Delete, m_ui->conversationListView);
    deleteShortcut->setContext(Qt::WidgetShortcut);
    connect(deleteShortcut, &QShortcut::activated, this, [this] {
        const QString id = m_conversations->idAt(m_ui->conversationListView->currentIndex().row());
        if (!id.isEmpty())
            deleteConversation(id);
    });
    connect(m_ui->undoPushButton, &QPushButton::clicked, this, &ChatWindow::undoDelete);
    connect(&m_undoTimer, &QTimer::timeout, this, [this] {
        m_ui->undoFrame->setVisible(false);
        m_deletedId.clear();
    });

    // Header.
    connect(m_ui->modelPicker, &ModelPicker::modelChosen, this, &ChatWindow::onModelChosen);
    connect(m_ui->modelPicker, &ModelPicker::refreshRequested, this, [this] {
        if (m_models->isEmpty() || !m_modelsProblem.isEmpty())
            refreshModels();
    });
    connect(m_ui->reasoningComboBox, &QComboBox::activated, this, [this](int index) {
        if (m_session)
            m_session->setReasoningEffort(m_ui->reasoningComboBox->itemData(index).toString());
        m_ui->composer->focusInput();
    });
    connect(m_ui->systemPromptToolButton, &QToolButton::toggled, this, [this](bool on) {
        m_ui->systemPromptEdit->setVisible(on);
        if (on)
            m_ui->systemPromptEdit->setFocus();
        else
            m_ui->composer->focusInput();
    });
    connect(m_ui->systemPromptEdit, &QPlainTextEdit::textChanged, &m_systemPromptTimer,
            qOverload<>(&QTimer::start));
    connect(&m_systemPromptTimer, &QTimer::timeout, this, &ChatWindow::commitSystemPrompt);
    connect(m_ui->exportToolButton, &QToolButton::clicked, this, &ChatWindow::exportConversation);
    connect(m_ui->dismissNoticeToolButton, &QToolButton::clicked, this, [this] {
        m_ui->noticeFrame->setVisible(false);
        m_ui->composer->focusInput();
    });

    // Transcript and input.
    connect(m_ui->composer, &ChatComposer::sendRequested, this, &ChatWindow::onSend);
    connect(m_ui->composer, &ChatComposer::resendRequested, this, &ChatWindow::onResend);
    connect(m_ui->composer, &ChatComposer::stopRequested, this, [this] {
        if (m_session)
            m_session->stop();
    });
    connect(m_ui->transcriptView, &TranscriptView::regenerateRequested, this, [this] {
        if (m_session && m_session->regenerate())
            m_ui->transcriptView->scrollToBottom();
        m_ui->composer->focusInput();
    });
    connect(m_ui->transcriptView, &TranscriptView::editRequested, this, [this] {
        if (!m_session)
            return;
        if (const std::optional<ChatMessage> message = m_session->editableMessage())
            m_ui->composer->startEditing(*message);
    });

    // Keyboard.
    auto *newChatShortcut = new QShortcut(QKeySequence::New, this);
    connect(newChatShortcut, &QShortcut::activated, this, &ChatWindow::newChat);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &ChatWindow::onEscape);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] { m_ui->searchLineEdit->setFocus(); });

    // Store and gateway.
    connect(&m_store, &ConversationStore::opened, this, &ChatWindow::onStoreOpened);
    connect(&m_store, &ConversationStore::problem, this, [this](const QString &message) {
        m_storeProblem = message;
        showNotice(message);
    });
    connect(&m_client, &ChatClient::endpointChanged, this, &ChatWindow::onEndpointChanged);
    newChat();
    if (m_store.isOpen()) {
        m_conversations->refresh();
        loadLastModel();
    }
}

ChatWindow::~ChatWindow()
{
    commitSystemPrompt();
    // A reply still streaming is stopped and saved when its session goes. That happens here,
    // while the widgets the session's signals reach still exist (QWidget's destructor would
    // delete the composer and the transcript before the sessions).
    m_ui->transcriptView->setSession(nullptr);
    const QList<ChatSession *> sessions =
        findChildren<ChatSession *>(QString(), Qt::FindDirectChildrenOnly);
    for (ChatSession *session : sessions) {
        session->disconnect(this);
        delete session;
    }
}

QString ChatWindow::noticeText() const
{
    return m_ui->noticeFrame->isVisible() ? m_ui->noticeLabel->text() : QString();
}

void ChatWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        refreshModels();
        updateGatewayNotice();
    }
    m_ui->composer->focusInput();
}

void ChatWindow::closeEvent(QCloseEvent *event)
{
    commitSystemPrompt();
    QWidget::closeEvent(event);
}

void ChatWindow::newChat()
{
    if (m_session && !m_session->isStored() && m_session->messages().isEmpty()) {
        // Already a new, empty chat: keep its settings.
        m_ui->composer->focusInput();
        return;
    }
    Conversation conversation = Conversation::create(m_lastModel);
    if (m_session)
        conversation.reasoningEffort = m_session->conversation().reasoningEffort;
    adopt(conversation);
}

void ChatWindow::adopt(const Conversation &conversation)
{
    setSession(new ChatSession(m_client, m_store, conversation, this));
}

void ChatWindow::openConversation(const QString &id)
{
    if (id.isEmpty() || (m_session && m_session->id() == id))
        return;
    if (ChatSession *live = m_background.value(id)) {
        m_background.remove(id);
        setSession(live);
        return;
    }
    const int generation = ++m_loadGeneration;
    m_store.load(id, this, [this, generation](const std::optional<Conversation> &conversation) {
        if (generation != m_loadGeneration)
            return; // the user clicked elsewhere meanwhile
        if (!conversation) {
            showNotice(tr("This conversation could not be read from the history."));
            return;
        }
        adopt(*conversation);
    });
}

void ChatWindow::setSession(ChatSession *session)
{
    commitSystemPrompt();
    if (m_session && m_session != session) {
        m_session->disconnect(this);
        if (m_session->isBusy()) {
            // Its reply goes on streaming (and is saved); reopening it shows it live.
            ChatSession *background = m_session;
            m_background.insert(background->id(), background);
            connect(background, &ChatSession::busyChanged, this, [this, background](bool busy) {
                if (busy || background == m_session)
                    return;
                m_background.remove(background->id());
                background->deleteLater();
            });
        } else {
            m_session->deleteLater();
        }
    }
    m_session = session;
    connect(m_session, &ChatSession::busyChanged, this, &ChatWindow::onBusyChanged);
    connect(m_session, &ChatSession::conversationChanged, this, &ChatWindow::updateHeader);
    connect(m_session, &ChatSession::messageAppended, this, [this] {
        // The first message stores a new conversation: select it once the list has it.
        m_conversations->refresh();
    });
    m_ui->transcriptView->setSession(m_session);
    m_ui->composer->clear();
    m_ui->composer->setBusy(m_session->isBusy());
    {
        const QSignalBlocker blocker(m_ui->systemPromptEdit);
        m_ui->systemPromptEdit->setPlainText(m_session->conversation().systemPrompt);
    }
    m_ui->systemPromptToolButton->setChecked(!m_session->conversation().systemPrompt.isEmpty() &&
                                             m_ui->systemPromptToolButton->isChecked());
    updateHeader();
    onListRefreshed();
    m_ui->composer->focusInput();
}

void ChatWindow::nameReasoningChoices()
{
    const QStringList names{tr("Reasoning: default"), tr("Reasoning: low"), tr("Reasoning: medium"),
                            tr("Reasoning: high")};
    for (int i = 0; i < names.size() && i < m_ui->reasoningComboBox->count(); ++i)
        m_ui->reasoningComboBox->setItemText(i, names.at(i));
}

void ChatWindow::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    m_ui->retranslateUi(this);
    nameReasoningChoices();
    // The transcript's buttons and lines are made in the language in force: make them again
    // (a reply that is streaming goes on in the new views).
    if (m_session)
        m_ui->transcriptView->setSession(m_session);
    updateHeader();
    onListRefreshed();
}

void ChatWindow::updateHeader()
{
    if (!m_session)
        return;
    const Conversation &conversation = m_session->conversation();
    const QString title = conversation.title.isEmpty() ? tr("New chat") : conversation.title;
    m_ui->titleLabel->setText(title);
    m_ui->titleLabel->setToolTip(title);
    setWindowTitle(tr("%1 — LLM Gateway chat").arg(title));
    m_ui->modelPicker->setCurrentModel(conversation.model);
    const int effort = m_ui->reasoningComboBox->findData(conversation.reasoningEffort);
    m_ui->reasoningComboBox->setCurrentIndex(qMax(0, effort));
    m_ui->systemPromptToolButton->setText(conversation.systemPrompt.trimmed().isEmpty()
                                              ? tr("System prompt")
                                              : tr("System prompt •"));
    m_ui->exportToolButton->setEnabled(m_session->isStored());
}

void ChatWindow::onSend(const QString &text, const QList<ChatImage> &images)
{
    if (!m_session)
        newChat();
    if (m_session->conversation().model.isEmpty()) {
        m_ui->composer->showNotice(tr("Choose a model first (the button above the conversation)."));
        m_ui->modelPicker->openPopup();
        return;
    }
    commitSystemPrompt();
    if (m_session->send(text, images)) {
        m_ui->composer->clear();
        m_ui->transcriptView->scrollToBottom();
    }
}

void ChatWindow::onResend(const QString &text, const QList<ChatImage> &images)
{
    if (!m_session)
        return;
    commitSystemPrompt();
    if (m_session->resendEdited(text, images)) {
        m_ui->composer->clear();
        m_ui->transcriptView->scrollToBottom();
    }
}

void ChatWindow::onEscape()
{
    if (m_session && m_session->isBusy())
        m_session->stop();
    else if (m_ui->composer->isEditing())
        m_ui->composer->cancelEditing();
    else if (m_ui->searchLineEdit->hasFocus())
        m_ui->searchLineEdit->clear();
    m_ui->composer->focusInput();
}

void ChatWindow::onBusyChanged()
{
    m_ui->composer->setBusy(m_session && m_session->isBusy());
    updateHeader();
}

void ChatWindow::onModelChosen(const QString &model)
{
    m_lastModel = model;
    m_store.setSetting(kLastModelSetting, model);
    if (m_session)
        m_session->setModel(model);
    m_ui->composer->showNotice(QString());
    // After the picker's popup has closed and given the window back its focus.
    QTimer::singleShot(0, this, [this] { m_ui->composer->focusInput(); });
}

void ChatWindow::refreshModels()
{
    if (m_modelsFetching)
        return;
    m_modelsFetching = true;
    m_ui->modelPicker->setStatus(tr("Asking the gateway for its models…"));
    m_client.fetchModels(this, [this](const GatewayModelList &list) { onModelsFetched(list); });
}

void ChatWindow::onModelsFetched(const GatewayModelList &list)
{
    m_modelsFetching = false;
    m_models->setModels(list.models);
    if (list.error.isError()) {
        m_modelsProblem = list.error.summary();
        m_ui->modelPicker->setStatus(
            tr("The model list is not available: %1").arg(m_modelsProblem));
        return;
    }
    m_modelsProblem.clear();
    QString status;
    if (list.models.isEmpty())
        status = tr("The gateway offers no models yet: add a provider and its key in the "
                    "dashboard. You can still type a model name.");
    if (!list.providerErrors.isEmpty())
        status += (status.isEmpty() ? QString() : QStringLiteral(" ")) +
                  tr("Not listed: %1").arg(list.providerErrors.join(QStringLiteral("; ")));
    m_ui->modelPicker->setStatus(status);
    if (m_lastModel.isEmpty() && !list.models.isEmpty() && m_session &&
        m_session->conversation().model.isEmpty()) {
        // A first start: nothing chosen yet, so the first model is a reasonable default.
        m_lastModel = list.models.first().id;
        m_session->setModel(m_lastModel);
        updateHeader();
    }
}

void ChatWindow::onStoreOpened(const ConversationOpenReport &report)
{
    if (!report.problem.isEmpty()) {
        m_storeProblem = report.problem;
        showNotice(report.problem);
    }
    loadLastModel();
}

void ChatWindow::loadLastModel()
{
    m_store.setting(kLastModelSetting, this, [this](const QString &model) {
        if (model.isEmpty())
            return;
        m_lastModel = model;
        // A new chat nobody has written in yet takes the remembered model.
        if (m_session && m_session->messages().isEmpty()) {
            m_session->setModel(model);
            updateHeader();
        }
    });
}

void ChatWindow::onEndpointChanged()
{
    updateGatewayNotice();
    if (m_client.endpoint().isValid())
        refreshModels();
}

void ChatWindow::updateGatewayNotice()
{
    if (!m_client.endpoint().isValid()) {
        showNotice(ChatError::gatewayNotRunning().summary());
        return;
    }
    // The gateway serves again: drop the notice if it was about that.
    if (noticeText() == ChatError::gatewayNotRunning().summary())
        m_ui->noticeFrame->setVisible(false);
}

void ChatWindow::showNotice(const QString &text)
{
    m_ui->noticeLabel->setText(text);
    m_ui->noticeFrame->setVisible(!text.isEmpty());
}

void ChatWindow::onListRefreshed()
{
    m_ui->emptyListLabel->setVisible(m_conversations->rowCount() == 0 &&
                                     m_conversations->search().isEmpty());
    // Keep the open conversation selected without opening it again.
    const int row = m_session ? m_conversations->rowOf(m_session->id()) : -1;
    QItemSelectionModel *selection = m_ui->conversationListView->selectionModel();
    const QSignalBlocker blocker(selection);
    if (row >= 0)
        selection->setCurrentIndex(m_conversations->index(row),
                                   QItemSelectionModel::ClearAndSelect);
    else
        selection->clear();
    m_ui->conversationListView->viewport()->update();
}

void ChatWindow::onListSelection()
{
    const QString id = m_conversations->idAt(m_ui->conversationListView->currentIndex().row());
    openConversation(id);
}

void ChatWindow::showListMenu(const QPoint &position)
{
    const QModelIndex index = m_ui->conversationListView->indexAt(position);
    if (!index.isValid())
        return;
    const QString id = m_conversations->idAt(index.row());
    QMenu menu(this);
    menu.addAction(tr("Rename"), this, [this, index] { m_ui->conversationListView->edit(index); });
    menu.addAction(tr("Export as Markdown…"), this, [this, id] {
        openConversation(id);
        exportConversation();
    });
    menu.addSeparator();
    menu.addAction(tr("Delete"), this, [this, id] { deleteConversation(id); });
    menu.exec(m_ui->conversationListView->viewport()->mapToGlobal(position));
}

void ChatWindow::deleteConversation(const QString &id)
{
    const int row = m_conversations->rowOf(id);
    const QString title = row >= 0 ? m_conversations->index(row).data().toString() : QString();
    if (m_session && m_session->id() == id) {
        m_session->stop();
        newChat();
    }
    if (ChatSession *live = m_background.take(id))
        live->stop();
    m_store.setTrashed(id, true);
    m_deletedId = id;
    m_ui->undoLabel->setText(tr("Deleted “%1”.").arg(title));
    m_ui->undoFrame->setVisible(true);
    m_undoTimer.start();
}

void ChatWindow::undoDelete()
{
    if (m_deletedId.isEmpty())
        return;
    m_store.setTrashed(m_deletedId, false);
    const QString id = m_deletedId;
    m_deletedId.clear();
    m_undoTimer.stop();
    m_ui->undoFrame->setVisible(false);
    openConversation(id);
}

void ChatWindow::exportConversation()
{
    if (!m_session || !m_session->isStored())
        return;
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(safeFileName(m_session->conversation().title) + QStringLiteral(".md"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export conversation"), suggested,
                                                      tr("Markdown (*.md)"));
    if (path.isEmpty())
        return;
    m_store.exportMarkdown(m_session->id(), path, this, [this, path](const QString &error) {
        showNotice(error.isEmpty() ? tr("Saved as %1.").arg(QDir::toNativeSeparators(path))
                                   : tr("The conversation could not be saved as %1: %2")
                                         .arg(QDir::toNativeSeparators(path), error));
    });
}

void ChatWindow::commitSystemPrompt()
{
    m_systemPromptTimer.stop();
    if (m_session)
        m_session->setSystemPrompt(m_ui->systemPromptEdit->toPlainText());
}
