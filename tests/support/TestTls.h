#pragma once

#include <QSslConfiguration>
#include <QString>

class QObject;
class QTcpServer;

/// TLS for the tests' fake upstreams, from the certificates in tests/data/tls (a private test
/// CA; see make-certs.sh there). With LLMGW_TEST_UPSTREAM_TLS=1 in the environment the fake
/// upstreams listen with TLS and the harness trusts the test CA through each provider's
/// caFile, so the end-to-end suites run once more over HTTPS.
namespace TestTls {

/// True when the fake upstreams of this run speak HTTPS.
bool upstreamsUseTls();

/// tests/data/tls/`name`, e.g. "server.pem".
QString file(const QString &name);

/// The test CA certificate (PEM), the file a provider's caFile names to trust the fakes.
QString caFile();
/// An unrelated CA: naming it as caFile must not make the fakes trusted.
QString otherCaFile();

/// Server settings with certificate `name` of tests/data/tls ("server", "wrong-host",
/// "self-signed") and its key.
QSslConfiguration serverConfiguration(const QString &name = QStringLiteral("server"));

/// A listener whose connections are plain TCP, or TLS with certificate `name` (QSslServer:
/// connections become pending once their handshake is done). Connect to
/// QTcpServer::pendingConnectionAvailable, which both kinds emit for a ready connection.
QTcpServer *makeServer(bool tls, QObject *parent,
                       const QString &certificateName = QStringLiteral("server"));

} // namespace TestTls
