#include "EndpointTable.h"

#include "Endpoint.h"

bool EndpointTable::Entry::accepts(const QByteArray &method) const
{
    return methods.contains(method) || (method == "HEAD" && methods.contains("GET"));
}

QByteArray EndpointTable::Entry::allowHeader() const
{
    QByteArrayList allowed = methods;
    if (allowed.contains("GET") && !allowed.contains("HEAD"))
        allowed.append(QByteArrayLiteral("HEAD"));
    return allowed.join(", ");
}

void EndpointTable::add(const QString &path, const QByteArrayList &methods, ApiFormat errorFormat,
                        const QString &logFormat, std::shared_ptr<Endpoint> handler,
                        Pausing pausing)
{
    m_entries.append(Entry{path, methods, errorFormat, logFormat,
                           pausing == Pausing::ServedWhilePaused, std::move(handler)});
}

const EndpointTable::Entry *EndpointTable::find(const QString &normalisedPath) const
{
    for (const Entry &entry : m_entries) {
        if (entry.path == normalisedPath)
            return &entry;
    }
    return nullptr;
}

QStringList EndpointTable::paths() const
{
    QStringList out;
    for (const Entry &entry : m_entries)
        out.append(entry.path);
    return out;
}

QString EndpointTable::normalisedPath(const QString &path)
{
    QString out = path;
    if (out.startsWith(QLatin1String("/api/")))
        out.remove(0, 4);
    while (out.size() > 1 && out.endsWith(QLatin1Char('/')))
        out.chop(1);
    return out;
}
