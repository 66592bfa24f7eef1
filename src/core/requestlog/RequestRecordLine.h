#pragma once

#include <QByteArray>

struct RequestRecord;

/// The one-line summary of an answered request that the gateway writes to its log:
/// `POST /v1/chat/completions model=M provider=P upstream_model=U stream status=200 12 ms`,
/// with ` error=TEXT` when the call failed. Built with appends (UTF-8), not a printf format:
/// the line is written for every request.
namespace RequestRecordLine {
QByteArray summary(const RequestRecord &record);
}
