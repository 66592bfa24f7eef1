#pragma once

#include "GoldenFiles.h"

#include <QTest>

#include <functional>

/// The golden-test driving both translation directions share: fixture rows, request, response
/// and stream comparisons against tests/data/anthropic/<direction>/, and the split-at-every-byte
/// stream check. The QVERIFY/QCOMPARE inside return from the helper only, so a test that checks
/// more afterwards must look at QTest::currentTestFailed() first.
template <typename Translator> class GoldenSuite
{
public:
    /// `prepare` runs on every translator the suite makes, e.g. to pin its clock.
    GoldenSuite(const QString &direction, const QString &defaultModel,
                std::function<void(Translator &)> prepare = {})
        : m_direction(direction), m_defaultModel(defaultModel), m_prepare(std::move(prepare))
    {}

    QString path(const QString &name) const
    {
        return GoldenFiles::dataDir(m_direction) + QLatin1Char('/') + name;
    }

    /// The upstream body `translator` builds from `client`, or {"error": message}.
    QJsonObject translatedRequest(Translator &translator, const QJsonObject &client,
                                  const QString &model = QString()) const
    {
        QByteArray body;
        GatewayError error;
        if (!translator.translateRequest(client, model.isNull() ? m_defaultModel : model, &body,
                                         &error))
            return QJsonObject{{QStringLiteral("error"), error.message}};
        return QJsonDocument::fromJson(body).object();
    }

    /// What the client receives for fixture `name`'s upstream stream fed in pieces cut at
    /// `cuts`, after translating its request (streams depend on what the client asked for).
    QByteArray streamOf(const QString &name, const QList<qsizetype> &cuts = {}) const
    {
        Translator translator;
        if (m_prepare)
            m_prepare(translator);
        translatedRequest(translator,
                          GoldenFiles::readJson(path(name + QStringLiteral(".request.json"))));
        return GoldenFiles::runStream(
            translator, GoldenFiles::readFile(path(name + QStringLiteral(".upstream.sse"))), cuts);
    }

    /// One "name" row per fixture `<prefix>*<suffix>`; at least `minimum` of them.
    void addFixtureRows(const QString &prefix, const QString &suffix, qsizetype minimum) const
    {
        QTest::addColumn<QString>("name");
        const QStringList names = GoldenFiles::fixtures(m_direction, prefix, suffix);
        QVERIFY(names.size() >= minimum);
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << name;
    }

    /// Fixture `name`.json's "client" request, for "model", gives its "upstream" body.
    void checkRequest(const QString &name, const QByteArray &upstreamPath) const
    {
        const QJsonObject fixture = GoldenFiles::readJson(path(name + QStringLiteral(".json")));
        Translator translator;
        if (m_prepare)
            m_prepare(translator);
        const QJsonObject actual =
            translatedRequest(translator, fixture.value(QStringLiteral("client")).toObject(),
                              fixture.value(QStringLiteral("model")).toString());
        const QString diff =
            GoldenFiles::compareJson(actual, fixture.value(QStringLiteral("upstream")).toObject());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        const UpstreamPath where =
            translator.upstreamPath(fixture.value(QStringLiteral("model")).toString(m_defaultModel),
                                    fixture.value(QStringLiteral("client"))
                                        .toObject()
                                        .value(QStringLiteral("stream"))
                                        .toBool());
        QCOMPARE(where.path, upstreamPath);
        QVERIFY(where.query.isEmpty());
    }

    /// Fixture `name`.json's "upstream" body, translated by `translator`, gives its "client"
    /// body. `fixture` receives the fixture for further checks.
    void checkResponse(const QString &name, Translator &translator, QJsonObject *fixture) const
    {
        *fixture = GoldenFiles::readJson(path(name + QStringLiteral(".json")));
        if (m_prepare)
            m_prepare(translator);
        QByteArray body;
        GatewayError error;
        QVERIFY(translator.translateResponse(
            QJsonDocument(fixture->value(QStringLiteral("upstream")).toObject()).toJson(), &body,
            &error));
        const QString diff =
            GoldenFiles::compareJson(QJsonDocument::fromJson(body).object(),
                                     fixture->value(QStringLiteral("client")).toObject());
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    /// Fixture `name`'s upstream stream gives its client stream.
    void checkStream(const QString &name) const
    {
        const QString diff = GoldenFiles::compareSse(
            streamOf(name), GoldenFiles::readFile(path(name + QStringLiteral(".client.sse"))));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    /// The client stream does not depend on where TCP splits the upstream stream: a cut at
    /// any single byte, and at every byte at once, give the same bytes as the whole.
    void checkSplitAtEveryByte(const QString &name) const
    {
        const QByteArray whole = streamOf(name);
        QVERIFY(!whole.isEmpty());
        const qsizetype size =
            GoldenFiles::readFile(path(name + QStringLiteral(".upstream.sse"))).size();
        QList<qsizetype> everyByte;
        for (qsizetype cut = 1; cut < size; ++cut) {
            if (streamOf(name, {cut}) != whole)
                QFAIL(qPrintable(QStringLiteral("output differs when split at byte %1").arg(cut)));
            everyByte.append(cut);
        }
        QCOMPARE(streamOf(name, everyByte), whole);
    }

private:
    QString m_direction;
    QString m_defaultModel;
    std::function<void(Translator &)> m_prepare;
};
