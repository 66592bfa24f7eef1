// No usable keychain: a session bus without any Secret Service, a locked keyring (where a read
// says "not found" and only a write tells the truth), a service that never answers, and no bus
// at all. The store and the app say so plainly and go on with the environment's keys; nothing
// falls back to a plain file.
#include "FakeUpstream.h"
#include "KeychainTestSupport.h"
#include "RawHttpClient.h"
#include "secrets/AccessTokenStore.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/ProviderKeyStore.h"
#include "secrets/SecretServiceStore.h"
#include "secrets/SecretServiceTypes.h"
#include "secrets/SystemKeychain.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVirtualObject>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace {
SecretResult await(const std::function<void(SecretSource::Callback)> &operation)
{
    // A timeout answers Ok, which makes the caller's check fail visibly.
    return KeychainTestSupport::await(operation, 30000, SecretResult::Status::Ok);
}

const QByteArray kBody = R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})";

/// A Secret Service that takes every call and answers none, as a hung service does. With
/// `offersPrompt` it answers a read just far enough to show an unlock prompt that never
/// completes.
class SilentSecretService : public QDBusVirtualObject
{
public:
    QStringList calls; ///< the methods this process's QtDBus connection called, in order
    bool offersPrompt = false;

    QString introspect(const QString &) const override { return QString(); }
    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        // Not libsecret's calls (QtKeychain's GDBus connection refreshes its proxy of the
        // service when the name gets a new owner).
        if (message.service() == QDBusConnection::sessionBus().baseService())
            calls << message.member();
        const QString base = SecretServiceApi::kServicePath;
        const auto paths = [](const QList<QDBusObjectPath> &list) {
            return QVariant::fromValue(list);
        };
        if (offersPrompt && message.member() == QLatin1String("SearchItems")) {
            const QDBusObjectPath lockedItem(base + QStringLiteral("/collection/login/1"));
            connection.send(message.createReply(QVariantList{paths({}), paths({lockedItem})}));
        } else if (offersPrompt && message.member() == QLatin1String("Unlock")) {
            const QDBusObjectPath prompt(base + QStringLiteral("/prompt/u1"));
            connection.send(
                message.createReply(QVariantList{paths({}), QVariant::fromValue(prompt)}));
        } else if (message.member() == QLatin1String("Prompt")) {
            connection.send(message.createReply()); // shown; Completed never follows
        }
        return true; // handled: QtDBus sends no error for what stays unanswered
    }
};
} // namespace

class TestKeychainUnavailable : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_keyring;

    /// Waits until org.freedesktop.secrets has an owner on the bus (`owned`) or has none.
    static bool waitForSecretsOwner(bool owned)
    {
        return QTest::qWaitFor(
            [&] {
                QProcess busctl;
                busctl.start(QStringLiteral("dbus-send"),
                             {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                              QStringLiteral("--dest=org.freedesktop.DBus"),
                              QStringLiteral("/org/freedesktop/DBus"),
                              QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                              QStringLiteral("string:org.freedesktop.secrets")});
                busctl.waitForFinished(5000);
                return busctl.readAllStandardOutput().contains("boolean true") == owned;
            },
            10000);
    }

    /// gnome-keyring in the foreground under `home`; unlocked (and created) with `password`
    /// if one is given.
    bool startKeyring(const QString &home, const QByteArray &password)
    {
        QDir().mkpath(home + QStringLiteral("/run"));
        QFile::setPermissions(home + QStringLiteral("/run"), QFileDevice::ReadOwner |
                                                                 QFileDevice::WriteOwner |
                                                                 QFileDevice::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/run"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        m_keyring.setProcessEnvironment(env);
        QStringList arguments{QStringLiteral("--foreground"),
                              QStringLiteral("--components=secrets")};
        if (!password.isEmpty())
            arguments << QStringLiteral("--unlock");
        m_keyring.start(QStringLiteral("gnome-keyring-daemon"), arguments);
        if (!m_keyring.waitForStarted())
            return false;
        if (!password.isEmpty())
            m_keyring.write(password);
        m_keyring.closeWriteChannel();
        return waitForSecretsOwner(true);
    }

    void stopKeyring()
    {
        if (m_keyring.state() == QProcess::NotRunning)
            return;
        m_keyring.terminate();
        if (!m_keyring.waitForFinished(5000))
            m_keyring.kill();
        m_keyring.waitForFinished(5000);
        QVERIFY(waitForSecretsOwner(false));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A private session bus that can start no service: no Secret Service on it.
        QDir(m_dir.path()).mkpath(QStringLiteral("services"));
        QFile config(m_dir.filePath(QStringLiteral("bus.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral(
                         "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration "
                         "1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/"
                         "busconfig.dtd\">\n<busconfig><type>session</type>"
                         "<listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
                         "<servicedir>%1/services</servicedir>"
                         "<policy context=\"default\"><allow send_destination=\"*\" "
                         "eavesdrop=\"true\"/><allow eavesdrop=\"true\"/><allow own=\"*\"/>"
                         "</policy></busconfig>\n")
                         .arg(m_dir.path())
                         .toUtf8());
        config.close();
        m_bus.start(QStringLiteral("dbus-daemon"),
                    {QStringLiteral("--config-file=") + config.fileName(),
                     QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
        QVERIFY(m_bus.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return m_bus.canReadLine(); }, 10000));
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY(address.startsWith("unix:"));
        // Before anything in this process touches D-Bus: this is the session bus from now on.
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    }

    void cleanupTestCase()
    {
        for (QProcess *p : {&m_keyring, &m_bus}) {
            if (p->state() != QProcess::NotRunning) {
                p->terminate();
                if (!p->waitForFinished(5000))
                    p->kill();
                p->waitForFinished(5000);
            }
        }
    }

    void noSecretService()
    {
        KeychainSecretStore store;
        const SecretResult probed = await([&](auto done) { store.probe(this, done); });
        qInfo("no Secret Service: %s", qPrintable(probed.message));
        QCOMPARE(probed.status, SecretResult::Status::Unavailable);
        QVERIFY2(probed.message.contains(QLatin1String("no Secret Service")),
                 qPrintable(probed.message));
        QVERIFY(probed.message.startsWith(QLatin1String("The system keychain is unavailable")));
        QCOMPARE(store.availability(), KeychainSecretStore::Availability::Unavailable);
        // Known to be unavailable, a read says so rather than "not found".
        const SecretResult read = await([&](auto done) {
            store.read(SecretSource::providerAccount(QStringLiteral("openai")), this, done);
        });
        QCOMPARE(read.status, SecretResult::Status::Unavailable);
        QCOMPARE(read.message, probed.message);
    }

    void secretServiceStoreWithoutService()
    {
        // Nothing owns or can start org.freedesktop.secrets, and no KWallet either: QtKeychain
        // could reach nothing, so the factory takes the store that costs less...
        QCOMPARE(SystemKeychain::choose(QProcessEnvironment()),
                 SystemKeychain::Backend::SecretService);
        // ...but with KWallet's own service on the bus, QtKeychain (which can reach it).
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY(bus.registerService(QStringLiteral("org.kde.kwalletd5")));
        QCOMPARE(SystemKeychain::choose(QProcessEnvironment()),
                 SystemKeychain::Backend::QtKeychain);
        QVERIFY(bus.unregisterService(QStringLiteral("org.kde.kwalletd5")));
        QCOMPARE(SystemKeychain::choose(QProcessEnvironment()),
                 SystemKeychain::Backend::SecretService);
        // The store says why at once (the bus answers ServiceUnknown), long before its 15 s
        // timeout.
        SecretServiceStore store;
        QElapsedTimer clock;
        clock.start();
        const SecretResult probed = await([&](auto done) { store.probe(this, done); });
        const qint64 elapsedMs = clock.elapsed();
        qInfo("no Secret Service (SecretServiceStore, %lld ms): %s", elapsedMs,
              qPrintable(probed.message));
        QCOMPARE(probed.status, SecretResult::Status::Unavailable);
        QVERIFY2(probed.message.startsWith(QLatin1String(
                     "The system keychain is unavailable: no Secret Service (gnome-keyring")),
                 qPrintable(probed.message));
        QVERIFY2(elapsedMs < SecretServiceStore::kDefaultTimeoutMs / 2,
                 qPrintable(QString::number(elapsedMs)));
        QCOMPARE(store.availability(), SecretSource::Availability::Unavailable);
        QCOMPARE(store.unavailableReason(), probed.message);
        // Known to be unavailable, a read and a remove say so rather than "not found".
        const SecretResult read = await([&](auto done) {
            store.read(SecretSource::providerAccount(QStringLiteral("openai")), this, done);
        });
        QCOMPARE(read.status, SecretResult::Status::Unavailable);
        QCOMPARE(read.message, probed.message);
        const SecretResult removed = await([&](auto done) {
            store.remove(SecretSource::providerAccount(QStringLiteral("openai")), this, done);
        });
        QCOMPARE(removed.status, SecretResult::Status::Unavailable);
    }

    void storesFallBackToEnvironment()
    {
        KeychainSecretStore store;
        ProviderKeyStore keys(
            store, EnvironmentSettings::fromValues(
                       {{QStringLiteral("DEEPSEEK_API_KEY"), QStringLiteral("sk-env-ds")},
                        {QStringLiteral("LLM_GATEWAY_TOKEN"), QStringLiteral("llmgw-env")}}));
        keys.load({QStringLiteral("openai"), QStringLiteral("deepseek")});
        QTRY_VERIFY_WITH_TIMEOUT(!keys.isLoading(), 30000);
        QCOMPARE(store.availability(), SecretSource::Availability::Unavailable);
        QVERIFY(store.unavailableReason().contains(QLatin1String("no Secret Service")));
        QCOMPARE(keys.key(QStringLiteral("deepseek")), QStringLiteral("sk-env-ds"));
        QCOMPARE(keys.source(QStringLiteral("deepseek")), ProviderKeyStore::Source::Environment);
        QVERIFY(!keys.keys().contains(QStringLiteral("openai")));
        // Storing a key fails with the reason, and nothing is kept anywhere else.
        std::optional<QString> error;
        keys.setKey(QStringLiteral("openai"), QStringLiteral("sk-typed-in"), this,
                    [&](const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 30000);
        QVERIFY2(error->contains(QLatin1String("keychain is unavailable")), qPrintable(*error));
        QVERIFY(keys.key(QStringLiteral("openai")).isEmpty());

        // Without LLM_GATEWAY_TOKEN the token is missing, and the store says why.
        AccessTokenStore token(store, QString());
        token.load();
        QTRY_COMPARE_WITH_TIMEOUT(token.state(), AccessTokenStore::State::Missing, 30000);
        QVERIFY(token.token().isEmpty());
        QVERIFY2(token.problem().contains(QLatin1String("no Secret Service")) &&
                     token.problem().contains(QLatin1String("LLM_GATEWAY_TOKEN")),
                 qPrintable(token.problem()));
        AccessTokenStore fromEnvironment(store, QStringLiteral("llmgw-env"));
        fromEnvironment.load();
        QCOMPARE(fromEnvironment.token(), QStringLiteral("llmgw-env"));
    }

    void lockedKeyring()
    {
        // gnome-keyring on the bus, but never unlocked and with no keyring to open: the trap.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString home = m_dir.filePath(QStringLiteral("home"));
        QDir().mkpath(home + QStringLiteral("/run"));
        QFile::setPermissions(home + QStringLiteral("/run"), QFileDevice::ReadOwner |
                                                                 QFileDevice::WriteOwner |
                                                                 QFileDevice::ExeOwner);
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/run"));
        env.remove(QStringLiteral("DISPLAY"));
        m_keyring.setProcessEnvironment(env);
        m_keyring.start(QStringLiteral("gnome-keyring-daemon"),
                        {QStringLiteral("--foreground"), QStringLiteral("--components=secrets")});
        QVERIFY(m_keyring.waitForStarted());
        QProcess busctl; // wait until the daemon owns its name on the bus
        QVERIFY(QTest::qWaitFor(
            [&] {
                busctl.start(QStringLiteral("dbus-send"),
                             {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                              QStringLiteral("--dest=org.freedesktop.DBus"),
                              QStringLiteral("/org/freedesktop/DBus"),
                              QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                              QStringLiteral("string:org.freedesktop.secrets")});
                busctl.waitForFinished(5000);
                return busctl.readAllStandardOutput().contains("boolean true");
            },
            10000));

        KeychainSecretStore store;
        // A read alone cannot tell: it answers "not found" on a locked keyring.
        const SecretResult read = await([&](auto done) {
            store.read(SecretSource::providerAccount(QStringLiteral("openai")), this, done);
        });
        QCOMPARE(read.status, SecretResult::Status::NotFound);
        // The key store therefore probes with a write, which tells the truth.
        ProviderKeyStore keys(store,
                              EnvironmentSettings::fromValues(
                                  {{QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env")}}));
        keys.load({QStringLiteral("openai"), QStringLiteral("anthropic")});
        QTRY_COMPARE_WITH_TIMEOUT(store.availability(), SecretSource::Availability::Unavailable,
                                  30000);
        qInfo("locked keyring: %s", qPrintable(store.unavailableReason()));
        QVERIFY2(store.unavailableReason().startsWith(
                     QLatin1String("The system keychain is unavailable")),
                 qPrintable(store.unavailableReason()));
        QCOMPARE(keys.key(QStringLiteral("openai")), QStringLiteral("sk-env"));
        // The first-run token cannot be stored either: missing, with the reason.
        AccessTokenStore token(store, QString());
        token.load();
        QTRY_COMPARE_WITH_TIMEOUT(token.state(), AccessTokenStore::State::Missing, 30000);
    }

    void lockedKeyringSecretService()
    {
        // The same locked gnome-keyring (started by lockedKeyring()), through the new store.
        QCOMPARE(m_keyring.state(), QProcess::Running);
        QCOMPARE(SystemKeychain::choose(QProcessEnvironment()),
                 SystemKeychain::Backend::SecretService);
        SecretServiceStore store;
        const SecretResult read = await([&](auto done) {
            store.read(SecretSource::providerAccount(QStringLiteral("openai")), this, done);
        });
        QCOMPARE(read.status, SecretResult::Status::NotFound);
        QElapsedTimer clock;
        clock.start();
        const SecretResult probed = await([&](auto done) { store.probe(this, done); });
        qInfo("locked keyring (SecretServiceStore, %lld ms): %s", clock.elapsed(),
              qPrintable(probed.message));
        QCOMPARE(probed.status, SecretResult::Status::Unavailable);
        QVERIFY2(probed.message.startsWith(QLatin1String("The system keychain is unavailable")) &&
                     probed.message.contains(QLatin1String("no default collection")),
                 qPrintable(probed.message));
        QCOMPARE(store.availability(), SecretSource::Availability::Unavailable);
    }

    void lockedCollectionAsksToUnlock()
    {
        // A keyring that holds the key but is locked: the store asks the service to unlock,
        // the service prompts, and with no display to show the prompt on it is dismissed.
        stopKeyring();
        const QString home = m_dir.filePath(QStringLiteral("home-locked"));
        QVERIFY(startKeyring(home, "secret-password"));
        const QString account = SecretSource::providerAccount(QStringLiteral("openai"));
        {
            SecretServiceStore store;
            QCOMPARE(await([&](auto done) {
                         store.write(account, QStringLiteral("sk-l"), this, done);
                     }).status,
                     SecretResult::Status::Ok);
        }
        stopKeyring();
        QVERIFY(startKeyring(home, QByteArray())); // the same keyring, not unlocked this time
        SecretServiceStore store;
        const SecretResult read = await([&](auto done) { store.read(account, this, done); });
        qInfo("locked collection: %s", qPrintable(read.message));
        QCOMPARE(read.status, SecretResult::Status::Unavailable);
        QVERIFY2(read.message.contains(QLatin1String("access was denied")),
                 qPrintable(read.message));
        QCOMPARE(store.availability(), SecretSource::Availability::Unavailable);
        stopKeyring();
    }

    void appRunsOnEnvironmentKeys()
    {
        // The binary with no reachable session bus at all.
        FakeUpstream upstream;
        QVERIFY(upstream.listen());
        upstream.setChatReply(
            FakeReply::chatCompletion(QStringLiteral("gpt-4o"), QStringLiteral("hello")));
        QTemporaryDir home;
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + home.filePath(QStringLiteral("no-bus")));
        env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env-only-5150"));
        env.insert(QStringLiteral("OPENAI_API_BASE"), upstream.baseUrl().toString());
        env.insert(QStringLiteral("LLM_GATEWAY_TOKEN"), QStringLiteral("llmgw-env-token-77"));

        QProcess gateway;
        gateway.setProcessEnvironment(env);
        gateway.setWorkingDirectory(home.path());
        QVERIFY(KeychainTestSupport::startHeadless(gateway));
        QByteArray log;
        const QUrl base = KeychainTestSupport::waitUntilServing(gateway, &log, 30000);
        QVERIFY2(base.isValid(), log.constData());
        QVERIFY2(log.contains("The system keychain is unavailable: there is no desktop session "
                              "bus (D-Bus)"),
                 log.constData());
        QVERIFY(log.contains("keys from the environment"));
        QVERIFY(log.contains("key from the environment"));
        const RawHttpResponse ok =
            RawHttpClient::fetch(base, "POST", "/v1/chat/completions", kBody,
                                 {{"Authorization", "Bearer llmgw-env-token-77"}});
        QCOMPARE(ok.status, 200);
        QCOMPARE(upstream.lastChatRequest().header("authorization"),
                 QByteArray("Bearer sk-env-only-5150"));
        gateway.terminate();
        QVERIFY(gateway.waitForFinished(20000));
        log += gateway.readAllStandardError() + gateway.readAllStandardOutput();
        QVERIFY(!log.contains("sk-env-only-5150"));
        QVERIFY(!log.contains("llmgw-env-token-77"));
        // No plaintext fallback: nothing the app wrote holds the key.
        QDirIterator it(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("sk-env-only-5150"), qPrintable(f.fileName()));
        }

        // Without LLM_GATEWAY_TOKEN there is no token to show, and the app says why.
        env.remove(QStringLiteral("LLM_GATEWAY_TOKEN"));
        QProcess show;
        show.setProcessEnvironment(env);
        show.start(QStringLiteral(LLMGW_BINARY), {QStringLiteral("--show-token")});
        QVERIFY(show.waitForFinished(30000));
        QCOMPARE(show.exitCode(), 1);
        QVERIFY(show.readAllStandardOutput().isEmpty());
        const QByteArray why = show.readAllStandardError();
        QVERIFY2(why.contains("keychain is unavailable") && why.contains("LLM_GATEWAY_TOKEN"),
                 why.constData());
    }

    void serviceThatNeverAnswers()
    {
        // An operation the service never answers ends at the store's timeout, with the
        // sentence that says so, and the operations queued behind it run after it, one at a
        // time, in the order asked. Last here: the silent service owns the name meanwhile.
        const QString connectionName = QStringLiteral("silent-secret-service");
        QDBusConnection silent =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, connectionName);
        QVERIFY(silent.isConnected());
        SilentSecretService service;
        QVERIFY(silent.registerVirtualObject(SecretServiceApi::kServicePath, &service,
                                             QDBusConnection::SubPath));
        QVERIFY(silent.registerService(SecretServiceApi::kService));
        const auto leave = qScopeGuard([&] {
            silent.unregisterService(SecretServiceApi::kService);
            silent.unregisterObject(SecretServiceApi::kServicePath,
                                    QDBusConnection::UnregisterTree);
            QDBusConnection::disconnectFromBus(connectionName);
        });
        const QString account = SecretSource::providerAccount(QStringLiteral("openai"));
        const auto timedOut = [](const char *seconds) {
            return QStringLiteral("The system keychain is unavailable: it did not answer within "
                                  "%1 s.")
                .arg(QLatin1String(seconds));
        };

        SecretServiceStore store;
        store.setTimeout(300);
        QStringList answers;
        qsizetype callsAtFirstAnswer = -1;
        store.write(account, QStringLiteral("sk-never-stored"), this, [&](const SecretResult &r) {
            callsAtFirstAnswer = service.calls.size();
            answers << QStringLiteral("write: ") + r.message;
        });
        store.read(account, this,
                   [&](const SecretResult &r) { answers << QStringLiteral("read: ") + r.message; });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 20000);
        QCOMPARE(answers, (QStringList{QStringLiteral("write: ") + timedOut("0.3"),
                                       QStringLiteral("read: ") + timedOut("0.3")}));
        // The read was not sent before the write had timed out.
        QVERIFY2(callsAtFirstAnswer <= 1, qPrintable(service.calls.join(QLatin1Char(' '))));
        QTRY_COMPARE_WITH_TIMEOUT(
            service.calls,
            (QStringList{QStringLiteral("OpenSession"), QStringLiteral("SearchItems")}), 10000);
        QCOMPARE(store.availability(), SecretSource::Availability::Unavailable);
        QCOMPARE(store.unavailableReason(), timedOut("0.3"));

        // Once the service shows a prompt the operation gets the prompt's (longer) timeout,
        // and the sentence says how long that was; the prompt nobody answered is taken away.
        service.calls.clear();
        service.offersPrompt = true;
        SecretServiceStore prompted;
        prompted.setTimeout(20000);
        prompted.setPromptTimeout(500);
        const SecretResult unanswered =
            await([&](auto done) { prompted.read(account, this, done); });
        QCOMPARE(unanswered.status, SecretResult::Status::Unavailable);
        QCOMPARE(unanswered.message, timedOut("0.5"));
        QTRY_COMPARE_WITH_TIMEOUT(
            service.calls,
            (QStringList{QStringLiteral("SearchItems"), QStringLiteral("Unlock"),
                         QStringLiteral("Prompt"), QStringLiteral("Dismiss")}),
            10000);

        // QtKeychain's job is let go of at its timeout just the same (it ends unheard once
        // the silent service leaves the bus).
        service.offersPrompt = false;
        KeychainSecretStore keychain;
        keychain.setTimeout(300);
        const SecretResult viaQtKeychain =
            await([&](auto done) { keychain.read(account, this, done); });
        QCOMPARE(viaQtKeychain.status, SecretResult::Status::Unavailable);
        QCOMPARE(viaQtKeychain.message, timedOut("0.3"));
        QCOMPARE(keychain.availability(), SecretSource::Availability::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "TestKeychainUnavailable.moc"
