#pragma once

#include "requestlog/RequestLogFilter.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/StoredRecord.h"

#include <QAbstractTableModel>
#include <QSet>

/// The Logs page's table: the request log's records that match a filter, newest first (by
/// start time). Rows are read from the file a page at a time as the view scrolls
/// (canFetchMore/fetchMore, keyset pages), so a million records cost what is on screen;
/// records written later are inserted at their place as they arrive (addRecords), without
/// reloading the table.
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        StatusColumn,
        ModelColumn,
        ProviderColumn,
        LatencyColumn,
        FirstTokenColumn,
        PromptTokensColumn,
        CompletionTokensColumn,
        ClientColumn,
        PathColumn,
        ErrorColumn,
        ColumnCount
    };

    /// The row number in the file (qint64), for the detail view.
    static constexpr int SeqRole = Qt::UserRole + 1;

    explicit RequestLogModel(const QString &databasePath, QObject *parent = nullptr);

    /// Shows the records `filter` selects, from the newest.
    void setFilter(const RequestLogFilter &filter);
    const RequestLogFilter &filter() const { return m_filter; }
    /// Reads the first page again (e.g. after the file appeared or was replaced).
    void reload();
    /// Records per read.
    void setPageSize(int rows) { m_pageSize = rows; }

    /// The record shown in `row` (without its bodies: RequestLogReader::record() has them).
    const StoredRecord &storedRecord(int row) const { return m_rows.at(row); }
    /// The first error met reading the file, empty when all is well.
    QString errorText() const { return m_errorText; }

    /// Records just written (RequestLogStore::recordsStored): those that match the filter and
    /// fall among the rows read so far are inserted at their place; older ones are read
    /// later by fetchMore.
    void addRecords(const QList<StoredRecord> &records);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// Reading failed (the text says why); the rows read so far stay.
    void readFailed(const QString &message);

private:
    /// True when `a` is shown above `b` (newer, or the same time and written later).
    static bool isAbove(const StoredRecord &a, const StoredRecord &b);
    /// Reads the page after the last row into `page`; false (with `error` set unless the
    /// file simply does not exist yet) when it cannot.
    bool readPage(QList<StoredRecord> *page, QString *error);
    QVariant display(const RequestRecord &r, int column) const;

    RequestLogReader m_reader;
    RequestLogFilter m_filter;
    QList<StoredRecord> m_rows;
    QSet<qint64> m_seqs; ///< rows shown, so that a record read and announced is shown once
    bool m_atEnd = false;
    bool m_changing = false; ///< a change is being announced: no fetching now
    int m_pageSize = 200;
    QString m_errorText;
};
