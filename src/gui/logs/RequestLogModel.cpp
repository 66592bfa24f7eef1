#include "RequestLogModel.h"

#include <QColor>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>

namespace {
QString duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("—");
    if (ms < 1000)
        return RequestLogModel::tr("%1 ms").arg(ms);
    return RequestLogModel::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 2));
}

QString count(qint64 value)
{
    return value >= 0 ? QLocale().toString(value) : QStringLiteral("—");
}
} // namespace

RequestLogModel::RequestLogModel(const QString &databasePath, QObject *parent)
    : QAbstractTableModel(parent), m_reader(databasePath)
{}

bool RequestLogModel::isAbove(const StoredRecord &a, const StoredRecord &b)
{
    const qint64 ta = a.record.startedAt.toMSecsSinceEpoch();
    const qint64 tb = b.record.startedAt.toMSecsSinceEpoch();
    return ta != tb ? ta > tb : a.seq > b.seq;
}

void RequestLogModel::setFilter(const RequestLogFilter &filter)
{
    m_filter = filter;
    reload();
}

void RequestLogModel::reload()
{
    // The first page is read inside the reset: views get one reset with rows, not a reset
    // and then an insertion. Views (and QAbstractItemModelTester) may call fetchMore() from
    // their handlers of this model's signals; rows inserted then would land inside the
    // change being announced, so fetching waits until each change is over (m_changing).
    m_changing = true;
    beginResetModel();
    m_rows.clear();
    m_seqs.clear();
    m_atEnd = false;
    m_errorText.clear();
    QString error;
    readPage(&m_rows, &error);
    for (const StoredRecord &r : std::as_const(m_rows))
        m_seqs.insert(r.seq);
    endResetModel();
    m_changing = false;
    if (!error.isEmpty())
        Q_EMIT readFailed(error);
}

bool RequestLogModel::readPage(QList<StoredRecord> *page, QString *error)
{
    RequestLogReader::Cursor cursor;
    if (!m_rows.isEmpty())
        cursor = {m_rows.last().record.startedAt.toMSecsSinceEpoch(), m_rows.last().seq};
    if (!m_reader.records(m_filter, m_pageSize, page, m_rows.isEmpty() ? nullptr : &cursor)) {
        // No file yet (nothing recorded), or it cannot be read: stop asking. Records that
        // arrive live are still shown; reload() tries again.
        m_atEnd = true;
        if (QFileInfo::exists(m_reader.path())) {
            m_errorText = m_reader.errorText();
            *error = m_errorText;
        }
        return false;
    }
    m_atEnd = page->size() < m_pageSize;
    return true;
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool RequestLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_changing;
}

void RequestLogModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    QList<StoredRecord> page;
    QString error;
    if (!readPage(&page, &error)) {
        if (!error.isEmpty())
            Q_EMIT readFailed(error);
        return;
    }
    // A record announced live while this page was read is already shown: skip it.
    page.erase(std::remove_if(page.begin(), page.end(),
                              [this](const StoredRecord &r) { return m_seqs.contains(r.seq); }),
               page.end());
    if (page.isEmpty())
        return;
    m_changing = true;
    beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    for (const StoredRecord &r : std::as_const(page))
        m_seqs.insert(r.seq);
    m_rows += page;
    endInsertRows();
    m_changing = false;
}

void RequestLogModel::addRecords(const QList<StoredRecord> &records)
{
    for (const StoredRecord &r : records) {
        if (m_seqs.contains(r.seq) || !m_filter.matches(r.record))
            continue;
        // Below the last row read, while more remain in the file: fetchMore reads it there.
        if (!m_atEnd && !m_rows.isEmpty() && isAbove(m_rows.last(), r))
            continue;
        if (!m_atEnd && m_rows.isEmpty())
            continue; // the first page is read from the file anyway
        const auto at = std::lower_bound(m_rows.begin(), m_rows.end(), r, isAbove);
        const int row = int(at - m_rows.begin());
        m_changing = true;
        beginInsertRows(QModelIndex(), row, row);
        m_rows.insert(row, r);
        m_seqs.insert(r.seq);
        endInsertRows();
        m_changing = false;
    }
}

QVariant RequestLogModel::display(const RequestRecord &r, int column) const
{
    switch (column) {
    case TimeColumn: {
        const QDateTime local = r.startedAt.toLocalTime();
        return local.date() == QDate::currentDate()
                   ? local.toString(QStringLiteral("HH:mm:ss"))
                   : local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    case StatusColumn:
        return r.status;
    case ModelColumn:
        return r.requestedModel.isEmpty() ? QStringLiteral("—") : r.requestedModel;
    case ProviderColumn:
        return r.providerId.isEmpty() ? QStringLiteral("—") : r.providerId;
    case LatencyColumn:
        return duration(r.latencyMs);
    case FirstTokenColumn:
        return duration(r.firstTokenMs);
    case PromptTokensColumn:
        return count(r.usage.promptTokens);
    case CompletionTokensColumn:
        return count(r.usage.completionTokens);
    case ClientColumn:
        return r.userAgent;
    case PathColumn:
        return r.method + QLatin1Char(' ') + r.path;
    case ErrorColumn:
        return r.errorMessage.section(QLatin1Char('\n'), 0, 0);
    default:
        return QVariant();
    }
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const StoredRecord &stored = m_rows.at(index.row());
    const RequestRecord &r = stored.record;
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case SeqRole:
        return stored.seq;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return r.startedAt.toLocalTime().toString(Qt::ISODateWithMs);
        case ModelColumn:
        case ProviderColumn:
            return r.upstreamModel.isEmpty() || r.upstreamModel == r.requestedModel
                       ? QVariant()
                       : QVariant(tr("Sent to %1 as %2").arg(r.providerId, r.upstreamModel));
        case ErrorColumn:
            return r.errorMessage.isEmpty() ? QVariant() : QVariant(r.errorMessage);
        default:
            return QVariant();
        }
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn || index.column() == ErrorColumn) {
            if (r.status >= 500)
                return QColor(0xc0, 0x1c, 0x28);
            if (r.status >= 400)
                return QColor(0xb3, 0x5c, 0x00);
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case StatusColumn:
        case LatencyColumn:
        case FirstTokenColumn:
        case PromptTokensColumn:
        case CompletionTokensColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant();
        }
    default:
        return QVariant();
    }
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case FirstTokenColumn:
            return tr("Time to the first token of a stream");
        case PromptTokensColumn:
            return tr("Prompt tokens (cached ones included)");
        case CompletionTokensColumn:
            return tr("Completion tokens (reasoning included)");
        default:
            return QVariant();
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case StatusColumn:
        return tr("Status");
    case ModelColumn:
        return tr("Model");
    case ProviderColumn:
        return tr("Provider");
    case LatencyColumn:
        return tr("Latency");
    case FirstTokenColumn:
        return tr("TTFT");
    case PromptTokensColumn:
        return tr("Tokens in");
    case CompletionTokensColumn:
        return tr("Tokens out");
    case ClientColumn:
        return tr("Client");
    case PathColumn:
        return tr("Request");
    case ErrorColumn:
        return tr("Error");
    default:
        return QVariant();
    }
}
