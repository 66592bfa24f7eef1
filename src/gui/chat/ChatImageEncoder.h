#pragma once

#include "chat/ChatImage.h"

#include <QImage>
#include <QString>

/// Turns a pasted or attached picture into what a chat message carries: PNG, JPEG, GIF or WebP
/// bytes no larger than providers accept (Anthropic: 5 MB, long side ≤ 8000 px; a long side
/// over 2048 px only costs tokens, so larger images are scaled down).
namespace ChatImageEncoder {

constexpr int kMaxSide = 2048;
constexpr qsizetype kMaxBytes = 5 * 1024 * 1024;

/// From a pasted image. Empty on failure.
ChatImage fromImage(const QImage &image);
/// From a file: kept as it is when small enough, else decoded and encoded again. `error`
/// says why it cannot be used.
ChatImage fromFile(const QString &path, QString *error);

} // namespace ChatImageEncoder
