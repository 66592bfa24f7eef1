#include "TestTls.h"

#include "TestData.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>

namespace TestTls {

QString file(const QString &name)
{
    return TestData::path(QStringLiteral("tls/") + name);
}

bool upstreamsUseTls()
{
    return qEnvironmentVariable("LLMGW_TEST_UPSTREAM_TLS") == QLatin1String("1");
}

QString caFile()
{
    return file(QStringLiteral("ca.pem"));
}

QString otherCaFile()
{
    return file(QStringLiteral("other-ca.pem"));
}

QSslConfiguration serverConfiguration(const QString &name)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    const QList<QSslCertificate> chain =
        QSslCertificate::fromPath(file(name + QStringLiteral(".pem")));
    QFile keyFile(file(name + QStringLiteral(".key")));
    if (chain.isEmpty() || !keyFile.open(QIODevice::ReadOnly))
        qFatal("TestTls: cannot read the test certificate %s", qPrintable(name));
    const QSslKey key(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        qFatal("TestTls: cannot read the key of %s", qPrintable(name));
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients show no certificate
    // As most HTTPS servers: HTTP/1.1 agreed by ALPN when the client offers it.
    configuration.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    return configuration;
}

QTcpServer *makeServer(bool tls, QObject *parent, const QString &certificateName)
{
    if (!tls)
        return new QTcpServer(parent);
    auto *server = new QSslServer(parent);
    server->setSslConfiguration(serverConfiguration(certificateName));
    return server;
}

} // namespace TestTls
