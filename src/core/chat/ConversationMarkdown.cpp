#include "ConversationMarkdown.h"

#include <QCoreApplication>
#include <QLocale>

namespace {

QString quoted(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line.prepend(line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> "));
    return lines.join(QLatin1Char('\n'));
}

QString replyFooter(const ChatMessage &message)
{
    QStringList parts;
    if (message.usage.promptTokens >= 0)
        parts.append(QCoreApplication::translate("ConversationMarkdown", "%1 prompt tokens")
                         .arg(message.usage.promptTokens));
    if (message.usage.completionTokens >= 0)
        parts.append(QCoreApplication::translate("ConversationMarkdown", "%1 completion tokens")
                         .arg(message.usage.completionTokens));
    if (message.durationMs >= 0)
        parts.append(QCoreApplication::translate("ConversationMarkdown", "%1 s")
                         .arg(QLocale::c().toString(message.durationMs / 1000.0, 'f', 1)));
    if (message.state == ChatMessage::State::Stopped)
        parts.append(QCoreApplication::translate("ConversationMarkdown", "stopped"));
    if (message.state == ChatMessage::State::Failed)
        parts.append(QCoreApplication::translate("ConversationMarkdown", "failed: %1")
                         .arg(message.error.summary()));
    if (parts.isEmpty())
        return {};
    return QLatin1Char('*') + parts.join(QStringLiteral(" · ")) + QLatin1Char('*');
}

} // namespace

namespace ConversationMarkdown {

QString render(const Conversation &conversation)
{
    QStringList out;
    out.append(QStringLiteral("# ") +
               (conversation.title.isEmpty()
                    ? QCoreApplication::translate("ConversationMarkdown", "New chat")
                    : conversation.title));
    QStringList meta;
    if (!conversation.model.isEmpty())
        meta.append(QCoreApplication::translate("ConversationMarkdown", "Model: %1")
                        .arg(conversation.model));
    if (conversation.createdAt.isValid())
        meta.append(QCoreApplication::translate("ConversationMarkdown", "Started: %1")
                        .arg(conversation.createdAt.toLocalTime().toString(Qt::ISODate)));
    if (!meta.isEmpty())
        out.append(QLatin1Char('*') + meta.join(QStringLiteral(" · ")) + QLatin1Char('*'));
    if (!conversation.systemPrompt.trimmed().isEmpty())
        out.append(QStringLiteral("**") +
                   QCoreApplication::translate("ConversationMarkdown", "System prompt") +
                   QStringLiteral("**\n\n") + quoted(conversation.systemPrompt.trimmed()));
    for (const ChatMessage &message : conversation.messages) {
        if (message.role == ChatMessage::Role::User) {
            out.append(QStringLiteral("## ") +
                       QCoreApplication::translate("ConversationMarkdown", "You"));
            if (!message.content.isEmpty())
                out.append(message.content);
            for (qsizetype i = 0; i < message.images.size(); ++i)
                out.append(
                    QCoreApplication::translate("ConversationMarkdown", "*[image %1: %2, %3 KB]*")
                        .arg(i + 1)
                        .arg(QString::fromLatin1(message.images[i].mimeType))
                        .arg((message.images[i].data.size() + 1023) / 1024));
            continue;
        }
        out.append(QStringLiteral("## ") +
                   (message.model.isEmpty()
                        ? QCoreApplication::translate("ConversationMarkdown", "Assistant")
                        : message.model));
        if (!message.reasoning.isEmpty())
            out.append(QStringLiteral("<details>\n<summary>") +
                       QCoreApplication::translate("ConversationMarkdown", "Reasoning") +
                       QStringLiteral("</summary>\n\n") + message.reasoning.trimmed() +
                       QStringLiteral("\n\n</details>"));
        if (!message.content.isEmpty())
            out.append(message.content);
        const QString footer = replyFooter(message);
        if (!footer.isEmpty())
            out.append(footer);
    }
    return out.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

} // namespace ConversationMarkdown
