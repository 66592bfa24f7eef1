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
#include "providers/ProvidersPage.h"
#include "requestlog/RequestRecord.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/ProviderKeyStore.h"
#include "status/ProblemMonitor.h"
#include "status/TodayCounter.h"
#include "tray/TrayShell.h"

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
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {
void settle(int ms = 400)
{
    QTest::qWait(ms);
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
    for (ProviderSettings &p : config.providers)
        p.enabled = p.id == QLatin1String("deepseek");
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
    // A few answered requests for "Today".
    for (int i = 0; i < 42; ++i) {
        RequestRecord record;
        record.status = i % 14 == 13 ? 502 : 200;
        record.usage.promptTokens = 900 + 37 * i;
        record.usage.completionTokens = 250 + 11 * i;
        today.count(record);
    }
    DashboardWindow *window = shell.dashboard();
    window->resize(980, 680);
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
          Shot{"connect", "connect"}, Shot{"settings", "settings"}}) {
        window->showPage(QString::fromLatin1(shot.page));
        window->showMessage(QString(), false);
        if (qstrcmp(shot.page, "providers") == 0) {
            auto *page = qobject_cast<ProvidersPage *>(window->currentPage());
            page->reveal(QStringLiteral("ollama"));
            settle();
            page->findChild<QPushButton *>(QStringLiteral("fetchModelsPushButton"))->click();
            settle(1500);
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
        QTest::qWaitFor([&] { return !settings.fileError().isEmpty(); }, 5000);
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
