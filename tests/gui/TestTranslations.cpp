// Guards the Simplified Chinese translation: every text a user can see has a finished Chinese
// entry with the same placeholders, the .ts file holds exactly what the sources say today (lupdate
// run again finds nothing new and nothing gone), and the catalogue compiled into the app
// translates the texts of every window (dashboard, tray, chat, logs, usage).

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

/// One <message> of a .ts file.
struct TsEntry
{
    QString context;
    QString source;
    QString translationType; // "", "unfinished", "vanished" or "obsolete"
    QStringList forms;       // the translation, or its numerus forms
    bool numerus = false;
};

QList<TsEntry> readTs(const QString &path, QString *error)
{
    QList<TsEntry> entries;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return entries;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsEntry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            entry = TsEntry{};
            entry.context = context;
            entry.numerus =
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            entry.translationType = xml.attributes().value(QLatin1String("type")).toString();
            if (entry.numerus) {
                while (xml.readNextStartElement())
                    entry.forms.append(xml.readElementText());
            } else {
                entry.forms.append(xml.readElementText());
            }
            entries.append(entry);
        }
    }
    if (xml.hasError())
        *error =
            QStringLiteral("%1: %2 at line %3").arg(path, xml.errorString()).arg(xml.lineNumber());
    return entries;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d{1,2}|n)"));
    QSet<QString> found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(1));
    return found;
}

/// Every problem of a Chinese catalogue, one line each; empty when it is complete.
QStringList problemsOf(const QList<TsEntry> &entries)
{
    QStringList problems;
    for (const TsEntry &entry : entries) {
        const QString where =
            entry.context + QStringLiteral(": \"") + entry.source + QStringLiteral("\"");
        if (!entry.translationType.isEmpty()) {
            problems.append(where + QStringLiteral(" is ") + entry.translationType);
            continue;
        }
        if (entry.forms.isEmpty()) {
            problems.append(where + QStringLiteral(" has no translation"));
            continue;
        }
        const QSet<QString> wanted = placeholders(entry.source);
        for (const QString &form : entry.forms) {
            if (form.trimmed().isEmpty() && !entry.source.trimmed().isEmpty())
                problems.append(where + QStringLiteral(" has an empty translation"));
            else if (placeholders(form) != wanted)
                problems.append(where + QStringLiteral(" → \"") + form +
                                QStringLiteral("\" does not keep the placeholders"));
        }
    }
    return problems;
}

QString run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return program + QStringLiteral(" did not finish: ") + process.errorString();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(process.readAll());
    return QString();
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chineseCatalogueIsComplete()
    {
        QString error;
        const QList<TsEntry> entries =
            readTs(QStringLiteral(LLMGW_TS_DIR "/llm-gateway_zh_CN.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(entries.size() > 400);
        const QStringList problems = problemsOf(entries);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("translations/llm-gateway_zh_CN.ts:\n") +
                            problems.join(QLatin1Char('\n'))));
    }

    // lupdate run again over every source the build lists, into a copy: a text added to the
    // code since the last translation pass shows as unfinished, one removed from the code leaves
    // the copy shorter than the file in the tree.
    void catalogueMatchesTheSources()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString project = dir.filePath(QStringLiteral("project.json"));
        QString failure = run(QStringLiteral(LLMGW_CMAKE),
                              {QStringLiteral("-DIN_FILE=" LLMGW_LUPDATE_PROJECT_IN),
                               QStringLiteral("-DOUT_FILE=") + project, QStringLiteral("-P"),
                               QStringLiteral(LLMGW_LUPDATE_PROJECT_SCRIPT)});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        const QString tree = QStringLiteral(LLMGW_TS_DIR "/llm-gateway_zh_CN.ts");
        const QString copy = dir.filePath(QStringLiteral("llm-gateway_zh_CN.ts"));
        QVERIFY(QFile::copy(tree, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        failure = run(QStringLiteral(LLMGW_LUPDATE),
                      {QStringLiteral("-project"), project, QStringLiteral("-ts"), copy,
                       QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                       QStringLiteral("none")});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        QString error;
        const QList<TsEntry> inTree = readTs(tree, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<TsEntry> fresh = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList problems = problemsOf(fresh);
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("texts in the code without a finished Chinese "
                                           "translation (run `cmake --build build --target "
                                           "update_translations`, then translate):\n") +
                            problems.join(QLatin1Char('\n'))));
        QVERIFY2(fresh.size() == inTree.size(),
                 qPrintable(QStringLiteral("translations/llm-gateway_zh_CN.ts holds %1 texts, "
                                           "the code %2: run the update_translations target")
                                .arg(inTree.size())
                                .arg(fresh.size())));
    }

    void embeddedCatalogueTranslatesEveryWindow_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::newRow("dashboard") << "DashboardWindow"
                                   << "Open chat";
        QTest::newRow("tray") << "TrayShell"
                              << "Open dashboard";
        QTest::newRow("overview") << "OverviewPage"
                                  << "Overview";
        QTest::newRow("providers") << "ProvidersPage"
                                   << "Test connection";
        QTest::newRow("chat window") << "ChatWindow"
                                     << "New chat";
        QTest::newRow("chat composer") << "ChatComposer"
                                       << "Send";
        QTest::newRow("chat error") << "ChatError"
                                    << "The request failed.";
        QTest::newRow("logs page") << "LogsPage"
                                   << "Logs";
        QTest::newRow("logs table") << "RequestLogModel"
                                    << "Latency";
        QTest::newRow("usage page") << "UsagePage"
                                    << "Usage";
        QTest::newRow("usage chart") << "UsageChart"
                                     << "Tokens per day";
        QTest::newRow("request log store")
            << "RequestLogStore"
            << "The request log %1 cannot be written (%2), so requests are served but not "
               "recorded.";
    }

    void embeddedCatalogueTranslatesEveryWindow()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral("llm-gateway_zh_CN"), QStringLiteral(":/i18n")));
        const QString translated =
            translator.translate(context.toUtf8().constData(), source.toUtf8().constData());
        QVERIFY2(!translated.isEmpty() && translated != source,
                 qPrintable(context + QStringLiteral(": \"") + source +
                            QStringLiteral("\" is not translated in :/i18n")));
        // Chinese text, not English copied over.
        static const QRegularExpression han(QStringLiteral("\\p{Han}"));
        QVERIFY2(han.match(translated).hasMatch(), qPrintable(translated));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
