#pragma once

#include "config/ConfigWriter.h"
#include "config/SettingsStore.h"
#include "gateway/GatewayController.h"
#include "gateway/GatewayRunner.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/ProviderKeyStore.h"
#include "status/ProblemMonitor.h"
#include "status/TodayCounter.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

/// What AppRoot builds for the desktop, for widget tests: the stores on a configuration file
/// in a temporary folder, an in-memory keychain (or a real one), and the real gateway on a
/// port the OS picks. Pages under test get these by reference, as in the app.
class DesktopStack
{
public:
    /// `prepare` edits the configuration written before anything reads it.
    explicit DesktopStack(const std::function<void(GatewayConfig &)> &prepare = {},
                          const QHash<QString, QString> &environment = {},
                          SecretSource *keychain = nullptr)
        : m_keychain(keychain ? keychain : &m_memory)
    {
        GatewayConfig config = GatewayConfig::defaults();
        config.port = 0;
        if (prepare)
            prepare(config);
        m_path = m_dir.filePath(QStringLiteral("config.json"));
        ConfigWriter::save(m_path, config);
        StartupOptions options;
        options.configPath = m_path;
        settings.load(options, EnvironmentSettings::fromValues(environment));
        keys = std::make_unique<ProviderKeyStore>(*m_keychain, settings.environment());
        token = std::make_unique<AccessTokenStore>(*m_keychain, settings.environmentToken());
        runner = std::make_unique<GatewayRunner>(gateway, settings, *keys, *token);
        problems = std::make_unique<ProblemMonitor>(settings, *keys, *token, *m_keychain, gateway);
        today = std::make_unique<TodayCounter>(gateway);
    }
    ~DesktopStack() { gateway.stop(); }

    /// Starts the gateway and waits until it serves with the keychain's answers.
    bool start(int timeoutMs = 15000)
    {
        QSignalSpy ready(runner.get(), &GatewayRunner::ready);
        runner->start();
        return ready.count() > 0 || ready.wait(timeoutMs);
    }

    QString configPath() const { return m_path; }
    QByteArray configBytes() const
    {
        QFile file(m_path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QString dirPath(const QString &name) const { return m_dir.filePath(name); }
    MemorySecretStore &memoryKeychain() { return m_memory; }
    SecretSource &keychain() { return *m_keychain; }

    SettingsStore settings;
    GatewayController gateway;
    std::unique_ptr<ProviderKeyStore> keys;
    std::unique_ptr<AccessTokenStore> token;
    std::unique_ptr<GatewayRunner> runner;
    std::unique_ptr<ProblemMonitor> problems;
    std::unique_ptr<TodayCounter> today;

private:
    QTemporaryDir m_dir;
    QString m_path;
    MemorySecretStore m_memory;
    SecretSource *m_keychain;
};

/// Answers the next modal message box (a confirmation) with the button `choose` picks, as a
/// user would; the box is found once it is on screen.
inline void answerNextMessageBox(const std::function<QAbstractButton *(QMessageBox *)> &choose)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, choose] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        if (QAbstractButton *button = choose(box))
            button->click();
    });
    timer->start();
}

inline void answerNextMessageBox(QMessageBox::StandardButton button)
{
    answerNextMessageBox([button](QMessageBox *box) { return box->button(button); });
}
