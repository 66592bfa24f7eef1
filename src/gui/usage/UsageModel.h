#pragma once

#include "config/ProviderSettings.h"
#include "requestlog/UsageTotals.h"

#include <QAbstractTableModel>
#include <QHash>

/// The Usage page's table: requests and tokens per provider and model over a time range,
/// with an estimated cost where the provider's settings give the model a price, and a last
/// row with the totals.
class UsageModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ProviderColumn,
        ModelColumn,
        RequestsColumn,
        ErrorsColumn,
        PromptTokensColumn,
        CompletionTokensColumn,
        CachedTokensColumn,
        ReasoningTokensColumn,
        TotalTokensColumn,
        CostColumn,
        ColumnCount
    };

    explicit UsageModel(QObject *parent = nullptr);

    /// New totals (most tokens first) and the providers whose prices apply.
    void setTotals(const QList<UsageTotals> &totals, const QList<ProviderSettings> &providers);
    const QList<UsageTotals> &totals() const { return m_totals; }
    /// The sum of every row.
    UsageTotals sum() const { return m_sum; }
    /// The estimated cost of the rows that have a price; `complete` says whether every row
    /// with tokens had one.
    double estimatedCost(bool *complete = nullptr) const;
    /// The models with tokens but no price, left out of the estimate.
    QStringList unpricedModels() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    /// The price of `t`'s model at its provider, when one is set.
    const ModelPrice *price(const UsageTotals &t) const;
    QVariant cell(const UsageTotals &t, int column, bool isSum) const;

    QList<UsageTotals> m_totals;
    UsageTotals m_sum;
    QHash<QString, QHash<QString, ModelPrice>> m_prices; ///< provider id -> model -> price
};
