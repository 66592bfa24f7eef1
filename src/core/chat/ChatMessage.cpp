#include "ChatMessage.h"

#include <QUuid>

ChatMessage ChatMessage::user(const QString &text, const QList<ChatImage> &images)
{
    ChatMessage message;
    message.id = newId();
    message.role = Role::User;
    message.content = text;
    message.images = images;
    message.createdAt = QDateTime::currentDateTimeUtc();
    return message;
}

ChatMessage ChatMessage::assistant(const QString &model)
{
    ChatMessage message;
    message.id = newId();
    message.role = Role::Assistant;
    message.model = model;
    message.state = State::Streaming;
    message.createdAt = QDateTime::currentDateTimeUtc();
    return message;
}

QString ChatMessage::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString ChatMessage::stateName(State state)
{
    switch (state) {
    case State::Complete:
        return QStringLiteral("complete");
    case State::Streaming:
        return QStringLiteral("streaming");
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("complete");
}

ChatMessage::State ChatMessage::stateFromName(const QString &name)
{
    if (name == QLatin1String("stopped"))
        return State::Stopped;
    if (name == QLatin1String("failed"))
        return State::Failed;
    // A reply still "streaming" in the file was cut short when the app ended.
    if (name == QLatin1String("streaming"))
        return State::Stopped;
    return State::Complete;
}
