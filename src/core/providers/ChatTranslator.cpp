#include "ChatTranslator.h"

#include "api/ChatRequestValidator.h"

QJsonObject ChatTranslator::wholeRequest(const QJsonObject &clientRequest) const
{
    if (!m_requestIsOutline)
        return clientRequest;
    // The outline was read from these bytes, so they parse: the error cannot happen.
    QJsonObject whole;
    ChatRequestValidator::parseBody(m_clientBodyBytes, &whole);
    return whole;
}
