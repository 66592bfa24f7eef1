// SecretServiceStore against the real Secret Service (gnome-keyring in a private D-Bus session,
// see with-keyring.sh): round trips, and compatibility both ways with QtKeychain, whose items
// earlier builds left in users' keyrings. QtKeychain is the reference here: what it writes is
// read back by the new store, what the new store writes QtKeychain reads, and the items look
// the same to an outside client (attributes, label, content type).
#include "KeychainTestSupport.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretServiceStore.h"
#include "secrets/SecretServiceTypes.h"
#include "secrets/SystemKeychain.h"

#include <qt6keychain/keychain.h>

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusVariant>
#include <QProcess>
#include <QTest>

#include <memory>
#include <optional>

namespace {
SecretResult await(const std::function<void(SecretSource::Callback)> &operation)
{
    return KeychainTestSupport::await(operation, 20000, SecretResult::Status::Unavailable);
}

/// What secret-tool (libsecret, an outside client) finds for an account.
QByteArray secretToolLookup(const QString &account)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("llm-gateway"),
                QStringLiteral("user"), account});
    if (!tool.waitForFinished(20000))
        return "<secret-tool hung>";
    return tool.readAllStandardOutput();
}

/// One stored item as the Secret Service shows it, read with plain D-Bus calls.
struct StoredItem
{
    QString path;
    SecretServiceAttributes attributes;
    QString label;
    QString contentType;
    QByteArray value;
};

QDBusMessage callSecrets(const QString &path, const QString &interface, const QString &method,
                         const QVariantList &arguments)
{
    QDBusMessage message =
        QDBusMessage::createMethodCall(SecretServiceApi::kService, path, interface, method);
    message.setArguments(arguments);
    return QDBusConnection::sessionBus().call(message, QDBus::Block, 20000);
}

QVariant property(const QString &path, const QString &name)
{
    const QDBusMessage reply =
        callSecrets(path, QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"),
                    {SecretServiceApi::kItemInterface, name});
    return qvariant_cast<QDBusVariant>(reply.arguments().value(0)).variant();
}

/// Every item with this account (and server llm-gateway) in the service.
QList<StoredItem> storedItems(const QString &account)
{
    SecretServiceApi::registerTypes();
    const SecretServiceAttributes query{{QStringLiteral("user"), account},
                                        {QStringLiteral("server"), QStringLiteral("llm-gateway")}};
    const QDBusMessage found =
        callSecrets(SecretServiceApi::kServicePath, SecretServiceApi::kServiceInterface,
                    QStringLiteral("SearchItems"), {QVariant::fromValue(query)});
    const QDBusMessage session =
        callSecrets(SecretServiceApi::kServicePath, SecretServiceApi::kServiceInterface,
                    QStringLiteral("OpenSession"),
                    {QStringLiteral("plain"), QVariant::fromValue(QDBusVariant(QString()))});
    const auto sessionPath = qdbus_cast<QDBusObjectPath>(session.arguments().value(1));
    QList<StoredItem> items;
    for (const QDBusObjectPath &path :
         qdbus_cast<QList<QDBusObjectPath>>(found.arguments().value(0))) {
        StoredItem item;
        item.path = path.path();
        item.attributes =
            qdbus_cast<SecretServiceAttributes>(property(item.path, QStringLiteral("Attributes")));
        item.label = property(item.path, QStringLiteral("Label")).toString();
        const QDBusMessage secret =
            callSecrets(item.path, SecretServiceApi::kItemInterface, QStringLiteral("GetSecret"),
                        {QVariant::fromValue(sessionPath)});
        const auto value = qdbus_cast<SecretServiceSecret>(secret.arguments().value(0));
        item.contentType = value.contentType;
        item.value = value.value;
        items.append(item);
    }
    callSecrets(sessionPath.path(), SecretServiceApi::kSessionInterface, QStringLiteral("Close"),
                {});
    return items;
}
} // namespace

class TestSecretServiceStore : public QObject
{
    Q_OBJECT

private:
    SecretServiceStore m_store;
    KeychainSecretStore m_qtKeychain;

    static SecretResult read(SecretSource &store, const QString &account)
    {
        return await([&](SecretSource::Callback done) { store.read(account, &store, done); });
    }
    static SecretResult write(SecretSource &store, const QString &account, const QString &secret)
    {
        return await(
            [&](SecretSource::Callback done) { store.write(account, secret, &store, done); });
    }
    static SecretResult remove(SecretSource &store, const QString &account)
    {
        return await([&](SecretSource::Callback done) { store.remove(account, &store, done); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("No D-Bus session: run through tests/access/with-keyring.sh (ctest does).");
        QCOMPARE(m_store.availability(), SecretSource::Availability::Unknown);
        const SecretResult probed =
            await([&](SecretSource::Callback done) { m_store.probe(this, done); });
        QVERIFY2(probed.status == SecretResult::Status::Ok, qPrintable(probed.message));
        QCOMPARE(m_store.availability(), SecretSource::Availability::Available);
        QCOMPARE(m_store.displayName(), QStringLiteral("system keychain"));
        // The probe tidies up after itself.
        QVERIFY(storedItems(QLatin1String(KeychainSecretStore::kProbeAccount)).isEmpty());
    }

    void factoryPicksSecretService()
    {
        // gnome-keyring owns org.freedesktop.secrets on this bus.
        QProcessEnvironment plain;
        QCOMPARE(SystemKeychain::choose(plain), SystemKeychain::Backend::SecretService);
        const std::unique_ptr<SecretSource> created(SystemKeychain::create(nullptr));
        QVERIFY(qobject_cast<SecretServiceStore *>(created.get()));
        // A KDE session keeps QtKeychain, which prefers KWallet there (where its keys are).
        QProcessEnvironment kde;
        kde.insert(QStringLiteral("XDG_CURRENT_DESKTOP"), QStringLiteral("KDE"));
        kde.insert(QStringLiteral("KDE_SESSION_VERSION"), QStringLiteral("5"));
        QCOMPARE(SystemKeychain::choose(kde), SystemKeychain::Backend::QtKeychain);
        QProcessEnvironment gnome;
        gnome.insert(QStringLiteral("XDG_CURRENT_DESKTOP"), QStringLiteral("GNOME"));
        gnome.insert(QStringLiteral("KDE_FULL_SESSION"), QStringLiteral("true"));
        QCOMPARE(SystemKeychain::choose(gnome), SystemKeychain::Backend::SecretService);
    }

    void storeReadUpdateDelete()
    {
        const QString account = SecretSource::providerAccount(QStringLiteral("openai"));
        const SecretResult missing = read(m_store, account);
        QCOMPARE(missing.status, SecretResult::Status::NotFound);
        QVERIFY(missing.value.isEmpty());
        QCOMPARE(missing.message, QStringLiteral("not stored in the system keychain"));

        QCOMPARE(write(m_store, account, QStringLiteral("sk-first-1111")).status,
                 SecretResult::Status::Ok);
        SecretResult found = read(m_store, account);
        QCOMPARE(found.status, SecretResult::Status::Ok);
        QCOMPARE(found.value, QStringLiteral("sk-first-1111"));
        QCOMPARE(secretToolLookup(account), QByteArray("sk-first-1111"));

        // replace = true: a second write updates the one item, it does not add another.
        QCOMPARE(write(m_store, account, QStringLiteral("sk-second-2222")).status,
                 SecretResult::Status::Ok);
        QCOMPARE(read(m_store, account).value, QStringLiteral("sk-second-2222"));
        QCOMPARE(storedItems(account).size(), 1);

        QCOMPARE(remove(m_store, account).status, SecretResult::Status::Ok);
        found = read(m_store, account);
        QCOMPARE(found.status, SecretResult::Status::NotFound);
        QVERIFY(found.value.isEmpty());
        QCOMPARE(secretToolLookup(account), QByteArray());
        QVERIFY(storedItems(account).isEmpty());
        // Removing what is not there is not an error.
        QCOMPARE(remove(m_store, account).status, SecretResult::Status::Ok);
    }

    void nonAsciiAndAccountsApart()
    {
        const QString a = SecretSource::providerAccount(QStringLiteral("deepseek"));
        const QString b = SecretSource::providerAccount(QStringLiteral("ollama"));
        const QString text = QStringLiteral("key with spaces, ünïcødé, 密钥, ключ, 🔑 and = signs");
        QCOMPARE(write(m_store, a, QStringLiteral("sk-ds")).status, SecretResult::Status::Ok);
        QCOMPARE(write(m_store, b, text).status, SecretResult::Status::Ok);
        QCOMPARE(read(m_store, b).value, text);
        QCOMPARE(read(m_store, a).value, QStringLiteral("sk-ds"));
        QCOMPARE(secretToolLookup(b), text.toUtf8());
        QCOMPARE(remove(m_store, b).status, SecretResult::Status::Ok);
        QCOMPARE(read(m_store, a).value, QStringLiteral("sk-ds")); // the other stays
        QCOMPARE(read(m_store, b).status, SecretResult::Status::NotFound);
        QCOMPARE(remove(m_store, a).status, SecretResult::Status::Ok);
    }

    void itemsLookLikeQtKeychains()
    {
        // The same account written once by each: the service shows the same item.
        const QString byQt = SecretSource::providerAccount(QStringLiteral("by-qtkeychain"));
        const QString byUs = SecretSource::providerAccount(QStringLiteral("by-secretservice"));
        QCOMPARE(write(m_qtKeychain, byQt, QStringLiteral("sk-qt")).status,
                 SecretResult::Status::Ok);
        QCOMPARE(write(m_store, byUs, QStringLiteral("sk-us")).status, SecretResult::Status::Ok);
        const QList<StoredItem> qt = storedItems(byQt);
        const QList<StoredItem> us = storedItems(byUs);
        QCOMPARE(qt.size(), 1);
        QCOMPARE(us.size(), 1);
        qInfo() << "QtKeychain's item:" << qt.first().attributes << qt.first().label
                << qt.first().contentType;
        SecretServiceAttributes expected = qt.first().attributes;
        expected.insert(QStringLiteral("user"), byUs);
        QCOMPARE(us.first().attributes, expected);
        QCOMPARE(us.first().attributes.value(QStringLiteral("xdg:schema")),
                 QStringLiteral("org.qt.keychain"));
        QCOMPARE(us.first().attributes.value(QStringLiteral("type")), QStringLiteral("plaintext"));
        QCOMPARE(us.first().label, qt.first().label);
        QCOMPARE(us.first().label, QStringLiteral("llm-gateway"));
        QCOMPARE(us.first().contentType, qt.first().contentType);
        QCOMPARE(us.first().value, QByteArray("sk-us"));
        // Both live in the default collection.
        QCOMPARE(us.first().path.section(QLatin1Char('/'), 0, -2),
                 qt.first().path.section(QLatin1Char('/'), 0, -2));
        QCOMPARE(remove(m_store, byQt).status, SecretResult::Status::Ok);
        QCOMPARE(remove(m_store, byUs).status, SecretResult::Status::Ok);
    }

    void writtenByQtKeychainReadHere()
    {
        const QString account = SecretSource::providerAccount(QStringLiteral("anthropic"));
        const QString key = QStringLiteral("sk-ant-from-an-older-build-ü");
        QCOMPARE(write(m_qtKeychain, account, key).status, SecretResult::Status::Ok);
        QCOMPARE(read(m_store, account).value, key);
        // Updated here, QtKeychain sees the new value (the same item, replaced).
        QCOMPARE(write(m_store, account, QStringLiteral("sk-ant-new")).status,
                 SecretResult::Status::Ok);
        QCOMPARE(read(m_qtKeychain, account).value, QStringLiteral("sk-ant-new"));
        QCOMPARE(storedItems(account).size(), 1);
        // Removed by QtKeychain: gone here too.
        QCOMPARE(remove(m_qtKeychain, account).status, SecretResult::Status::Ok);
        QCOMPARE(read(m_store, account).status, SecretResult::Status::NotFound);
    }

    void writtenHereReadByQtKeychain()
    {
        const QString token = QLatin1String(SecretSource::kAccessTokenAccount);
        const QString value = QStringLiteral("llmgw-token-Ωmega");
        QCOMPARE(write(m_store, token, value).status, SecretResult::Status::Ok);
        const SecretResult seen = read(m_qtKeychain, token);
        QCOMPARE(seen.status, SecretResult::Status::Ok);
        QCOMPARE(seen.value, value);
        // Updated by QtKeychain, read here.
        QCOMPARE(write(m_qtKeychain, token, QStringLiteral("llmgw-token-2")).status,
                 SecretResult::Status::Ok);
        QCOMPARE(read(m_store, token).value, QStringLiteral("llmgw-token-2"));
        // Removed here: QtKeychain finds nothing.
        QCOMPARE(remove(m_store, token).status, SecretResult::Status::Ok);
        QCOMPARE(read(m_qtKeychain, token).status, SecretResult::Status::NotFound);
    }

    void binaryItemOfQtKeychain()
    {
        // QtKeychain keeps binary data base64-encoded with type "base64"; its text read falls
        // back to that item, and so does this store's.
        const QString account = SecretSource::providerAccount(QStringLiteral("binary"));
        auto *job = new QKeychain::WritePasswordJob(QStringLiteral("llm-gateway"), this);
        job->setKey(account);
        job->setBinaryData(QStringLiteral("sk-binary-é").toUtf8());
        std::optional<QKeychain::Error> error;
        connect(job, &QKeychain::Job::finished, this,
                [&error](QKeychain::Job *finished) { error = finished->error(); });
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 20000);
        QCOMPARE(*error, QKeychain::NoError);
        const QList<StoredItem> items = storedItems(account);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().attributes.value(QStringLiteral("type")), QStringLiteral("base64"));
        QCOMPARE(read(m_store, account).value, QStringLiteral("sk-binary-é"));
        QCOMPARE(remove(m_store, account).status, SecretResult::Status::Ok);
        QVERIFY(storedItems(account).isEmpty());
    }

    void answersInOrderAndNeverToTheGone()
    {
        const QString account = SecretSource::providerAccount(QStringLiteral("order"));
        auto gone = std::make_unique<QObject>();
        bool goneAnswered = false;
        m_store.write(account, QStringLiteral("sk-order"), gone.get(),
                      [&](const SecretResult &) { goneAnswered = true; });
        gone.reset();
        // Asked after, answered after: once this read is answered, the write was handled.
        const SecretResult after = read(m_store, account);
        QCOMPARE(after.status, SecretResult::Status::NotFound); // its asker left before it ran
        QVERIFY(!goneAnswered);

        QStringList answers;
        m_store.write(account, QStringLiteral("one"), this,
                      [&](const SecretResult &r) { answers << QStringLiteral("w:") + r.message; });
        m_store.read(account, this, [&](const SecretResult &r) { answers << r.value; });
        m_store.write(account, QStringLiteral("two"), this,
                      [&](const SecretResult &r) { answers << QStringLiteral("w:") + r.message; });
        m_store.read(account, this, [&](const SecretResult &r) { answers << r.value; });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 4, 20000);
        QCOMPARE(answers, (QStringList{QStringLiteral("w:"), QStringLiteral("one"),
                                       QStringLiteral("w:"), QStringLiteral("two")}));
        QCOMPARE(remove(m_store, account).status, SecretResult::Status::Ok);
    }
};

QTEST_GUILESS_MAIN(TestSecretServiceStore)
#include "TestSecretServiceStore.moc"
