#pragma once

#include "providers/ChatTranslator.h"
#include "sse/SseParser.h"
#include "support/TestData.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

/// Fixture access and comparisons shared by the Anthropic golden tests. Fixtures live in
/// tests/data/anthropic/<direction>/ and are written from the providers' documented formats.
namespace GoldenFiles {

inline QString dataDir(const QString &direction)
{
    return TestData::path(QStringLiteral("anthropic/") + direction);
}

inline QByteArray readFile(const QString &path)
{
    return TestData::read(path);
}

inline QJsonObject readJson(const QString &path)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readFile(path), &error);
    if (!doc.isObject())
        qFatal("Fixture %s is not a JSON object: %s", qPrintable(path),
               qPrintable(error.errorString()));
    return doc.object();
}

/// Base names of the fixtures in `direction` whose file names start with `prefix` and end
/// with `suffix`, e.g. ("stream_", ".upstream.sse").
inline QStringList fixtures(const QString &direction, const QString &prefix, const QString &suffix)
{
    QStringList names;
    const QStringList files =
        QDir(dataDir(direction))
            .entryList({prefix + QLatin1Char('*') + suffix}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        names.append(file.left(file.size() - suffix.size()));
    return names;
}

inline QList<SseEvent> parseSse(const QByteArray &bytes)
{
    SseParser parser;
    QList<SseEvent> events = parser.feed(bytes);
    if (parser.hasPartialEvent())
        events += parser.feed("\n\n");
    return events;
}

/// Empty when both SSE streams carry the same events (names, comments, and data compared as
/// JSON where it is JSON, so key order does not matter); else what differs.
inline QString compareSse(const QByteArray &actual, const QByteArray &expected)
{
    const QList<SseEvent> a = parseSse(actual);
    const QList<SseEvent> e = parseSse(expected);
    for (qsizetype i = 0; i < qMax(a.size(), e.size()); ++i) {
        if (i >= a.size())
            return QStringLiteral("missing event %1: %2")
                .arg(i)
                .arg(QString::fromUtf8(e[i].toWire()));
        if (i >= e.size())
            return QStringLiteral("extra event %1: %2")
                .arg(i)
                .arg(QString::fromUtf8(a[i].toWire()));
        const SseEvent &x = a[i];
        const SseEvent &y = e[i];
        bool same = x.isComment == y.isComment && x.comment == y.comment && x.event == y.event;
        if (same) {
            const QJsonDocument jx = QJsonDocument::fromJson(x.data);
            const QJsonDocument jy = QJsonDocument::fromJson(y.data);
            same = (!jx.isNull() && !jy.isNull()) ? jx == jy : x.data == y.data;
        }
        if (!same)
            return QStringLiteral("event %1 differs:\n actual:   %2\n expected: %3")
                .arg(i)
                .arg(QString::fromUtf8(x.toWire()).trimmed(),
                     QString::fromUtf8(y.toWire()).trimmed());
    }
    return QString();
}

/// Empty when the JSON documents are equal; else both, for the failure message.
inline QString compareJson(const QJsonObject &actual, const QJsonObject &expected)
{
    if (actual == expected)
        return QString();
    return QStringLiteral("\n actual:   %1\n expected: %2")
        .arg(QString::fromUtf8(QJsonDocument(actual).toJson(QJsonDocument::Compact)),
             QString::fromUtf8(QJsonDocument(expected).toJson(QJsonDocument::Compact)));
}

/// Feeds an upstream stream to `translator` through SseParser in the given pieces, as
/// GatewayCall does, and returns every byte the client would receive.
inline QByteArray runStream(ChatTranslator &translator, const QByteArray &upstream,
                            const QList<qsizetype> &cuts)
{
    SseParser parser;
    QByteArray out;
    qsizetype start = 0;
    QList<qsizetype> ends = cuts;
    ends.append(upstream.size());
    for (const qsizetype end : std::as_const(ends)) {
        for (const SseEvent &event : parser.feed(upstream.mid(start, end - start)))
            out += translator.translateEvent(event);
        start = end;
    }
    if (parser.hasPartialEvent()) {
        for (const SseEvent &event : parser.feed("\n\n"))
            out += translator.translateEvent(event);
    }
    if (translator.isStreamComplete())
        out += translator.finishStream();
    return out;
}

} // namespace GoldenFiles
