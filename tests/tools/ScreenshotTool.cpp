// Makes the README's pictures: the real dashboard pages and the tray menu, on a demo setup
// (DeepSeek with a key, a local Ollama, a few routes), in one language. Run by
// scripts/screenshots.sh under Xvfb with a tray host (trayer); not part of the test suite.
#include "DesktopShell.h"
#include "FakeUpstream.h"
#include "config/ConfigWriter.h"
#include "config/SettingsStore.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/DashboardWindow.h"
#include "gateway/GatewayController.h"
#include "gateway/GatewayRunner.h"
#include "logs/LogsPage.h"
#include "providers/ProvidersPage.h"
#include "requestlog/RequestLogStore.h"
#include "requestlog/RequestLogWriter.h"
#include "requestlog/RequestRecord.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/ProviderKeyStore.h"
#include "status/ProblemMonitor.h"
#include "status/TodayCounter.h"
#include "tray/TrayShell.h"
#include "usage/UsagePage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {
void settle(int ms = 400)
{
    QTest::qWait(ms);
}

/// A month of requests for the Logs and Usage pages: DeepSeek and a local Ollama, four
/// clients, a few errors, more on weekdays.
void writeDemoLog(const QString &path)
{
    struct Kind
    {
        const char *provider;
        const char *model;
        const char *upstream;
    };
    const Kind kinds[] = {{"deepseek", "deepseek-chat", "deepseek-chat"},
                          {"deepseek", "fast", "deepseek-chat"},
                          {"deepseek", "think", "deepseek-reasoner"},
                          {"ollama", "llama3.2:3b", "llama3.2:3b"},
                          {"ollama", "local-qwen2.5-coder:7b", "qwen2.5-coder:7b"}};
    const char *clients[] = {"claude-cli/2.0.14 (external, cli)", "Continue/1.2.3",
                             "OpenAI/Python 1.54.0", "curl/8.5.0"};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<RequestRecord> records;
    for (int i = 0; i < 900; ++i) {
        RequestRecord r;
        const Kind &k = kinds[(i * 7) % 5];
        const qint64 agoSeconds = qint64(900 - i) * 2900 + (i * 613) % 1800;
        r.startedAt = now.addSecs(-agoSeconds);
        r.id = "req_" +
               QByteArray::number(r.startedAt.toMSecsSinceEpoch(), 16).rightJustified(12, '0') +
               QByteArray::number(quint64(i) * 2654435761ULL, 16).rightJustified(16, '0').right(16);
        r.userAgent = QString::fromLatin1(clients[(i / 3) % 4]);
        r.method = QStringLiteral("POST");
        const bool anthropic = r.userAgent.startsWith(QLatin1String("claude-cli"));
        r.path =
            anthropic ? QStringLiteral("/v1/messages") : QStringLiteral("/v1/chat/completions");
        r.format = anthropic ? QStringLiteral("anthropic") : QStringLiteral("openai");
        r.requestedModel = QString::fromLatin1(k.model);
        r.providerId = QString::fromLatin1(k.provider);
        r.upstreamModel = QString::fromLatin1(k.upstream);
        r.stream = i % 4 != 0;
        r.status = i % 37 == 5 ? 429 : i % 53 == 7 ? 502 : i % 71 == 9 ? 499 : 200;
        if (r.status == 429)
            r.errorMessage = QStringLiteral("Rate limit reached, retry after 20 s.");
        else if (r.status == 502)
            r.errorMessage = QStringLiteral("Provider 'deepseek' answered 503: server overloaded.");
        else if (r.status == 499)
            r.errorMessage = QStringLiteral("the client closed the connection");
        r.latencyMs = 600 + (i * 389) % 9000;
        r.firstTokenMs = r.stream ? 180 + (i * 97) % 1400 : -1;
        r.usage.promptTokens = r.status == 200 ? 1200 + (i * 1931) % 24000 : -1;
        r.usage.completionTokens = r.status == 200 ? 80 + (i * 577) % 2400 : -1;
        r.usage.cachedTokens = r.status == 200 && i % 3 == 0 ? 1024 : -1;
        r.requestBytes = 2000 + (i * 211) % 90000;
        r.responseBytes = 600 + (i * 97) % 12000;
        records << r;
    }
    RequestLogWriter writer(path);
    QList<qint64> seqs;
    if (!writer.open() || !writer.write(records, false, 0, &seqs))
        std::fprintf(stderr, "the demo log was not written: %s\n", qPrintable(writer.errorText()));
}

bool save(const QPixmap &pixmap, const QString &path)
{
    const bool ok = pixmap.save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("llm-gateway"));
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("Folder for the PNGs."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("lang"), QStringLiteral("en or zh_CN."),
                      QStringLiteral("LANG"), QStringLiteral("en")});
    parser.process(app);
    const QString lang = parser.value(QStringLiteral("lang"));
    const QDir out(parser.value(QStringLiteral("out")));
    const QString suffix = lang == QLatin1String("en") ? QString() : QLatin1Char('-') + lang;

    // A local "Ollama" that answers the model list, so Fetch models has something to show.
    FakeUpstream ollama;
    ollama.listen();
    ollama.setModelIds({QStringLiteral("llama3.2:3b"), QStringLiteral("qwen2.5-coder:7b"),
                        QStringLiteral("deepseek-r1:8b")});

    QTemporaryDir home;
    GatewayConfig config = GatewayConfig::defaults();
    config.language = lang;
    config.port = 7352;
    for (ProviderSettings &p : config.providers) {
        p.enabled = p.id == QLatin1String("deepseek");
        if (p.enabled) // prices per million tokens, for the usage page's estimate
            p.modelPrices = {{QStringLiteral("deepseek-chat"), ModelPrice{0.27, 1.10, 0.07}},
                             {QStringLiteral("deepseek-reasoner"), ModelPrice{0.55, 2.19, 0.14}}};
    }
    ProviderSettings local;
    local.id = QStringLiteral("ollama");
    local.displayName = QStringLiteral("Ollama");
    local.baseUrl = ollama.baseUrl();
    config.providers.append(local);
    config.routes.append(PrefixRule{QStringLiteral("llama"), QStringLiteral("ollama"), false});
    config.routes.append(PrefixRule{QStringLiteral("local-"), QStringLiteral("ollama"), true});
    config.aliases = {ModelAlias{QStringLiteral("fast"), QStringLiteral("deepseek"),
                                 QStringLiteral("deepseek-chat")},
                      ModelAlias{QStringLiteral("think"), QStringLiteral("deepseek"),
                                 QStringLiteral("deepseek-reasoner")}};
    const QString path = home.filePath(QStringLiteral("config.json"));
    ConfigWriter::save(path, config);

    MemorySecretStore keychain;
    keychain.write(SecretSource::providerAccount(QStringLiteral("deepseek")),
                   QStringLiteral("sk-demo-0000000000000000a1b2"), &app, [](auto &) {});
    StartupOptions options;
    options.configPath = path;
    SettingsStore settings;
    settings.load(options);
    ProviderKeyStore keys(keychain, EnvironmentSettings::fromValues({}));
    AccessTokenStore token(keychain, QString());
    GatewayController gateway;
    GatewayRunner runner(gateway, settings, keys, token);
    ProblemMonitor problems(settings, keys, token, keychain, gateway);
    TodayCounter today(gateway);
    DesktopShell shell(settings, keys, token, gateway, problems, today);
    QSignalSpy ready(&runner, &GatewayRunner::ready);
    runner.start();
    ready.wait(10000);
    shell.start();
    shell.setChatAvailable(true); // as in the app: the tray and the dashboard offer the chat
    // The request log's pages, over a month of demo requests.
    writeDemoLog(home.filePath(QStringLiteral("requests.db")));
    RequestLogStore requestLog(home.filePath(QStringLiteral("requests.db")));
    shell.dashboard()->replacePage(new LogsPage(requestLog, settings, gateway));
    shell.dashboard()->replacePage(new UsagePage(requestLog, settings));
    // A few answered requests for "Today".
    for (int i = 0; i < 42; ++i) {
        RequestRecord record;
        record.status = i % 14 == 13 ? 502 : 200;
        record.usage.promptTokens = 900 + 37 * i;
        record.usage.completionTokens = 250 + 11 * i;
        today.count(record);
    }
    DashboardWindow *window = shell.dashboard();
    window->resize(1100, 720);
    window->show();
    window->bringToFront();
    settle(1500);

    struct Shot
    {
        const char *page;
        const char *file;
    };
    for (const Shot &shot :
         {Shot{"overview", "overview"}, Shot{"providers", "providers"}, Shot{"routes", "routes"},
          Shot{"connect", "connect"}, Shot{"logs", "logs"}, Shot{"usage", "usage"},
          Shot{"settings", "settings"}}) {
        window->showPage(QString::fromLatin1(shot.page));
        window->showMessage(QString(), false);
        if (qstrcmp(shot.page, "providers") == 0) {
            auto *page = qobject_cast<ProvidersPage *>(window->currentPage());
            page->reveal(QStringLiteral("ollama"));
            settle();
            page->findChild<QPushButton *>(QStringLiteral("fetchModelsPushButton"))->click();
            settle(1500);
        }
        if (qstrcmp(shot.page, "logs") == 0) {
            // A failed request selected, its details below the table.
            auto *table =
                window->currentPage()->findChild<QTableView *>(QStringLiteral("requestsTableView"));
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                if (table->model()->index(row, 1).data().toInt() == 429) {
                    table->setCurrentIndex(table->model()->index(row, 0));
                    break;
                }
            }
        }
        if (qstrcmp(shot.page, "routes") == 0) {
            auto *edit =
                window->currentPage()->findChild<QLineEdit *>(QStringLiteral("routeTestLineEdit"));
            edit->setText(QStringLiteral("local-qwen2.5-coder:7b"));
        }
        settle();
        save(window->grab(),
             out.filePath(QStringLiteral("%1%2.png").arg(QLatin1String(shot.file), suffix)));
    }

    // The Overview with problems and their fixes: a hosted provider without a key, and a
    // configuration file broken by a hand edit.
    {
        GatewayConfig withOpenAi = settings.fileConfig();
        for (ProviderSettings &p : withOpenAi.providers) {
            if (p.id == QLatin1String("openai"))
                p.enabled = true;
        }
        settings.save(withOpenAi);
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write("{\n  \"version\": 1,\n  \"port\": 7352,\n  \"routes\": [\n    "
                   "{\"prefix\": \"qwen\", \"provider\": \"ollama\"},\n  ]\n}\n");
        file.close();
        (void)QTest::qWaitFor([&] { return !settings.fileError().isEmpty(); }, 5000);
        window->showPage(QStringLiteral("overview"));
        settle(800);
        save(window->grab(), out.filePath(QStringLiteral("overview-problems%1.png").arg(suffix)));
    }

    // The tray menu, opened next to the icon in the tray host, with the screen around it.
    if (shell.tray() && shell.tray()->isVisible()) {
        window->hide();
        settle(800);
        const QRect iconRect = shell.tray()->icon()->geometry();
        QMenu *menu = shell.tray()->menu();
        QPoint at = iconRect.isValid() ? iconRect.bottomLeft() + QPoint(0, 4) : QPoint(600, 30);
        menu->popup(at);
        settle(800);
        const QRect menuRect = menu->geometry();
        // The panel strip with the icon, and the menu below it.
        const QRect screen = QGuiApplication::primaryScreen()->geometry();
        QRect area = menuRect.united(iconRect.isValid() ? iconRect : menuRect);
        area.setTop(screen.top());
        area.setRight(screen.right());
        area = area.adjusted(-60, 0, 0, 24).intersected(screen);
        save(QGuiApplication::primaryScreen()->grabWindow(0, area.x(), area.y(), area.width(),
                                                          area.height()),
             out.filePath(QStringLiteral("tray-menu%1.png").arg(suffix)));
        menu->hide();
    } else {
        std::fprintf(stderr, "no system tray: the tray menu picture was not made\n");
    }
    gateway.stop();
    return 0;
}
