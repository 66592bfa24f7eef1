#include "RawHttpResponse.h"

#include <QJsonDocument>

namespace {
/// The events of an SSE body, each as its list of lines (blank-line separated).
QList<QList<QByteArray>> sseEvents(const QByteArray &body)
{
    QByteArray normalised = body;
    normalised.replace("\r\n", "\n");
    QList<QList<QByteArray>> events;
    QList<QByteArray> current;
    for (const QByteArray &line : normalised.split('\n')) {
        if (line.isEmpty()) {
            if (!current.isEmpty())
                events.append(current);
            current.clear();
        } else {
            current.append(line);
        }
    }
    if (!current.isEmpty())
        events.append(current);
    return events;
}
} // namespace

QByteArray RawHttpResponse::header(const QByteArray &lowerCaseName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerCaseName)
            return h.second;
    }
    return {};
}

bool RawHttpResponse::hasHeader(const QByteArray &lowerCaseName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerCaseName)
            return true;
    }
    return false;
}

QJsonObject RawHttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QList<QByteArray> RawHttpResponse::sseData() const
{
    QList<QByteArray> result;
    for (const QList<QByteArray> &event : sseEvents(body)) {
        QByteArray data;
        bool hasData = false;
        for (const QByteArray &line : event) {
            if (!line.startsWith("data:"))
                continue;
            QByteArray value = line.mid(5);
            if (value.startsWith(' '))
                value.remove(0, 1);
            if (hasData)
                data += '\n';
            data += value;
            hasData = true;
        }
        if (hasData)
            result.append(data);
    }
    return result;
}

QList<QByteArray> RawHttpResponse::sseComments() const
{
    QList<QByteArray> result;
    for (const QList<QByteArray> &event : sseEvents(body)) {
        for (const QByteArray &line : event) {
            if (line.startsWith(':'))
                result.append(line.mid(1).trimmed());
        }
    }
    return result;
}

QList<QJsonObject> RawHttpResponse::sseJson() const
{
    QList<QJsonObject> result;
    for (const QByteArray &data : sseData()) {
        const QJsonDocument doc = QJsonDocument::fromJson(data);
        if (doc.isObject())
            result.append(doc.object());
    }
    return result;
}
