#pragma once

#include <QJsonObject>

struct RequestRecord;

/// A record as JSON whose keys are the field names of SPEC §6 (the output of
/// `llm-gateway logs --json`): unknown counts and absent values are null, `started_at` is
/// ISO 8601 UTC with milliseconds. Bodies are included only when `withBodies` and recorded.
namespace RequestRecordJson {
QJsonObject toJson(const RequestRecord &record, bool withBodies = false);
/// The SPEC §6 field names, in the order of the table (for CSV headers).
const QStringList &fieldNames();
/// `records` as a JSON array, one object per line with its keys in the order of SPEC §6
/// (QJsonObject would sort them), for people reading `llm-gateway logs --json`.
QByteArray toJsonArray(const QList<QJsonObject> &records);
} // namespace RequestRecordJson
