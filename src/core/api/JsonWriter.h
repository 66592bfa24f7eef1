#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

/// Writes a QJsonObject as compact JSON, byte for byte what
/// QJsonDocument::toJson(QJsonDocument::Compact) writes, in about a quarter of its time on an
/// agent-sized request: Qt 6.4 escapes and encodes strings one character at a time, and a
/// translated 100 KB history is mostly long strings (file contents, tool output).
class JsonWriter
{
public:
    /// `sizeHint`: the expected size, reserved at once (a large answer otherwise grows
    /// by reallocation, each one a fresh mapping and its page faults).
    static QByteArray compact(const QJsonObject &object, qsizetype sizeHint = 4096);
    static QByteArray compact(const QJsonArray &array, qsizetype sizeHint = 4096);
    /// `text` as a JSON string literal, with its quotes, as Qt's writer spells it.
    static QByteArray quoted(const QString &text);
};
