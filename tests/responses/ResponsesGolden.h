#pragma once

#include "anthropic/GoldenFiles.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

/// Fixture access for the Responses translators' golden tests (tests/data/responses/<dir>/),
/// and the properties every Responses event stream must have whatever its content.
///
/// Expected outputs are reviewed by hand; with LLMGW_UPDATE_GOLDEN=1 a test writes what the
/// translator produced into a fixture whose expected part is missing (null), for review.
namespace ResponsesGolden {

inline QString path(const QString &dir, const QString &name)
{
    return TestData::path(QStringLiteral("responses/") + dir + QLatin1Char('/') + name);
}

inline bool updating()
{
    return qEnvironmentVariableIsSet("LLMGW_UPDATE_GOLDEN");
}

inline void writeFile(const QString &file, const QByteArray &bytes)
{
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("Cannot write %s", qPrintable(file));
    out.write(bytes);
}

/// The data of each non-comment event, parsed.
inline QList<QJsonObject> eventObjects(const QByteArray &sse)
{
    QList<QJsonObject> events;
    for (const SseEvent &e : GoldenFiles::parseSse(sse)) {
        if (!e.isComment)
            events.append(QJsonDocument::fromJson(e.data).object());
    }
    return events;
}

inline QStringList eventTypes(const QByteArray &sse)
{
    QStringList types;
    for (const QJsonObject &e : eventObjects(sse))
        types.append(e.value(QStringLiteral("type")).toString());
    return types;
}

/// Empty when `sse` is a well-formed Responses stream, else what is wrong: the event name
/// repeats the data's type; sequence numbers count from 0; it opens with response.created
/// and response.in_progress and ends with exactly one terminal event; items are added in
/// output_index order and each is done once; deltas add up to the done texts and arguments;
/// the terminal response lists the done items.
inline QString checkStream(const QByteArray &sse)
{
    const QList<SseEvent> events = GoldenFiles::parseSse(sse);
    QList<QJsonObject> data;
    for (const SseEvent &e : events) {
        if (e.isComment)
            continue;
        const QJsonObject o = QJsonDocument::fromJson(e.data).object();
        if (QString::fromUtf8(e.event) != o.value(QStringLiteral("type")).toString())
            return QStringLiteral("event name %1 differs from type %2")
                .arg(QString::fromUtf8(e.event), o.value(QStringLiteral("type")).toString());
        data.append(o);
    }
    if (data.size() < 3)
        return QStringLiteral("only %1 events").arg(data.size());
    QHash<int, QJsonObject> added;
    QHash<int, QJsonObject> done;
    QHash<QString, QString> textDeltas; // item/content key -> text
    QHash<QString, QString> textDone;
    int terminal = 0;
    bool failed = false;
    for (int i = 0; i < data.size(); ++i) {
        const QJsonObject &e = data[i];
        const QString type = e.value(QStringLiteral("type")).toString();
        if (e.value(QStringLiteral("sequence_number")).toInt(-1) != i)
            return QStringLiteral("event %1 (%2) has sequence_number %3")
                .arg(i)
                .arg(type)
                .arg(e.value(QStringLiteral("sequence_number")).toInt(-1));
        if (i == 0 && type != QLatin1String("response.created"))
            return QStringLiteral("the first event is %1").arg(type);
        if (i == 1 && type != QLatin1String("response.in_progress"))
            return QStringLiteral("the second event is %1").arg(type);
        const int outputIndex = e.value(QStringLiteral("output_index")).toInt(-1);
        const QString key = e.value(QStringLiteral("item_id")).toString() + QLatin1Char('/') +
                            QString::number(e.value(QStringLiteral("content_index")).toInt()) +
                            QLatin1Char('/') +
                            QString::number(e.value(QStringLiteral("summary_index")).toInt());
        if (type == QLatin1String("response.output_item.added")) {
            if (outputIndex != added.size())
                return QStringLiteral("item added at output_index %1, expected %2")
                    .arg(outputIndex)
                    .arg(added.size());
            added.insert(outputIndex, e.value(QStringLiteral("item")).toObject());
        } else if (type == QLatin1String("response.output_item.done")) {
            if (!added.contains(outputIndex) || done.contains(outputIndex))
                return QStringLiteral("item %1 done without being open").arg(outputIndex);
            done.insert(outputIndex, e.value(QStringLiteral("item")).toObject());
        } else if (type.endsWith(QLatin1String(".delta"))) {
            if (!added.contains(outputIndex) || done.contains(outputIndex))
                return QStringLiteral("%1 for item %2, which is not open")
                    .arg(type)
                    .arg(outputIndex);
            textDeltas[type.chopped(6) + key] += e.value(QStringLiteral("delta")).toString();
        } else if (type.endsWith(QLatin1String(".done")) &&
                   !type.startsWith(QLatin1String("response.output_item")) &&
                   !type.endsWith(QLatin1String("part.done"))) {
            const QString whole = e.contains(QStringLiteral("text"))
                                      ? e.value(QStringLiteral("text")).toString()
                                  : e.contains(QStringLiteral("refusal"))
                                      ? e.value(QStringLiteral("refusal")).toString()
                                      : e.value(QStringLiteral("arguments")).toString();
            textDone[type.chopped(5) + key] = whole;
        } else if (type == QLatin1String("response.completed") ||
                   type == QLatin1String("response.incomplete") ||
                   type == QLatin1String("response.failed")) {
            ++terminal;
            if (i != data.size() - 1)
                return QStringLiteral("%1 is not the last event").arg(type);
            const QJsonArray output = e.value(QStringLiteral("response"))
                                          .toObject()
                                          .value(QStringLiteral("output"))
                                          .toArray();
            failed = type == QLatin1String("response.failed");
            if (!failed) {
                if (output.size() != done.size())
                    return QStringLiteral("the response lists %1 items, %2 were done")
                        .arg(output.size())
                        .arg(done.size());
                for (int k = 0; k < output.size(); ++k) {
                    if (output.at(k).toObject() != done.value(k))
                        return QStringLiteral("response output %1 differs from its done item")
                            .arg(k);
                }
            }
        }
    }
    if (terminal != 1)
        return QStringLiteral("%1 terminal events").arg(terminal);
    if (failed) // items may stop half way
        return QString();
    for (auto it = textDeltas.cbegin(); it != textDeltas.cend(); ++it) {
        if (!textDone.contains(it.key()))
            return QStringLiteral("no done event for %1").arg(it.key());
        if (textDone.value(it.key()) != it.value())
            return QStringLiteral("deltas of %1 add up to \"%2\", done says \"%3\"")
                .arg(it.key(), it.value(), textDone.value(it.key()));
    }
    return QString();
}

/// The golden checks both Responses translators share, on fixtures in
/// tests/data/responses/<dir>/: request_*.json {model, client, upstream},
/// response_*.json {client_request, upstream, client} and stream_*.{request.json,
/// upstream.sse, client.sse}. Translators are pinned to the id seed "test" and a fixed clock.
/// QVERIFY/QCOMPARE inside return from the helper only.
template <typename Translator> class GoldenSuite
{
public:
    explicit GoldenSuite(QString dir) : m_dir(std::move(dir)) {}

    static void pin(Translator &t)
    {
        t.setIdSeed(QStringLiteral("test"));
        t.setCreatedTimestamp(1700000000);
    }

    QJsonObject readJson(const QString &name) const
    {
        return GoldenFiles::readJson(path(m_dir, name));
    }

    void addRows(const QString &prefix, const QString &suffix) const
    {
        QTest::addColumn<QString>("name");
        const QStringList names =
            GoldenFiles::fixtures(QStringLiteral("../responses/") + m_dir, prefix, suffix);
        QVERIFY(!names.isEmpty());
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << name;
    }

    /// Starts `t` on `client` (a request for its own model name).
    static bool start(Translator &t, const QJsonObject &client, QByteArray *body = nullptr)
    {
        QByteArray ignored;
        GatewayError error;
        return t.translateRequest(client, client.value(QStringLiteral("model")).toString(),
                                  body ? body : &ignored, &error);
    }

    void checkRequest(const QString &name, const QByteArray &upstreamPath) const
    {
        const QString file = path(m_dir, name + QStringLiteral(".json"));
        QJsonObject fixture = GoldenFiles::readJson(file);
        Translator t;
        QByteArray body;
        GatewayError error;
        QVERIFY2(t.translateRequest(fixture.value(QStringLiteral("client")).toObject(),
                                    fixture.value(QStringLiteral("model")).toString(), &body,
                                    &error),
                 qPrintable(error.message));
        const QJsonObject actual = QJsonDocument::fromJson(body).object();
        if (fixture.value(QStringLiteral("upstream")).isNull() && updating()) {
            fixture.insert(QStringLiteral("upstream"), actual);
            writeFile(file, QJsonDocument(fixture).toJson());
            QSKIP("fixture written: review it");
        }
        const QString diff =
            GoldenFiles::compareJson(actual, fixture.value(QStringLiteral("upstream")).toObject());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(t.upstreamPath(QStringLiteral("m"), false).path, upstreamPath);
    }

    /// Checks response fixture `name`; `translator` is left as it ended (for usage checks).
    void checkResponse(const QString &name, Translator &t, QJsonObject *fixtureOut) const
    {
        const QString file = path(m_dir, name + QStringLiteral(".json"));
        QJsonObject fixture = GoldenFiles::readJson(file);
        *fixtureOut = fixture;
        pin(t);
        QVERIFY(start(t, fixture.value(QStringLiteral("client_request")).toObject()));
        QByteArray body;
        GatewayError error;
        QVERIFY2(t.translateResponse(
                     QJsonDocument(fixture.value(QStringLiteral("upstream")).toObject()).toJson(),
                     &body, &error),
                 qPrintable(error.message));
        const QJsonObject actual = QJsonDocument::fromJson(body).object();
        if (fixture.value(QStringLiteral("client")).isNull() && updating()) {
            fixture.insert(QStringLiteral("client"), actual);
            writeFile(file, QJsonDocument(fixture).toJson());
            QSKIP("fixture written: review it");
        }
        const QString diff =
            GoldenFiles::compareJson(actual, fixture.value(QStringLiteral("client")).toObject());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    QByteArray streamOf(const QString &name, const QList<qsizetype> &cuts = {}) const
    {
        Translator t;
        pin(t);
        start(t, readJson(name + QStringLiteral(".request.json")));
        return GoldenFiles::runStream(
            t, TestData::read(path(m_dir, name + QStringLiteral(".upstream.sse"))), cuts);
    }

    void checkStream(const QString &name) const
    {
        const QByteArray actual = streamOf(name);
        const QString expectedFile = path(m_dir, name + QStringLiteral(".client.sse"));
        if (!QFile::exists(expectedFile) && updating()) {
            writeFile(expectedFile, actual);
            QSKIP("fixture written: review it");
        }
        const QString diff = GoldenFiles::compareSse(actual, TestData::read(expectedFile));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        const QString problem = ResponsesGolden::checkStream(actual);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void checkSplitAtEveryByte(const QString &name) const
    {
        const QByteArray whole = streamOf(name);
        QVERIFY(!whole.isEmpty());
        const qsizetype size =
            TestData::read(path(m_dir, name + QStringLiteral(".upstream.sse"))).size();
        QList<qsizetype> everyByte;
        for (qsizetype cut = 1; cut < size; ++cut) {
            if (streamOf(name, {cut}) != whole)
                QFAIL(qPrintable(QStringLiteral("output differs when split at byte %1").arg(cut)));
            everyByte.append(cut);
        }
        QCOMPARE(streamOf(name, everyByte), whole);
    }

private:
    QString m_dir;
};

} // namespace ResponsesGolden
