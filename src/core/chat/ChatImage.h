#pragma once

#include <QByteArray>
#include <QString>

/// An image attached to a user message: encoded bytes (PNG, JPEG, WebP or GIF) and their type.
struct ChatImage
{
    QByteArray mimeType; ///< e.g. "image/png"
    QByteArray data;     ///< the encoded file

    /// `data:image/png;base64,...`, the form OpenAI's `image_url` takes (the gateway turns it
    /// into an Anthropic image block for Claude).
    QString dataUrl() const;
    /// The type of an encoded image from its first bytes; empty when it is none we send.
    static QByteArray sniffMimeType(const QByteArray &data);

    bool operator==(const ChatImage &other) const
    {
        return mimeType == other.mimeType && data == other.data;
    }
};
