#include "Conversation.h"

Conversation Conversation::create(const QString &model)
{
    Conversation conversation;
    conversation.id = ChatMessage::newId();
    conversation.model = model;
    conversation.createdAt = QDateTime::currentDateTimeUtc();
    conversation.updatedAt = conversation.createdAt;
    return conversation;
}

ConversationSummary Conversation::summary() const
{
    return ConversationSummary{id, title, model, updatedAt, QString()};
}

QString Conversation::titleFromText(const QString &text, int maxLength)
{
    QString line;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &candidate : lines) {
        line = candidate.simplified();
        if (!line.isEmpty())
            break;
    }
    // Markdown decoration makes a poor title.
    while (line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char('>')))
        line = line.mid(1).trimmed();
    if (line.size() <= maxLength)
        return line;
    qsizetype cut = line.lastIndexOf(QLatin1Char(' '), maxLength);
    // CJK text has no spaces: cut at the length then.
    if (cut < maxLength / 2)
        cut = maxLength;
    return line.left(cut).trimmed() + QStringLiteral("…");
}
