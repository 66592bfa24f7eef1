#pragma once

#include <QString>

/// Rescues a damaged chat history: renames the file aside (kept for the user), creates a new
/// one in its place and copies into it every conversation, message and image that can still be
/// read, row by row, so one damaged page costs only the rows on it.
namespace ConversationRecovery {

struct Result
{
    bool ok = false; ///< a new, usable file is in place
    QString error;
    QString damagedFilePath;
    int conversations = 0;
    int messages = 0;
};

Result recover(const QString &path);

} // namespace ConversationRecovery
