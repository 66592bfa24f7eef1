#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

/// The `response` object of one translated Responses call: its id, creation time and the
/// request settings it echoes (as OpenAI does: instructions, tools, tool_choice, reasoning,
/// text, sampling...), built with the status, output items and usage of the moment. Also
/// hands out the ids of the call's output items.
class ResponseEnvelope
{
public:
    ResponseEnvelope();

    /// Echoes the client's request settings.
    void setRequest(const QJsonObject &clientRequest);
    void setModel(const QString &model) { m_model = model; }
    QString model() const { return m_model; }

    /// Fixes the ids (resp_SEED, msg_SEED01...) and the creation time (golden tests).
    void setIdSeed(const QString &seed) { m_seed = seed; }
    void setCreatedAt(qint64 secondsSinceEpoch) { m_createdAt = secondsSinceEpoch; }

    QString responseId() const { return QStringLiteral("resp_") + m_seed; }
    /// A new output item id, e.g. newItemId("fc").
    QString newItemId(const char *prefix);

    /// The response object. `usage`, `error` and `incompleteDetails` may be null.
    QJsonObject build(const QString &status, const QJsonArray &output,
                      const QJsonValue &usage = QJsonValue(),
                      const QJsonValue &error = QJsonValue(),
                      const QJsonValue &incompleteDetails = QJsonValue()) const;

private:
    QString m_seed;
    qint64 m_createdAt;
    int m_itemCount = 0;
    QString m_model;
    QJsonObject m_echo;
};
