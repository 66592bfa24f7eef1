#include "ChatImage.h"

QString ChatImage::dataUrl() const
{
    return QStringLiteral("data:") + QString::fromLatin1(mimeType) + QStringLiteral(";base64,") +
           QString::fromLatin1(data.toBase64());
}

QByteArray ChatImage::sniffMimeType(const QByteArray &data)
{
    if (data.startsWith("\x89PNG\r\n\x1a\n"))
        return QByteArrayLiteral("image/png");
    if (data.startsWith("\xff\xd8\xff"))
        return QByteArrayLiteral("image/jpeg");
    if (data.startsWith("GIF87a") || data.startsWith("GIF89a"))
        return QByteArrayLiteral("image/gif");
    if (data.size() >= 12 && data.startsWith("RIFF") && data.mid(8, 4) == "WEBP")
        return QByteArrayLiteral("image/webp");
    return {};
}
