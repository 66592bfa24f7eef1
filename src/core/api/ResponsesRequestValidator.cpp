#include "ResponsesRequestValidator.h"

#include <QJsonArray>
#include <QStringList>

namespace {

GatewayError invalid(const QString &param, const QString &message)
{
    return GatewayError::make(GatewayErrorCode::InvalidRequest, message, param);
}

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

bool present(const QJsonValue &v)
{
    return !v.isUndefined() && !v.isNull();
}

/// `object[field]` is absent, null or of the wanted type.
std::optional<GatewayError> optionalType(const QJsonObject &object, const QString &field,
                                         const QString &param, bool (QJsonValue::*isType)() const,
                                         const char *expected)
{
    const QJsonValue v = object.value(field);
    if (!present(v) || (v.*isType)())
        return std::nullopt;
    return invalid(param, QStringLiteral("'%1' must be %2, not %3.")
                              .arg(param, QLatin1String(expected), jsonTypeName(v)));
}

std::optional<GatewayError> optionalType(const QJsonObject &object, const char *field,
                                         bool (QJsonValue::*isType)() const, const char *expected)
{
    const QString name = QLatin1String(field);
    return optionalType(object, name, name, isType, expected);
}

std::optional<GatewayError> requiredString(const QJsonObject &object, const char *field,
                                           const QString &param)
{
    const QJsonValue v = object.value(QLatin1String(field));
    if (v.isString())
        return std::nullopt;
    return invalid(param,
                   QStringLiteral("'%1' must be a string, not %2.").arg(param, jsonTypeName(v)));
}

std::optional<GatewayError> optionalInteger(const QJsonObject &request, const char *field,
                                            qint64 minimum)
{
    const QJsonValue v = request.value(QLatin1String(field));
    if (!present(v))
        return std::nullopt;
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d)) || d < double(minimum))
        return invalid(QLatin1String(field),
                       QStringLiteral("'%1' must be a whole number of at least %2, not %3.")
                           .arg(QLatin1String(field))
                           .arg(minimum)
                           .arg(v.isDouble() ? QString::number(d) : jsonTypeName(v)));
    return std::nullopt;
}

std::optional<GatewayError> checkContentParts(const QJsonValue &content, const QString &param)
{
    if (content.isString())
        return std::nullopt;
    if (!content.isArray())
        return invalid(param, QStringLiteral("'%1' must be a string or an array of content "
                                             "parts, not %2.")
                                  .arg(param, jsonTypeName(content)));
    const QJsonArray parts = content.toArray();
    for (qsizetype j = 0; j < parts.size(); ++j) {
        const QString partParam = QStringLiteral("%1[%2]").arg(param).arg(j);
        if (!parts.at(j).isObject())
            return invalid(partParam, QStringLiteral("'%1' must be a content part object such "
                                                     "as {\"type\": \"input_text\", \"text\": "
                                                     "\"...\"}, not %2.")
                                          .arg(partParam, jsonTypeName(parts.at(j))));
        const QJsonObject part = parts.at(j).toObject();
        if (auto e = requiredString(part, "type", partParam + QStringLiteral(".type")))
            return e;
        const QString type = part.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("input_text") || type == QLatin1String("output_text")) {
            if (auto e = requiredString(part, "text", partParam + QStringLiteral(".text")))
                return e;
        }
    }
    return std::nullopt;
}

std::optional<GatewayError> checkInputItem(const QJsonObject &item, const QString &param)
{
    QString type = item.value(QStringLiteral("type")).toString();
    if (!item.contains(QStringLiteral("type")) && item.contains(QStringLiteral("role")))
        type = QStringLiteral("message"); // the short form {"role": ..., "content": ...}
    if (type.isEmpty())
        return invalid(param + QStringLiteral(".type"),
                       QStringLiteral("'%1' needs a 'type' (\"message\", \"function_call\", "
                                      "\"function_call_output\", \"reasoning\"...) or a "
                                      "'role'.")
                           .arg(param));
    if (type == QLatin1String("message")) {
        static const QStringList roles{QStringLiteral("user"), QStringLiteral("assistant"),
                                       QStringLiteral("system"), QStringLiteral("developer")};
        const QJsonValue role = item.value(QStringLiteral("role"));
        if (!role.isString() || !roles.contains(role.toString()))
            return invalid(param + QStringLiteral(".role"),
                           QStringLiteral("'%1.role' must be one of %2, not %3.")
                               .arg(param, roles.join(QStringLiteral(", ")),
                                    role.isString()
                                        ? QLatin1Char('"') + role.toString() + QLatin1Char('"')
                                        : jsonTypeName(role)));
        return checkContentParts(item.value(QStringLiteral("content")),
                                 param + QStringLiteral(".content"));
    }
    if (type == QLatin1String("function_call")) {
        for (const char *field : {"call_id", "name", "arguments"}) {
            if (auto e =
                    requiredString(item, field, param + QLatin1Char('.') + QLatin1String(field)))
                return e;
        }
        return std::nullopt;
    }
    if (type == QLatin1String("function_call_output")) {
        if (auto e = requiredString(item, "call_id", param + QStringLiteral(".call_id")))
            return e;
        const QJsonValue output = item.value(QStringLiteral("output"));
        if (output.isString())
            return std::nullopt;
        if (output.isArray())
            return checkContentParts(output, param + QStringLiteral(".output"));
        return invalid(param + QStringLiteral(".output"),
                       QStringLiteral("'%1.output' must be a string or an array of content "
                                      "parts, not %2.")
                           .arg(param, jsonTypeName(output)));
    }
    if (type == QLatin1String("reasoning"))
        return optionalType(item, QStringLiteral("summary"), param + QStringLiteral(".summary"),
                            &QJsonValue::isArray, "an array");
    if (type == QLatin1String("item_reference"))
        return requiredString(item, "id", param + QStringLiteral(".id"));
    return std::nullopt; // hosted tool calls and newer item types: the route decides
}

std::optional<GatewayError> checkInput(const QJsonObject &request)
{
    const QJsonValue input = request.value(QStringLiteral("input"));
    // A stored prompt may stand in for the input (OpenAI only: translated routes refuse it).
    if (input.isUndefined() && request.value(QStringLiteral("prompt")).isObject())
        return std::nullopt;
    if (input.isUndefined())
        return invalid(QStringLiteral("input"),
                       QStringLiteral("The request has no 'input' field. Add \"input\": \"Hello\" "
                                      "or an array of items such as [{\"role\": \"user\", "
                                      "\"content\": \"Hello\"}]."));
    if (input.isString())
        return std::nullopt;
    if (!input.isArray())
        return invalid(QStringLiteral("input"),
                       QStringLiteral("'input' must be a string or an array of input items, "
                                      "not %1.")
                           .arg(jsonTypeName(input)));
    const QJsonArray items = input.toArray();
    if (items.isEmpty())
        return invalid(QStringLiteral("input"),
                       QStringLiteral("'input' must contain at least one item."));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString param = QStringLiteral("input[%1]").arg(i);
        if (!items.at(i).isObject())
            return invalid(param, QStringLiteral("'%1' must be an input item object, not %2.")
                                      .arg(param, jsonTypeName(items.at(i))));
        if (auto e = checkInputItem(items.at(i).toObject(), param))
            return e;
    }
    return std::nullopt;
}

std::optional<GatewayError> checkTools(const QJsonObject &request)
{
    if (auto e = optionalType(request, "tools", &QJsonValue::isArray, "an array"))
        return e;
    const QJsonArray tools = request.value(QStringLiteral("tools")).toArray();
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QString param = QStringLiteral("tools[%1]").arg(i);
        if (!tools.at(i).isObject())
            return invalid(param, QStringLiteral("'%1' must be a tool object, not %2.")
                                      .arg(param, jsonTypeName(tools.at(i))));
        const QJsonObject tool = tools.at(i).toObject();
        if (auto e = requiredString(tool, "type", param + QStringLiteral(".type")))
            return e;
        if (tool.value(QStringLiteral("type")).toString() != QLatin1String("function"))
            continue;
        const QJsonValue name = tool.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty())
            return invalid(param + QStringLiteral(".name"),
                           QStringLiteral("'%1.name' must be the function's name (Responses "
                                          "tools are flat: {\"type\": \"function\", \"name\": "
                                          "..., \"parameters\": {...}}).")
                               .arg(param));
        if (auto e = optionalType(tool, QStringLiteral("parameters"),
                                  param + QStringLiteral(".parameters"), &QJsonValue::isObject,
                                  "a JSON schema object"))
            return e;
    }
    const QJsonValue choice = request.value(QStringLiteral("tool_choice"));
    if (choice.isString()) {
        static const QStringList modes{QStringLiteral("auto"), QStringLiteral("none"),
                                       QStringLiteral("required")};
        if (!modes.contains(choice.toString()))
            return invalid(QStringLiteral("tool_choice"),
                           QStringLiteral("'tool_choice' must be \"auto\", \"none\", "
                                          "\"required\" or an object, not \"%1\".")
                               .arg(choice.toString()));
    } else if (present(choice) && !choice.isObject()) {
        return invalid(QStringLiteral("tool_choice"),
                       QStringLiteral("'tool_choice' must be a string or an object, not %1.")
                           .arg(jsonTypeName(choice)));
    }
    return std::nullopt;
}

std::optional<GatewayError> checkText(const QJsonObject &request)
{
    if (auto e = optionalType(request, "text", &QJsonValue::isObject, "an object"))
        return e;
    const QJsonObject text = request.value(QStringLiteral("text")).toObject();
    if (auto e = optionalType(text, QStringLiteral("format"), QStringLiteral("text.format"),
                              &QJsonValue::isObject, "an object"))
        return e;
    const QJsonObject format = text.value(QStringLiteral("format")).toObject();
    if (format.isEmpty())
        return std::nullopt;
    const QString type = format.value(QStringLiteral("type")).toString();
    static const QStringList types{QStringLiteral("text"), QStringLiteral("json_schema"),
                                   QStringLiteral("json_object")};
    if (!types.contains(type))
        return invalid(QStringLiteral("text.format.type"),
                       QStringLiteral("'text.format.type' must be \"text\", \"json_schema\" or "
                                      "\"json_object\"."));
    if (type == QLatin1String("json_schema")) {
        if (auto e = requiredString(format, "name", QStringLiteral("text.format.name")))
            return e;
        if (!format.value(QStringLiteral("schema")).isObject())
            return invalid(QStringLiteral("text.format.schema"),
                           QStringLiteral("'text.format.schema' must be the JSON schema object "
                                          "the answer has to follow."));
    }
    return std::nullopt;
}

GatewayError refusedOnTranslation(const QString &param, const QString &what,
                                  const QString &providerId)
{
    return invalid(param, QStringLiteral("%1 is not available for provider '%2': the gateway "
                                         "translates this request to the provider's own API and "
                                         "keeps no responses. Send \"store\": false (or leave it "
                                         "out) and the full conversation in 'input' on every "
                                         "turn, as Codex does.")
                              .arg(what, providerId));
}

} // namespace

namespace ResponsesRequestValidator {

std::optional<GatewayError> validate(const QJsonObject &request)
{
    const QJsonValue model = request.value(QStringLiteral("model"));
    if (model.isUndefined())
        return invalid(QStringLiteral("model"),
                       QStringLiteral("The request has no 'model' field. Add \"model\": \"NAME\", "
                                      "e.g. \"gpt-4o-mini\" or \"deepseek/deepseek-chat\"."));
    if (!model.isString() || model.toString().trimmed().isEmpty())
        return invalid(
            QStringLiteral("model"),
            QStringLiteral("'model' must be a non-empty string, not %1.").arg(jsonTypeName(model)));
    if (auto e = checkInput(request))
        return e;
    if (auto e = optionalType(request, "instructions", &QJsonValue::isString, "a string"))
        return e;
    for (const char *flag : {"stream", "store", "parallel_tool_calls", "background"}) {
        if (auto e = optionalType(request, flag, &QJsonValue::isBool, "true or false"))
            return e;
    }
    for (const char *number : {"temperature", "top_p"}) {
        if (auto e = optionalType(request, number, &QJsonValue::isDouble, "a number"))
            return e;
    }
    if (auto e = optionalInteger(request, "max_output_tokens", 1))
        return e;
    if (auto e = optionalInteger(request, "max_tool_calls", 1))
        return e;
    if (auto e = checkTools(request))
        return e;
    if (auto e = optionalType(request, "reasoning", &QJsonValue::isObject, "an object"))
        return e;
    const QJsonObject reasoning = request.value(QStringLiteral("reasoning")).toObject();
    for (const char *field : {"effort", "summary"}) {
        const QString name = QLatin1String(field);
        if (auto e = optionalType(reasoning, name, QStringLiteral("reasoning.") + name,
                                  &QJsonValue::isString, "a string"))
            return e;
    }
    if (auto e = checkText(request))
        return e;
    if (auto e = optionalType(request, "include", &QJsonValue::isArray, "an array of strings"))
        return e;
    if (auto e = optionalType(request, "previous_response_id", &QJsonValue::isString, "a string"))
        return e;
    if (auto e = optionalType(request, "metadata", &QJsonValue::isObject, "an object"))
        return e;
    return std::nullopt;
}

std::optional<GatewayError> validateForTranslation(const QJsonObject &request,
                                                   const QString &providerId)
{
    if (request.value(QStringLiteral("store")).toBool())
        return refusedOnTranslation(QStringLiteral("store"), QStringLiteral("\"store\": true"),
                                    providerId);
    if (!request.value(QStringLiteral("previous_response_id")).toString().isEmpty())
        return refusedOnTranslation(QStringLiteral("previous_response_id"),
                                    QStringLiteral("'previous_response_id'"), providerId);
    if (present(request.value(QStringLiteral("conversation"))))
        return refusedOnTranslation(QStringLiteral("conversation"),
                                    QStringLiteral("'conversation'"), providerId);
    if (request.value(QStringLiteral("background")).toBool())
        return invalid(QStringLiteral("background"),
                       QStringLiteral("Background responses are not available for provider "
                                      "'%1': the gateway translates the request and keeps no "
                                      "responses to poll. Leave 'background' out and stream "
                                      "instead.")
                           .arg(providerId));
    if (present(request.value(QStringLiteral("prompt"))))
        return invalid(QStringLiteral("prompt"),
                       QStringLiteral("Stored prompts ('prompt') live in an OpenAI account and "
                                      "cannot be used with provider '%1'. Send the text as "
                                      "'instructions' and 'input' instead.")
                           .arg(providerId));
    const QJsonArray items = request.value(QStringLiteral("input")).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        if (item.value(QStringLiteral("type")).toString() == QLatin1String("item_reference"))
            return invalid(
                QStringLiteral("input[%1]").arg(i),
                QStringLiteral("'input[%1]' refers to item '%2' of an earlier response, which the "
                               "gateway does not keep for provider '%3'. Send the item itself "
                               "(with the Vercel AI SDK: providerOptions.openai.store = false).")
                    .arg(i)
                    .arg(item.value(QStringLiteral("id")).toString(), providerId));
    }
    return std::nullopt;
}

} // namespace ResponsesRequestValidator
