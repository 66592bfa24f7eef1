#pragma once

#include "GatewayModel.h"

#include <QAbstractItemModel>

/// The models the gateway offers as a two-level tree: providers (from `owned_by`), each with
/// its models sorted by name. Provider rows are headings, not choices.
class ChatModelListModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role
    {
        ModelIdRole = Qt::UserRole + 1, ///< the model name to send; empty on provider rows
        ProviderRole
    };

    explicit ChatModelListModel(QObject *parent = nullptr);

    void setModels(const QList<GatewayModel> &models);
    QList<GatewayModel> models() const;
    /// The index of a model by name, or an invalid index.
    QModelIndex indexOfModel(const QString &modelId) const;
    bool isEmpty() const { return m_providers.isEmpty(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Provider
    {
        QString id;
        QStringList models;
    };
    QList<Provider> m_providers;
};
