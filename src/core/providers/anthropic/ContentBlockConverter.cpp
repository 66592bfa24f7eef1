#include "ContentBlockConverter.h"

#include "api/JsonView.h"

#include <QJsonDocument>

namespace {

/// See openAiText(), on either view of the content (JsonView).
template <class Json> QString textOfParts(const Json &content)
{
    using namespace JsonView;
    if (kindOf(content) == Kind::String)
        return textOf(content);
    QStringList texts;
    eachElement(content, [&texts](qsizetype, const Json &part) {
        const QString type = textOf(memberOf(part, QLatin1StringView("type")));
        if (type == QLatin1String("text") || type == QLatin1String("input_text"))
            texts.append(textOf(memberOf(part, QLatin1StringView("text"))));
        else if (type == QLatin1String("refusal"))
            texts.append(textOf(memberOf(part, QLatin1StringView("refusal"))));
        return std::optional<bool>(); // every part
    });
    return texts.join(QStringLiteral("\n\n"));
}

/// Splits `data:MEDIA;base64,DATA`. False for anything that is not a base64 data URL.
bool splitDataUrl(const QString &url, QString *mediaType, QString *data)
{
    if (!url.startsWith(QLatin1String("data:")))
        return false;
    const qsizetype comma = url.indexOf(QLatin1Char(','));
    if (comma < 0)
        return false;
    const QString header = url.mid(5, comma - 5);
    if (!header.endsWith(QLatin1String(";base64")))
        return false;
    *mediaType = header.left(header.size() - 7);
    *data = url.mid(comma + 1);
    return true;
}

} // namespace

namespace ContentBlockConverter {

QJsonObject imageBlockFromOpenAi(const QJsonObject &part, QString *error)
{
    const QJsonValue imageUrl = part.value(QStringLiteral("image_url"));
    // The object form is the documented one; a bare string is accepted by OpenAI too.
    const QString url = imageUrl.isString()
                            ? imageUrl.toString()
                            : imageUrl.toObject().value(QStringLiteral("url")).toString();
    QString mediaType;
    QString data;
    if (splitDataUrl(url, &mediaType, &data)) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                           {QStringLiteral("source"),
                            QJsonObject{{QStringLiteral("type"), QStringLiteral("base64")},
                                        {QStringLiteral("media_type"), mediaType},
                                        {QStringLiteral("data"), data}}}};
    }
    if (url.startsWith(QLatin1String("https://")) || url.startsWith(QLatin1String("http://"))) {
        return QJsonObject{
            {QStringLiteral("type"), QStringLiteral("image")},
            {QStringLiteral("source"), QJsonObject{{QStringLiteral("type"), QStringLiteral("url")},
                                                   {QStringLiteral("url"), url}}}};
    }
    *error = QStringLiteral("An image_url must be a base64 data URL (data:image/png;base64,...) "
                            "or an http(s) URL to reach an Anthropic model.");
    return {};
}

QJsonObject documentBlockFromOpenAi(const QJsonObject &part, QString *error)
{
    const QString fileData =
        part.value(QStringLiteral("file")).toObject().value(QStringLiteral("file_data")).toString();
    QString mediaType;
    QString data;
    if (splitDataUrl(fileData, &mediaType, &data) &&
        mediaType == QLatin1String("application/pdf")) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("document")},
                           {QStringLiteral("source"),
                            QJsonObject{{QStringLiteral("type"), QStringLiteral("base64")},
                                        {QStringLiteral("media_type"), mediaType},
                                        {QStringLiteral("data"), data}}}};
    }
    *error = QStringLiteral("A file part reaches an Anthropic model only as a base64 PDF "
                            "(file_data: data:application/pdf;base64,...); uploaded file ids "
                            "cannot be translated.");
    return {};
}

QString openAiText(const QJsonValue &content)
{
    return textOfParts(content);
}

QString openAiText(const JsonTree::Value &content)
{
    return textOfParts(content);
}

QString withoutBillingHeader(const QString &text)
{
    if (!text.startsWith(QLatin1String("x-anthropic-billing-header")))
        return text;
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    if (newline < 0)
        return QString();
    QString rest = text.mid(newline + 1);
    while (rest.startsWith(QLatin1Char('\n')))
        rest.remove(0, 1);
    return rest;
}

QJsonObject toolCallFromAnthropic(const QJsonObject &toolUseBlock)
{
    const QJsonObject input = toolUseBlock.value(QStringLiteral("input")).toObject();
    return QJsonObject{
        {QStringLiteral("id"), toolUseBlock.value(QStringLiteral("id")).toString()},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
         QJsonObject{
             {QStringLiteral("name"), toolUseBlock.value(QStringLiteral("name")).toString()},
             {QStringLiteral("arguments"),
              QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact))}}}};
}

} // namespace ContentBlockConverter
