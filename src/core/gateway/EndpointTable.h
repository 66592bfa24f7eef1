#pragma once

#include "api/GatewayError.h"

#include <QByteArrayList>
#include <QList>
#include <QString>

#include <memory>

class Endpoint;

/// The gateway's endpoints, each registered once with its path, methods and formats; the
/// router finds them here (404 and 405 come from this table too).
class EndpointTable
{
public:
    struct Entry
    {
        QString path;           ///< normalised: no /api prefix, no trailing slash
        QByteArrayList methods; ///< a GET endpoint also answers HEAD
        ApiFormat errorFormat;  ///< the shape of its error bodies
        QString logFormat;      ///< the record's `format`: openai, anthropic, responses or empty
        bool servedWhilePaused; ///< /health answers while the gateway is paused
        std::shared_ptr<Endpoint> handler;

        bool accepts(const QByteArray &method) const;
        /// The value of an Allow header: "POST", or "GET, HEAD".
        QByteArray allowHeader() const;
    };

    enum class Pausing
    {
        RefusedWhilePaused,
        ServedWhilePaused
    };

    void add(const QString &path, const QByteArrayList &methods, ApiFormat errorFormat,
             const QString &logFormat, std::shared_ptr<Endpoint> handler,
             Pausing pausing = Pausing::RefusedWhilePaused);

    /// The entry for a normalised path, or nullptr.
    const Entry *find(const QString &normalisedPath) const;
    /// Every path, in the order registered (for the 404 message).
    QStringList paths() const;

    /// A request path as the table knows it: "/api/v1/models/" -> "/v1/models" (every path
    /// also answers under /api, as the seed served /api/v1/chat/completions).
    static QString normalisedPath(const QString &path);

private:
    QList<Entry> m_entries;
};
