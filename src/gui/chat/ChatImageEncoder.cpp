#include "ChatImageEncoder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

namespace {

QByteArray encode(const QImage &image, const char *format, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, format, quality))
        return {};
    return bytes;
}

} // namespace

namespace ChatImageEncoder {

ChatImage fromImage(const QImage &source)
{
    if (source.isNull())
        return {};
    QImage image = source;
    if (image.width() > kMaxSide || image.height() > kMaxSide)
        image = image.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // PNG keeps screenshots sharp; a photo as PNG is large, so it becomes JPEG.
    QByteArray png = encode(image, "PNG", -1);
    if (!png.isEmpty() && (png.size() <= 1024 * 1024 || image.hasAlphaChannel()) &&
        png.size() <= kMaxBytes)
        return ChatImage{QByteArrayLiteral("image/png"), png};
    QImage opaque = image.convertToFormat(QImage::Format_RGB32);
    for (int quality : {90, 75, 60}) {
        QByteArray jpeg = encode(opaque, "JPEG", quality);
        if (!jpeg.isEmpty() && jpeg.size() <= kMaxBytes)
            return ChatImage{QByteArrayLiteral("image/jpeg"), jpeg};
    }
    return {};
}

ChatImage fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("ChatImageEncoder", "%1 cannot be read: %2")
                     .arg(QFileInfo(path).fileName(), file.errorString());
        return {};
    }
    const QByteArray bytes = file.readAll();
    const QByteArray type = ChatImage::sniffMimeType(bytes);
    QImageReader reader(path);
    const QSize size = reader.size();
    if (!type.isEmpty() && bytes.size() <= kMaxBytes && size.isValid() &&
        size.width() <= kMaxSide && size.height() <= kMaxSide)
        return ChatImage{type, bytes};
    const QImage image = reader.read();
    if (image.isNull()) {
        *error = QCoreApplication::translate(
                     "ChatImageEncoder",
                     "%1 is not an image this app can read (PNG, JPEG, GIF or WebP).")
                     .arg(QFileInfo(path).fileName());
        return {};
    }
    ChatImage result = fromImage(image);
    if (result.data.isEmpty())
        *error = QCoreApplication::translate("ChatImageEncoder",
                                             "%1 could not be made small enough to send.")
                     .arg(QFileInfo(path).fileName());
    return result;
}

} // namespace ChatImageEncoder
