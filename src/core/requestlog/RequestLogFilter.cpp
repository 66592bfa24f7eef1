#include "RequestLogFilter.h"

#include <QRegularExpression>

namespace {
bool containsAscii(const QString &haystack, const QString &needle)
{
    return haystack.contains(needle, Qt::CaseInsensitive);
}
} // namespace

bool RequestLogFilter::isEmpty() const
{
    return sinceMs < 0 && untilMs < 0 && statusMin == 0 && statusMax == 0 && provider.isEmpty() &&
           modelPrefix.isEmpty() && clientPrefix.isEmpty() && text.isEmpty();
}

bool RequestLogFilter::matches(const RequestRecord &r) const
{
    const qint64 started = r.startedAt.toMSecsSinceEpoch();
    if (sinceMs >= 0 && started < sinceMs)
        return false;
    if (untilMs >= 0 && started >= untilMs)
        return false;
    if (statusMin > 0 && (r.status < statusMin || r.status > statusMax))
        return false;
    if (!provider.isEmpty() && r.providerId != provider)
        return false;
    if (!modelPrefix.isEmpty() && !r.requestedModel.startsWith(modelPrefix))
        return false;
    if (!clientPrefix.isEmpty() && !r.userAgent.startsWith(clientPrefix))
        return false;
    if (!text.isEmpty()) {
        return containsAscii(QString::fromLatin1(r.id), text) || containsAscii(r.path, text) ||
               containsAscii(r.requestedModel, text) || containsAscii(r.upstreamModel, text) ||
               containsAscii(r.providerId, text) || containsAscii(r.userAgent, text) ||
               containsAscii(r.errorMessage, text);
    }
    return true;
}

bool RequestLogFilter::parseStatus(const QString &text, int *min, int *max)
{
    static const QRegularExpression pattern(QStringLiteral("^([1-5])(xx|\\d\\d)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return false;
    const int hundreds = m.captured(1).toInt() * 100;
    if (m.captured(2).compare(QLatin1String("xx"), Qt::CaseInsensitive) == 0) {
        *min = hundreds;
        *max = hundreds + 99;
    } else {
        *min = *max = hundreds + m.captured(2).toInt();
    }
    return true;
}

bool RequestLogFilter::parseSince(const QString &text, const QDateTime &now, qint64 *ms)
{
    static const QRegularExpression duration(QStringLiteral("^(\\d{1,6})\\s*([smhdw])$"));
    const QString t = text.trimmed();
    const QRegularExpressionMatch m = duration.match(t);
    if (m.hasMatch()) {
        qint64 unitSeconds = 1;
        switch (m.captured(2).at(0).toLatin1()) {
        case 'm':
            unitSeconds = 60;
            break;
        case 'h':
            unitSeconds = 3600;
            break;
        case 'd':
            unitSeconds = 86400;
            break;
        case 'w':
            unitSeconds = 7 * 86400;
            break;
        default:
            break;
        }
        *ms = now.toMSecsSinceEpoch() - m.captured(1).toLongLong() * unitSeconds * 1000;
        return true;
    }
    QDateTime when = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!when.isValid()) {
        const QDate day = QDate::fromString(t, Qt::ISODate);
        if (day.isValid())
            when = day.startOfDay();
    }
    if (!when.isValid())
        return false;
    *ms = when.toMSecsSinceEpoch();
    return true;
}
