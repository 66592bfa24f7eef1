#include "LogsPage.h"

#include "RequestLogModel.h"
#include "config/SettingsStore.h"
#include "gateway/GatewayController.h"
#include "requestlog/RequestCurlCommand.h"
#include "requestlog/RequestLogCsv.h"
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogStore.h"
#include "ui_LogsPage.h"

#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

namespace {
constexpr int kFilterDelayMs = 300;
constexpr qint64 kHourSeconds = 3600;

/// A body as it is best read: JSON indented, anything else as it came.
QString readableBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull())
        return QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body);
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QString countText(qint64 value)
{
    return value >= 0 ? QLocale().toString(value) : QStringLiteral("—");
}
} // namespace

LogsPage::LogsPage(RequestLogStore &store, SettingsStore &settings, GatewayController &gateway,
                   QWidget *parent)
    : DashboardPage(parent), m_ui(std::make_unique<Ui::LogsPage>()), m_store(store),
      m_settings(settings), m_gateway(gateway), m_model(new RequestLogModel(store.path(), this)),
      m_detailReader(std::make_unique<RequestLogReader>(store.path())),
      m_filterDelay(new QTimer(this))
{
    m_ui->setupUi(this);
    m_ui->requestsTableView->setModel(m_model);
    QHeaderView *header = m_ui->requestsTableView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    // Each column as wide as its title or a typical value, whichever is wider.
    const QFontMetrics metrics = m_ui->requestsTableView->fontMetrics();
    const QList<QPair<int, QString>> samples{
        {RequestLogModel::TimeColumn, QStringLiteral("2026-12-31 23:59:59")},
        {RequestLogModel::StatusColumn, QStringLiteral("502")},
        {RequestLogModel::ModelColumn, QStringLiteral("claude-3-5-sonnet-latest")},
        {RequestLogModel::ProviderColumn, QStringLiteral("anthropic")},
        {RequestLogModel::LatencyColumn, QStringLiteral("12.34 s")},
        {RequestLogModel::FirstTokenColumn, QStringLiteral("999 ms")},
        {RequestLogModel::PromptTokensColumn, QStringLiteral("100,000")},
        {RequestLogModel::CompletionTokensColumn, QStringLiteral("10,000")},
        {RequestLogModel::ClientColumn, QStringLiteral("OpenAI/Python 1.54.0")},
        {RequestLogModel::PathColumn, QStringLiteral("POST /v1/chat/completions")},
    };
    for (const auto &[column, sample] : samples) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, qMax(metrics.horizontalAdvance(title) + metrics.height(),
                                           metrics.horizontalAdvance(sample) + metrics.height()));
    }
    m_ui->requestsTableView->verticalHeader()->setDefaultSectionSize(
        m_ui->requestsTableView->fontMetrics().height() + 6);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    fillFilterChoices();

    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(kFilterDelayMs);
    connect(m_filterDelay, &QTimer::timeout, this, &LogsPage::applyFilter);
    for (QComboBox *combo : {m_ui->timeRangeComboBox, m_ui->statusComboBox, m_ui->providerComboBox})
        connect(combo, &QComboBox::currentIndexChanged, this, &LogsPage::applyFilter);
    // Typing waits for a pause before the log is read again.
    for (QLineEdit *edit : {m_ui->modelLineEdit, m_ui->clientLineEdit, m_ui->searchLineEdit})
        connect(edit, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));

    connect(m_ui->requestsTableView->selectionModel(), &QItemSelectionModel::currentRowChanged,
            this, &LogsPage::onCurrentRowChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LogsPage::onCurrentRowChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LogsPage::updateStatusLine);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LogsPage::updateStatusLine);
    connect(m_model, &RequestLogModel::readFailed, this,
            [this](const QString &message) { Q_EMIT statusMessage(message, true); });
    connect(m_ui->copyCurlPushButton, &QPushButton::clicked, this, &LogsPage::copySelectedAsCurl);
    connect(m_ui->exportCsvPushButton, &QPushButton::clicked, this, &LogsPage::chooseExportFile);

    // Live: the store announces from its own threads; these run in this (the GUI) thread.
    connect(&m_store, &RequestLogStore::recordsStored, this,
            [this](const QList<StoredRecord> &records) { m_model->addRecords(records); });
    connect(&m_store, &RequestLogStore::requestBegan, this, [this](const RequestRecord &record) {
        m_inProgress.insert(record.id);
        updateStatusLine();
    });
    connect(&m_store, &RequestLogStore::requestEnded, this, [this](const QByteArray &id) {
        m_inProgress.remove(id);
        updateStatusLine();
    });
    connect(&m_store, &RequestLogStore::statusChanged, this, &LogsPage::onStatusChanged);
    connect(&m_settings, &SettingsStore::changed, this, &LogsPage::fillFilterChoices);
    onStatusChanged(m_store.status());
    applyFilter();
}

LogsPage::~LogsPage()
{
    if (m_export) {
        m_export->wait(); // it reports to this page: the page outlives it
        delete m_export;
    }
}

QString LogsPage::title() const
{
    return tr("Logs");
}

QIcon LogsPage::icon() const
{
    return QIcon(QStringLiteral(":/icons/pages/logs.png"));
}

void LogsPage::load()
{
    fillFilterChoices();
    m_model->reload();
}

void LogsPage::retranslate()
{
    m_ui->retranslateUi(this);
    fillFilterChoices();
    showDetails();
    updateStatusLine();
}

void LogsPage::fillFilterChoices()
{
    // Rebuilt with the current language and providers; the choices made stay.
    const QSignalBlocker blockTime(m_ui->timeRangeComboBox);
    const QSignalBlocker blockStatus(m_ui->statusComboBox);
    const QSignalBlocker blockProvider(m_ui->providerComboBox);
    const int time = qMax(0, m_ui->timeRangeComboBox->currentIndex());
    m_ui->timeRangeComboBox->clear();
    m_ui->timeRangeComboBox->addItem(tr("All time"), qint64(0));
    m_ui->timeRangeComboBox->addItem(tr("Last hour"), kHourSeconds);
    m_ui->timeRangeComboBox->addItem(tr("Last 24 hours"), 24 * kHourSeconds);
    m_ui->timeRangeComboBox->addItem(tr("Last 7 days"), 7 * 24 * kHourSeconds);
    m_ui->timeRangeComboBox->addItem(tr("Last 30 days"), 30 * 24 * kHourSeconds);
    m_ui->timeRangeComboBox->setCurrentIndex(time);

    const int status = qMax(0, m_ui->statusComboBox->currentIndex());
    m_ui->statusComboBox->clear();
    m_ui->statusComboBox->addItem(tr("Any status"), QPoint(0, 0));
    m_ui->statusComboBox->addItem(tr("Success (2xx)"), QPoint(200, 299));
    m_ui->statusComboBox->addItem(tr("Errors (4xx and 5xx)"), QPoint(400, 599));
    m_ui->statusComboBox->addItem(tr("Refused (4xx)"), QPoint(400, 499));
    m_ui->statusComboBox->addItem(tr("Failed (5xx)"), QPoint(500, 599));
    m_ui->statusComboBox->setCurrentIndex(status);

    const QString provider = m_ui->providerComboBox->currentData().toString();
    m_ui->providerComboBox->clear();
    m_ui->providerComboBox->addItem(tr("Any provider"), QString());
    for (const ProviderSettings &p : m_settings.effective().providers)
        m_ui->providerComboBox->addItem(p.id, p.id);
    const int found = m_ui->providerComboBox->findData(provider);
    m_ui->providerComboBox->setCurrentIndex(qMax(0, found));
}

RequestLogFilter LogsPage::currentFilter() const
{
    RequestLogFilter filter;
    const qint64 seconds = m_ui->timeRangeComboBox->currentData().toLongLong();
    if (seconds > 0)
        filter.sinceMs = QDateTime::currentMSecsSinceEpoch() - seconds * 1000;
    const QPoint status = m_ui->statusComboBox->currentData().toPoint();
    filter.statusMin = status.x();
    filter.statusMax = status.y();
    filter.provider = m_ui->providerComboBox->currentData().toString();
    filter.modelPrefix = m_ui->modelLineEdit->text().trimmed();
    filter.clientPrefix = m_ui->clientLineEdit->text().trimmed();
    filter.text = m_ui->searchLineEdit->text().trimmed();
    return filter;
}

void LogsPage::applyFilter()
{
    m_filterDelay->stop();
    m_model->setFilter(currentFilter());
}

void LogsPage::onCurrentRowChanged()
{
    const QModelIndex current = m_ui->requestsTableView->currentIndex();
    m_selected = StoredRecord();
    if (current.isValid()) {
        const StoredRecord &row = m_model->storedRecord(current.row());
        // The row has no bodies: they are read for the one request shown in full.
        if (!m_detailReader->record(row.seq, &m_selected))
            m_selected = row;
    }
    showDetails();
}

void LogsPage::showDetails()
{
    const bool any = m_selected.seq != 0;
    m_ui->copyCurlPushButton->setEnabled(any);
    if (!any) {
        m_ui->detailsTextBrowser->setHtml(
            QStringLiteral("<p>%1</p>")
                .arg(tr("Select a request to see everything about it.").toHtmlEscaped()));
        m_ui->requestBodyPlainTextEdit->clear();
        m_ui->responseBodyPlainTextEdit->clear();
        return;
    }
    const RequestRecord &r = m_selected.record;
    QList<QPair<QString, QString>> rows{
        {tr("Request id"), QString::fromLatin1(r.id)},
        {tr("Started"), r.startedAt.toLocalTime().toString(Qt::ISODateWithMs) +
                            QStringLiteral(" (") + r.startedAt.toString(Qt::ISODateWithMs) +
                            QLatin1Char(')')},
        {tr("Status"), QString::number(r.status)},
        {tr("Request"), r.method + QLatin1Char(' ') + r.path},
        {tr("API format"), orDash(r.format)},
        {tr("Model asked for"), orDash(r.requestedModel)},
        {tr("Provider"), orDash(r.providerId)},
        {tr("Upstream model"), orDash(r.upstreamModel)},
        {tr("Streamed"), r.stream ? tr("yes") : tr("no")},
        {tr("Client"), orDash(r.userAgent)},
        {tr("Latency"), tr("%1 ms").arg(r.latencyMs)},
        {tr("Time to first token"),
         r.firstTokenMs >= 0 ? tr("%1 ms").arg(r.firstTokenMs) : QStringLiteral("—")},
        {tr("Prompt tokens"), countText(r.usage.promptTokens)},
        {tr("Completion tokens"), countText(r.usage.completionTokens)},
        {tr("Cached prompt tokens"), countText(r.usage.cachedTokens)},
        {tr("Reasoning tokens"), countText(r.usage.reasoningTokens)},
        {tr("Request size"), tr("%1 bytes").arg(QLocale().toString(r.requestBytes))},
        {tr("Response size"), tr("%1 bytes").arg(QLocale().toString(r.responseBytes))},
    };
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    if (!r.errorMessage.isEmpty())
        rows.insert(3, {tr("Error"), r.errorMessage});
    for (const QString &note : r.notes)
        rows.append({tr("Gateway note"), note});
    for (const auto &[name, value] : std::as_const(rows)) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    m_ui->detailsTextBrowser->setHtml(html);
    const QString notRecorded =
        tr("Not recorded. Turn on recording of bodies in the request log settings to keep the "
           "bodies of the requests that follow (keys and the token are removed from them).");
    m_ui->requestBodyPlainTextEdit->setPlainText(
        r.requestBody.isEmpty() ? notRecorded : readableBody(r.requestBody));
    m_ui->responseBodyPlainTextEdit->setPlainText(
        r.responseBody.isEmpty() ? notRecorded : readableBody(r.responseBody));
}

QUrl LogsPage::gatewayUrl() const
{
    if (m_gateway.baseUrl().isValid())
        return m_gateway.baseUrl();
    const GatewayConfig &config = m_settings.effective();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(config.host);
    url.setPort(config.port);
    return url;
}

QString LogsPage::copySelectedAsCurl()
{
    if (m_selected.seq == 0)
        return QString();
    const QString command = RequestCurlCommand::build(m_selected.record, gatewayUrl());
    QGuiApplication::clipboard()->setText(command);
    Q_EMIT statusMessage(tr("Copied a curl command for %1. It reads the token from "
                            "$LLM_GATEWAY_TOKEN.")
                             .arg(QString::fromLatin1(m_selected.record.id)),
                         false);
    return command;
}

void LogsPage::chooseExportFile()
{
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                              QStringLiteral("/llm-gateway-requests-%1.csv")
                                  .arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export requests as CSV"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void LogsPage::exportCsv(const QString &path)
{
    if (m_export)
        return;
    m_ui->exportCsvPushButton->setEnabled(false);
    const RequestLogFilter filter = currentFilter();
    const QString database = m_store.path();
    // A million rows take seconds: on a thread of its own, with its own connection.
    m_export = QThread::create([this, path, filter, database] {
        RequestLogReader reader(database);
        QSaveFile file(path);
        qint64 rows = 0;
        QString error;
        bool ok = file.open(QIODevice::WriteOnly);
        if (!ok)
            error = file.errorString();
        else
            ok = RequestLogCsv::write(reader, filter, &file, &rows, &error) && file.commit();
        QMetaObject::invokeMethod(
            this,
            [this, ok, rows, error, path] {
                m_export->wait();
                delete m_export;
                m_export = nullptr;
                m_ui->exportCsvPushButton->setEnabled(true);
                const QString message =
                    ok ? tr("Saved %n request(s) to %1.", nullptr, int(rows)).arg(path)
                       : tr("Could not save %1: %2").arg(path, error);
                Q_EMIT statusMessage(message, !ok);
                Q_EMIT exportFinished(ok, rows, message);
            },
            Qt::QueuedConnection);
    });
    m_export->setObjectName(QStringLiteral("csv export"));
    m_export->start(QThread::LowPriority);
}

void LogsPage::onStatusChanged(const RequestLogStatus &status)
{
    switch (status.state) {
    case RequestLogStatus::State::Off:
        m_logProblem = tr("The request log is off: new requests are not recorded (turn it on "
                          "in the settings).");
        break;
    case RequestLogStatus::State::Failing:
        m_logProblem = status.problem;
        break;
    default:
        m_logProblem.clear();
        break;
    }
    updateStatusLine();
}

void LogsPage::updateStatusLine()
{
    QStringList parts;
    const int rows = m_model->rowCount();
    if (rows == 0 && m_inProgress.isEmpty()) {
        // An empty table says why: nothing recorded yet, or filters that hide everything.
        parts << (currentFilter().isEmpty()
                      ? tr("No requests recorded yet. Every request a client or the chat window "
                           "sends to the gateway appears here as soon as it is answered.")
                      : tr("No recorded request matches these filters."));
    } else {
        parts << (m_model->canFetchMore(QModelIndex())
                      ? tr("%1+ requests (more as you scroll)").arg(QLocale().toString(rows))
                      : tr("%n request(s)", nullptr, rows));
    }
    if (!m_inProgress.isEmpty())
        parts << tr("%n in progress", nullptr, int(m_inProgress.size()));
    QString text = parts.join(QStringLiteral(" · "));
    if (!m_logProblem.isEmpty())
        text += QStringLiteral("\n") + m_logProblem;
    m_ui->statusLabel->setText(text);
}
