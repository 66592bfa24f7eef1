#pragma once

#include <QByteArray>

/// The reason phrase of an HTTP status code, e.g. 404 -> "Not Found".
QByteArray httpReasonPhrase(int status);
