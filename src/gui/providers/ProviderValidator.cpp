#include "ProviderValidator.h"

#include "providers/ProviderAdapter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSslCertificate>

namespace {
bool isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "x-api-key" ||
           lower == "api-key" || lower == "cookie";
}
} // namespace

namespace ProviderValidator {

ProviderFieldErrors validate(const ProviderSettings &provider, const QStringList &otherIds,
                             const QHostAddress &gatewayAddress, quint16 gatewayPort)
{
    ProviderFieldErrors errors;
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (provider.id.isEmpty())
        errors.id = QCoreApplication::translate(
            "ProviderValidator",
            "An id is needed: it names the provider in model names (id/model).");
    else if (!idPattern.match(provider.id).hasMatch())
        errors.id = QCoreApplication::translate(
            "ProviderValidator", "Use letters, digits, '.', '_' and '-' only (no spaces or '/').");
    else if (otherIds.contains(provider.id))
        errors.id = QCoreApplication::translate("ProviderValidator",
                                                "Another provider already has this id.");

    const QUrl &url = provider.baseUrl;
    const QString scheme = url.scheme();
    if (url.isEmpty()) {
        errors.baseUrl = QCoreApplication::translate(
            "ProviderValidator", "The base URL is needed, e.g. https://api.example.com/v1.");
    } else if (!url.isValid() || url.host().isEmpty() ||
               (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        errors.baseUrl = QCoreApplication::translate(
            "ProviderValidator",
            "The base URL must start with http:// or https:// and name a host.");
    } else if (url.hasQuery() || url.hasFragment()) {
        errors.baseUrl = QCoreApplication::translate(
            "ProviderValidator", "The base URL takes no query (?...) or fragment (#...).");
    } else if (gatewayPort != 0 &&
               ProviderAdapter::pointsAtGateway(url, gatewayAddress, gatewayPort)) {
        errors.baseUrl = QCoreApplication::translate(
            "ProviderValidator",
            "This is the gateway's own address: requests would loop back to it. "
            "Give the provider's own URL.");
    } else {
        const QString path = url.path();
        const bool endsInV1 =
            path.endsWith(QLatin1String("/v1")) || path.endsWith(QLatin1String("/v1/"));
        if (provider.type == ProviderType::Anthropic && endsInV1)
            errors.baseUrlHint = QCoreApplication::translate(
                "ProviderValidator", "Anthropic-compatible bases usually have no /v1 (the "
                                     "gateway adds /v1/messages).");
        else if (provider.type == ProviderType::OpenAi && !path.contains(QLatin1String("/v")))
            errors.baseUrlHint = QCoreApplication::translate(
                "ProviderValidator", "OpenAI-compatible bases usually end in /v1.");
    }

    HeaderList headers;
    QString headerError;
    if (!parseHeaders(headersText(provider.extraHeaders), &headers, &headerError))
        errors.headers = headerError;

    if (!provider.caFile.isEmpty()) {
        const QFileInfo file(provider.caFile);
        if (!file.isAbsolute())
            errors.caFile = QCoreApplication::translate("ProviderValidator",
                                                        "Give the full path of the CA file.");
        else if (!file.isFile() || !file.isReadable())
            errors.caFile = QCoreApplication::translate(
                "ProviderValidator", "The file does not exist or cannot be read.");
        else if (QSslCertificate::fromPath(provider.caFile).isEmpty())
            errors.caFile = QCoreApplication::translate("ProviderValidator",
                                                        "The file holds no PEM certificate.");
    }
    return errors;
}

bool parseHeaders(const QString &text, HeaderList *headers, QString *error)
{
    headers->clear();
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString key = colon > 0 ? line.left(colon).trimmed() : QString();
        if (key.isEmpty() || !name.match(key).hasMatch()) {
            *error =
                QCoreApplication::translate(
                    "ProviderValidator", "Line %1: write one header per line as \"Name: value\".")
                    .arg(i + 1);
            return false;
        }
        if (isCredentialHeader(key.toLatin1())) {
            *error = QCoreApplication::translate(
                         "ProviderValidator",
                         "Line %1: %2 carries a credential. Put the key in the API key field: it "
                         "is kept in the system keychain, never in the configuration file.")
                         .arg(i + 1)
                         .arg(key);
            return false;
        }
        const QString value = line.mid(colon + 1).trimmed();
        if (value.contains(QLatin1Char('\r'))) {
            *error =
                QCoreApplication::translate("ProviderValidator",
                                            "Line %1: a header value cannot contain a line break.")
                    .arg(i + 1);
            return false;
        }
        headers->append({key.toLatin1(), value.toUtf8()});
    }
    return true;
}

QString headersText(const HeaderList &headers)
{
    QStringList lines;
    for (const auto &h : headers)
        lines.append(QString::fromLatin1(h.first) + QStringLiteral(": ") +
                     QString::fromUtf8(h.second));
    return lines.join(QLatin1Char('\n'));
}

QString freeId(const QString &base, const QStringList &taken)
{
    if (!taken.contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1-%2").arg(base).arg(n);
        if (!taken.contains(candidate))
            return candidate;
    }
}

} // namespace ProviderValidator
