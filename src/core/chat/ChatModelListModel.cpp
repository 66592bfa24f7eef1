#include "ChatModelListModel.h"

#include <QCoreApplication>

namespace {
/// internalId of provider rows; model rows carry their provider's row + 1.
constexpr quintptr kProviderNode = 0;
} // namespace

ChatModelListModel::ChatModelListModel(QObject *parent) : QAbstractItemModel(parent) {}

void ChatModelListModel::setModels(const QList<GatewayModel> &models)
{
    QList<Provider> providers;
    for (const GatewayModel &model : models) {
        auto it = std::find_if(providers.begin(), providers.end(),
                               [&](const Provider &p) { return p.id == model.providerId; });
        if (it == providers.end()) {
            providers.append(Provider{model.providerId, {}});
            it = providers.end() - 1;
        }
        if (!it->models.contains(model.id))
            it->models.append(model.id);
    }
    for (Provider &provider : providers)
        std::sort(provider.models.begin(), provider.models.end(),
                  [](const QString &a, const QString &b) {
                      return a.compare(b, Qt::CaseInsensitive) < 0;
                  });
    beginResetModel();
    m_providers = providers;
    endResetModel();
}

QList<GatewayModel> ChatModelListModel::models() const
{
    QList<GatewayModel> result;
    for (const Provider &provider : m_providers) {
        for (const QString &model : provider.models)
            result.append(GatewayModel{model, provider.id});
    }
    return result;
}

QModelIndex ChatModelListModel::indexOfModel(const QString &modelId) const
{
    for (qsizetype p = 0; p < m_providers.size(); ++p) {
        const qsizetype row = m_providers[p].models.indexOf(modelId);
        if (row >= 0)
            return createIndex(int(row), 0, quintptr(p + 1));
    }
    return {};
}

QModelIndex ChatModelListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kProviderNode);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ChatModelListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kProviderNode)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kProviderNode);
}

int ChatModelListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_providers.size());
    if (parent.column() != 0 || parent.internalId() != kProviderNode)
        return 0;
    return int(m_providers[parent.row()].models.size());
}

int ChatModelListModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant ChatModelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kProviderNode) {
        const Provider &provider = m_providers[index.row()];
        switch (role) {
        case Qt::DisplayRole:
            return provider.id.isEmpty()
                       ? QCoreApplication::translate("ChatModelListModel", "Other")
                       : provider.id;
        case ProviderRole:
            return provider.id;
        default:
            return {};
        }
    }
    const Provider &provider = m_providers[int(index.internalId() - 1)];
    const QString &model = provider.models[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case ModelIdRole:
        return model;
    case ProviderRole:
        return provider.id;
    default:
        return {};
    }
}

Qt::ItemFlags ChatModelListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kProviderNode)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}
