#include "RequestLogCsv.h"

#include "RequestLogReader.h"
#include "RequestRecordJson.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonObject>
#include <QJsonValue>

namespace RequestLogCsv {

QByteArray field(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') &&
        !bytes.contains('\r'))
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

bool write(RequestLogReader &reader, const RequestLogFilter &filter, QIODevice *out, qint64 *rows,
           QString *error)
{
    *rows = 0;
    const QStringList &names = RequestRecordJson::fieldNames();
    QByteArray header;
    for (const QString &name : names)
        header += (header.isEmpty() ? "" : ",") + name.toUtf8();
    if (out->write(header + "\r\n") < 0) {
        *error = out->errorString();
        return false;
    }
    bool written = true;
    const bool read = reader.forEach(filter, [&](const StoredRecord &stored) {
        // The same values as `llm-gateway logs --json`: null becomes an empty field.
        const QJsonObject o = RequestRecordJson::toJson(stored.record);
        QByteArray line;
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QJsonValue v = o.value(names.at(i));
            QString text;
            if (v.isBool())
                text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else if (v.isDouble())
                text = QString::number(v.toInteger());
            else if (v.isString())
                text = v.toString();
            line += (i == 0 ? "" : ",") + field(text);
        }
        if (out->write(line + "\r\n") < 0) {
            written = false;
            return false;
        }
        ++*rows;
        return true;
    });
    if (!written) {
        *error = out->errorString();
        return false;
    }
    if (!read) {
        *error = reader.errorText();
        return false;
    }
    return true;
}

} // namespace RequestLogCsv
