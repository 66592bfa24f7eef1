#include "RequestRecordLine.h"

#include "RequestRecord.h"

namespace RequestRecordLine {

QByteArray summary(const RequestRecord &record)
{
    QByteArray line;
    line.reserve(160 + record.path.size() + record.requestedModel.size() +
                 record.upstreamModel.size() + record.errorMessage.size());
    line.append(record.method.toUtf8()).append(' ').append(record.path.toUtf8());
    line.append(" model=").append(record.requestedModel.toUtf8());
    line.append(" provider=").append(record.providerId.toUtf8());
    line.append(" upstream_model=").append(record.upstreamModel.toUtf8());
    if (record.stream)
        line.append(" stream");
    line.append(" status=").append(QByteArray::number(record.status));
    line.append(' ').append(QByteArray::number(record.latencyMs)).append(" ms");
    if (!record.errorMessage.isEmpty())
        line.append(" error=").append(record.errorMessage.toUtf8());
    return line;
}

} // namespace RequestRecordLine
