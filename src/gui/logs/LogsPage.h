#pragma once

#include "dashboard/DashboardPage.h"
#include "requestlog/RequestLogFilter.h"
#include "requestlog/StoredRecord.h"

#include <QSet>

#include <memory>

class GatewayController;
class QThread;
class QTimer;
class RequestLogModel;
class RequestLogReader;
class RequestLogStore;
class SettingsStore;
struct RequestLogStatus;

namespace Ui {
class LogsPage;
}

/// Logs: the request log as a live table (newest first, read as it scrolls, new requests
/// appearing as they are answered), filters (time, status class, provider, model, client,
/// text), every field of the selected request with its bodies when they were recorded,
/// "copy as curl" without the token, and CSV export of what the filters show.
class LogsPage : public DashboardPage
{
    Q_OBJECT

public:
    LogsPage(RequestLogStore &store, SettingsStore &settings, GatewayController &gateway,
             QWidget *parent = nullptr);
    ~LogsPage() override;

    QString pageId() const override { return QStringLiteral("logs"); }
    QString title() const override;
    QIcon icon() const override;
    /// Fills the provider list from the settings and reads the log again.
    void load() override;

    RequestLogModel *model() const { return m_model; }
    /// The filter the controls describe now.
    RequestLogFilter currentFilter() const;
    /// The selected request with its bodies (seq 0 when none is selected).
    StoredRecord selectedRecord() const { return m_selected; }
    /// Puts the selected request on the clipboard as a curl command and returns it.
    QString copySelectedAsCurl();
    /// Writes what the filters show to `path` as CSV, on a thread of its own;
    /// exportFinished() says how it went.
    void exportCsv(const QString &path);
    /// Requests admitted and not answered yet.
    int requestsInProgress() const { return int(m_inProgress.size()); }

Q_SIGNALS:
    void exportFinished(bool ok, qint64 rows, const QString &message);

protected:
    void retranslate() override;

private:
    void fillFilterChoices();
    void applyFilter();
    void onCurrentRowChanged();
    void showDetails();
    void onStatusChanged(const RequestLogStatus &status);
    void updateStatusLine();
    void chooseExportFile();
    QUrl gatewayUrl() const;

    const std::unique_ptr<Ui::LogsPage> m_ui;
    RequestLogStore &m_store;
    SettingsStore &m_settings;
    GatewayController &m_gateway;
    RequestLogModel *m_model;
    std::unique_ptr<RequestLogReader> m_detailReader;
    QTimer *m_filterDelay;
    QThread *m_export = nullptr;
    StoredRecord m_selected;
    QSet<QByteArray> m_inProgress;
    QString m_logProblem;
};
