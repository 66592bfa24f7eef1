#pragma once

#include "config/ProviderSettings.h"

#include <QHostAddress>
#include <QStringList>

/// What is wrong with one provider's fields, field by field, for inline messages.
struct ProviderFieldErrors
{
    QString id;
    QString baseUrl;
    QString headers;
    QString caFile;
    QString baseUrlHint; ///< not an error: advice (e.g. "OpenAI-compatible bases end in /v1")

    bool isEmpty() const
    {
        return id.isEmpty() && baseUrl.isEmpty() && headers.isEmpty() && caFile.isEmpty();
    }
};

/// The checks of the Providers page form: pure functions, so tests call them directly.
namespace ProviderValidator {

/// `otherIds`: the ids of every other provider; `gatewayAddress`/`gatewayPort`: where the
/// gateway listens (port 0: not listening), to refuse a base URL that points back at it.
ProviderFieldErrors validate(const ProviderSettings &provider, const QStringList &otherIds,
                             const QHostAddress &gatewayAddress, quint16 gatewayPort);

/// "Name: value" lines to headers; false with `error` naming the line to fix. Headers that
/// carry credentials are refused: keys belong in the key field (kept in the keychain).
bool parseHeaders(const QString &text, HeaderList *headers, QString *error);
QString headersText(const HeaderList &headers);

/// A free id derived from `base` ("custom", "custom-2", ...).
QString freeId(const QString &base, const QStringList &taken);

} // namespace ProviderValidator
