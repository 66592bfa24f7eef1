#pragma once

#include <QString>
#include <QtGlobal>

class SqliteConnection;

/// The request log's tables (SPEC §6), versioned in SQLite's `PRAGMA user_version`, and the
/// steps that bring a file written by an older build up to the current layout.
class RequestLogSchema
{
public:
    /// The layout this build reads and writes.
    static constexpr int kCurrentVersion = 3;
    /// The usage buckets' width: 15 minutes, in ms (started_at / kBucketMs is the bucket).
    static constexpr qint64 kBucketMs = 15 * 60 * 1000;

    /// The file's version: 0 for a new (empty) database, -1 when it cannot be read.
    static int version(SqliteConnection &db);

    /// Applies the steps from the file's version up to `targetVersion`, each in its own
    /// transaction (a failed step leaves the file at the previous version). False, with the
    /// reason in `error`, when a step fails or the file is newer than this build.
    static bool migrate(SqliteConnection &db, QString *error, int targetVersion = kCurrentVersion);
};
