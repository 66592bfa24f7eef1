#include "ChatTranslator.h"

#include "api/ChatRequestValidator.h"
#include "api/JsonSplice.h"

QJsonObject ChatTranslator::wholeRequest(const QJsonObject &clientRequest) const
{
    if (!m_clientTree)
        return clientRequest;
    // The tree was read from these bytes, so they parse: the error cannot happen.
    QJsonObject whole;
    ChatRequestValidator::parseBody(m_clientBodyBytes, &whole);
    return whole;
}

std::optional<QByteArray> ChatTranslator::clientBodyWithModel(const QString &upstreamModel) const
{
    std::optional<JsonSplice::Member> model;
    if (m_clientTree) {
        // A checked tree promises unique top-level keys: the search stops at the first
        // "model", usually the first member, instead of walking a 100 KB history.
        model = JsonSplice::leadingMember(m_clientBodyBytes, "model");
    } else if (const auto members = JsonSplice::members(m_clientBodyBytes)) {
        for (const JsonSplice::Member &m : *members) {
            if (m.key == "model")
                model = m;
        }
    }
    if (!model)
        return std::nullopt;
    return JsonSplice::apply(m_clientBodyBytes, {{model->valueBegin, model->valueEnd,
                                                  JsonSplice::quoted(upstreamModel)}});
}
