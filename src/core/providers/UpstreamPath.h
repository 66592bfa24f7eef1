#pragma once

#include <QByteArray>

/// Where a translated request goes, relative to the provider's base URL: a path such as
/// "/chat/completions" and, for APIs that put the model or mode in the URL, a query.
struct UpstreamPath
{
    QByteArray path;  ///< starts with '/', appended to the base URL's path
    QByteArray query; ///< without the '?', already percent-encoded; usually empty

    bool operator==(const UpstreamPath &o) const { return path == o.path && query == o.query; }
};
