#include "UsageModel.h"

#include <QFont>
#include <QLocale>

UsageModel::UsageModel(QObject *parent) : QAbstractTableModel(parent) {}

void UsageModel::setTotals(const QList<UsageTotals> &totals,
                           const QList<ProviderSettings> &providers)
{
    beginResetModel();
    m_totals = totals;
    m_prices.clear();
    for (const ProviderSettings &p : providers) {
        if (!p.modelPrices.isEmpty())
            m_prices.insert(p.id, p.modelPrices);
    }
    m_sum = UsageTotals();
    for (const UsageTotals &t : std::as_const(m_totals))
        m_sum.add(t);
    endResetModel();
}

const ModelPrice *UsageModel::price(const UsageTotals &t) const
{
    const auto provider = m_prices.constFind(t.provider);
    if (provider == m_prices.cend())
        return nullptr;
    const auto model = provider->constFind(t.model);
    return model == provider->cend() ? nullptr : &*model;
}

QStringList UsageModel::unpricedModels() const
{
    QStringList models;
    for (const UsageTotals &t : m_totals) {
        if (t.totalTokens() > 0 && !price(t) && !models.contains(t.model))
            models << t.model;
    }
    return models;
}

double UsageModel::estimatedCost(bool *complete) const
{
    double cost = 0;
    bool all = true;
    for (const UsageTotals &t : m_totals) {
        if (const ModelPrice *p = price(t))
            cost += t.estimatedCost(*p);
        else if (t.totalTokens() > 0)
            all = false;
    }
    if (complete)
        *complete = all;
    return cost;
}

int UsageModel::rowCount(const QModelIndex &parent) const
{
    // The last row holds the sums (when there is anything to sum).
    return parent.isValid() || m_totals.isEmpty() ? 0 : int(m_totals.size()) + 1;
}

int UsageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageModel::cell(const UsageTotals &t, int column, bool isSum) const
{
    const QLocale locale;
    switch (column) {
    case ProviderColumn:
        if (isSum)
            return tr("All");
        return t.provider.isEmpty() ? tr("(the gateway)") : t.provider;
    case ModelColumn:
        return isSum ? QString() : (t.model.isEmpty() ? QStringLiteral("—") : t.model);
    case RequestsColumn:
        return locale.toString(t.requests);
    case ErrorsColumn:
        return locale.toString(t.errors);
    case PromptTokensColumn:
        return locale.toString(t.promptTokens);
    case CompletionTokensColumn:
        return locale.toString(t.completionTokens);
    case CachedTokensColumn:
        return locale.toString(t.cachedTokens);
    case ReasoningTokensColumn:
        return locale.toString(t.reasoningTokens);
    case TotalTokensColumn:
        return locale.toString(t.totalTokens());
    case CostColumn: {
        if (isSum) {
            bool complete = true;
            const double cost = estimatedCost(&complete);
            const QString text = locale.toString(cost, 'f', 2);
            return complete ? text : tr("≥ %1").arg(text);
        }
        const ModelPrice *p = price(t);
        return p ? locale.toString(t.estimatedCost(*p), 'f', 4) : QStringLiteral("—");
    }
    default:
        return QVariant();
    }
}

QVariant UsageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const bool isSum = index.row() == m_totals.size();
    const UsageTotals &t = isSum ? m_sum : m_totals.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return cell(t, index.column(), isSum);
    case Qt::TextAlignmentRole:
        return index.column() >= RequestsColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                : QVariant();
    case Qt::FontRole:
        if (isSum) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == CostColumn && !isSum && !price(t))
            return tr("No price set for %1 at %2: add one under \"prices\" in the provider's "
                      "settings to see an estimate.")
                .arg(t.model, t.provider);
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant UsageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case ModelColumn:
        return tr("Model");
    case RequestsColumn:
        return tr("Requests");
    case ErrorsColumn:
        return tr("Errors");
    case PromptTokensColumn:
        return tr("Prompt");
    case CompletionTokensColumn:
        return tr("Completion");
    case CachedTokensColumn:
        return tr("Cached");
    case ReasoningTokensColumn:
        return tr("Reasoning");
    case TotalTokensColumn:
        return tr("Tokens");
    case CostColumn:
        return tr("Est. cost");
    default:
        return QVariant();
    }
}
