#pragma once

#include <QByteArray>
#include <QString>

/// Where the gateway keeps the key of its reasoning signatures (ReasoningSigner): a file of
/// its own in the app's data folder, readable by the user only, made on first use.
///
/// Not the keychain: the key must survive restarts (a resumed Claude Code session sends old
/// thinking blocks back, and DeepSeek refuses tool-call turns without their reasoning) and
/// work where no keychain runs (headless), and it guards nothing secret: whoever knows it can
/// only make the gateway pass a text to a non-Anthropic model as reasoning, which any client
/// with the access token can send as a plain message anyway.
namespace ReasoningKeyFile {
/// The default location: AppDataLocation/reasoning-signing.key.
QString defaultPath();
/// Reads the key at `path`, or makes and stores a new one. Empty with `error` when neither
/// works (the caller then signs with a key that lasts as long as the process).
QByteArray loadOrCreate(const QString &path, QString *error);
} // namespace ReasoningKeyFile
