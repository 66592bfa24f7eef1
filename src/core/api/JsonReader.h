#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

/// Reads a JSON object into a QJsonObject, several times faster than QJsonDocument::fromJson
/// on agent-sized requests: Qt 6.4's parser appends a string that holds an escape one
/// character at a time, and a coding agent's history is mostly such strings (file contents,
/// tool output, each line ending in \n). The result equals what QJsonDocument::fromJson gives.
/// Anything it does not take on itself (invalid JSON or UTF-8, a key given twice, lone
/// surrogates, a number out of range, deep nesting) returns nullopt: the caller then asks
/// QJsonDocument, which explains the error or decides the case the same way as before.
class JsonReader
{
public:
    enum class Detail
    {
        Whole,
        /// Every string value nested below the top level that is longer than
        /// kOutlineStringBytes (as written) is cut to its first plain run (up to its first
        /// escape), at most that long and never empty. Checking a request's shape (types,
        /// roles, block types, the top-level fields) and routing it need no more, and a
        /// passthrough sends the client's own bytes: building Qt's containers for the history
        /// and the tool schemas is most of the cost of a large request. Keys and the
        /// structure are kept, and the cut strings are still checked (escapes, UTF-8), so an
        /// outline is read exactly when the whole object would be.
        Outline,
    };
    static constexpr qsizetype kOutlineStringBytes = 256;

    static std::optional<QJsonObject> readObject(const QByteArray &json);
    static std::optional<QJsonObject> readObject(const QByteArray &json, Detail detail);
};
