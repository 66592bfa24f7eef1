// llmgw-requestlog-bench: the request log's own measurements for scripts/bench-requestlog.sh
// (not a test; built with the tests because it links the core).
//
//   llmgw-requestlog-bench fill DB ROWS       writes ROWS realistic records spread over the
//                                            last 30 days through RequestLogWriter in batches
//                                            of 1,000; prints the writer's CPU per row
//   llmgw-requestlog-bench handover           the gateway thread's cost of one
//                                            RequestLogStore::requestFinished() (CPU per call)
//   llmgw-requestlog-bench query DB           times the Logs page's first page and filtered
//                                            pages, and the usage sums, in this process
// Prints one line of key=value pairs.
#include "requestlog/RequestLogReader.h"
#include "requestlog/RequestLogStore.h"
#include "requestlog/RequestLogWriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

namespace {
double threadCpuMicros()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e6 + double(t.tv_nsec) / 1e3;
}

/// A record like the ones real clients leave: a few providers, models and clients, mostly
/// 200s, some streams, token counts.
RequestRecord realistic(qint64 n, qint64 startedAtMs)
{
    static const char *const providers[] = {"openai", "anthropic", "deepseek", "ollama"};
    static const char *const models[] = {"gpt-4o", "claude-sonnet-4-5", "deepseek-chat",
                                         "llama3.2"};
    static const char *const clients[] = {"claude-cli/2.0.14 (external, cli)",
                                          "OpenAI/Python 1.54.0", "Continue/1.2.3", "curl/8.5.0",
                                          "Zed/0.160"};
    static const int statuses[] = {200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
                                   200, 200, 200, 200, 200, 200, 429, 404, 502, 499};
    RequestRecord r;
    r.id = "req_" + QByteArray::number(n, 36).rightJustified(12, '0');
    r.startedAt = QDateTime::fromMSecsSinceEpoch(startedAtMs, Qt::UTC);
    const int p = int(n % 4);
    r.userAgent = QString::fromLatin1(clients[(n / 3) % 5]);
    r.method = QStringLiteral("POST");
    r.path = p == 1 ? QStringLiteral("/v1/messages") : QStringLiteral("/v1/chat/completions");
    r.format = p == 1 ? QStringLiteral("anthropic") : QStringLiteral("openai");
    r.requestedModel = QString::fromLatin1(models[p]);
    r.providerId = QString::fromLatin1(providers[p]);
    r.upstreamModel = r.requestedModel;
    r.stream = n % 3 != 0;
    r.status = statuses[(n * 7) % 20];
    if (r.status >= 400)
        r.errorMessage =
            QStringLiteral("Provider '%1' answered %2.").arg(r.providerId).arg(r.status);
    r.latencyMs = 300 + (n * 37) % 5000;
    r.firstTokenMs = r.stream ? 150 + (n * 13) % 900 : -1;
    r.usage.promptTokens = 200 + (n * 31) % 20000;
    r.usage.completionTokens = 20 + (n * 17) % 2000;
    r.usage.cachedTokens = n % 5 == 0 ? 1024 : 0;
    r.requestBytes = 800 + (n * 11) % 60000;
    r.responseBytes = 400 + (n * 5) % 9000;
    return r;
}

int fill(const QString &path, qint64 rows)
{
    RequestLogWriter writer(path);
    if (!writer.open()) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path),
                     qPrintable(writer.errorText()));
        return 1;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 span = 30LL * 24 * 3600 * 1000;
    QElapsedTimer clock;
    clock.start();
    const double cpu0 = threadCpuMicros();
    QList<RequestRecord> batch;
    QList<qint64> seqs;
    for (qint64 n = 0; n < rows; ++n) {
        batch << realistic(n, now - span + span * n / qMax<qint64>(1, rows));
        if (batch.size() == 1000 || n == rows - 1) {
            seqs.clear();
            if (!writer.write(batch, false, 0, &seqs)) {
                std::fprintf(stderr, "write failed: %s\n", qPrintable(writer.errorText()));
                return 1;
            }
            batch.clear();
        }
    }
    const double cpu = threadCpuMicros() - cpu0;
    std::printf("rows=%lld seconds=%.2f rows_per_s=%.0f writer_cpu_us_per_row=%.2f direct=%d\n",
                rows, clock.elapsed() / 1000.0, rows * 1000.0 / qMax<qint64>(1, clock.elapsed()),
                cpu / double(rows), writer.usesDirectInsert() ? 1 : 0);
    return 0;
}

int handover()
{
    QTemporaryDir dir;
    RequestLogStore store(dir.filePath(QStringLiteral("requests.db")));
    store.start(RequestLogSettings());
    const RequestRecord record = realistic(12345, QDateTime::currentMSecsSinceEpoch());
    constexpr int kCalls = 200000;
    // In rounds the writer keeps up with, so that no record is dropped (a drop is cheaper).
    double cpu = 0;
    for (int round = 0; round < kCalls / 5000; ++round) {
        const double t0 = threadCpuMicros();
        for (int i = 0; i < 5000; ++i)
            store.requestFinished(record);
        cpu += threadCpuMicros() - t0;
        store.flush();
    }
    std::printf("calls=%d handover_cpu_us=%.3f dropped=%lld\n", kCalls, cpu / kCalls,
                store.status().dropped);
    return 0;
}

int query(const QString &path)
{
    RequestLogReader reader(path);
    const auto timed = [&](const char *name, const std::function<bool()> &work) {
        QElapsedTimer clock;
        clock.start();
        const bool ok = work();
        std::printf("%s_ms=%.1f ", name, clock.nsecsElapsed() / 1e6);
        if (!ok)
            std::fprintf(stderr, "%s failed: %s\n", name, qPrintable(reader.errorText()));
    };
    QList<StoredRecord> page;
    timed("open", [&] { return reader.open(); });
    timed("first_page", [&] { return reader.records({}, 200, &page); });
    RequestLogFilter f;
    f.statusMin = 500;
    f.statusMax = 599;
    timed("page_5xx", [&] {
        page.clear();
        return reader.records(f, 200, &page);
    });
    f = {};
    f.provider = QStringLiteral("ollama");
    timed("page_provider", [&] {
        page.clear();
        return reader.records(f, 200, &page);
    });
    f = {};
    f.modelPrefix = QStringLiteral("claude");
    timed("page_model", [&] {
        page.clear();
        return reader.records(f, 200, &page);
    });
    f = {};
    f.text = QStringLiteral("Zed");
    timed("page_text", [&] {
        page.clear();
        return reader.records(f, 200, &page);
    });
    const RequestLogReader::Cursor deep{
        page.isEmpty() ? 0 : page.last().record.startedAt.toMSecsSinceEpoch(),
        page.isEmpty() ? 0 : page.last().seq};
    timed("next_page", [&] {
        page.clear();
        return reader.records({}, 200, &page, &deep);
    });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<UsageTotals> totals;
    timed("usage_today", [&] { return reader.usage(now - 24LL * 3600 * 1000, -1, &totals); });
    totals.clear();
    timed("usage_30d", [&] { return reader.usage(now - 30LL * 24 * 3600 * 1000, -1, &totals); });
    QList<DailyTokens> days;
    timed("daily_30d", [&] { return reader.dailyTokens(now - 30LL * 24 * 3600 * 1000, &days); });
    std::printf("\n");
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 4 && args.at(1) == QLatin1String("fill"))
        return fill(args.at(2), args.at(3).toLongLong());
    if (args.size() == 2 && args.at(1) == QLatin1String("handover"))
        return handover();
    if (args.size() == 3 && args.at(1) == QLatin1String("query"))
        return query(args.at(2));
    std::fprintf(stderr, "usage: llmgw-requestlog-bench fill DB ROWS | handover | query DB\n");
    return 2;
}
