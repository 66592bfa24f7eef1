// llmgw-logs-page-bench DB: opens the Logs page over the request log DB (offscreen) and
// prints how long it took until its first rows were on screen, then how long scrolling to
// the end of 5,000 rows took (fetchMore as the view asks). For scripts/bench-requestlog.sh;
// not a test.
#include "config/SettingsStore.h"
#include "gateway/GatewayController.h"
#include "logs/LogsPage.h"
#include "logs/RequestLogModel.h"
#include "requestlog/RequestLogStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        std::fprintf(stderr, "usage: llmgw-logs-page-bench REQUESTS_DB\n");
        return 2;
    }
    QStandardPaths::setTestModeEnabled(true); // the settings: defaults, no user file
    SettingsStore settings;
    settings.load(StartupOptions());
    GatewayController gateway;
    RequestLogStore store(app.arguments().at(1));

    QElapsedTimer clock;
    clock.start();
    LogsPage page(store, settings, gateway);
    page.resize(1200, 800);
    page.show();
    if (!QTest::qWaitForWindowExposed(&page))
        return 1;
    QApplication::processEvents();
    const double openMs = clock.nsecsElapsed() / 1e6;
    const int firstRows = page.model()->rowCount();

    // Scroll to the bottom until 5,000 rows are loaded, as a user dragging the scroll bar.
    auto *table = page.findChild<QTableView *>(QStringLiteral("requestsTableView"));
    clock.restart();
    while (page.model()->rowCount() < 5000 && page.model()->canFetchMore(QModelIndex())) {
        table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
        QApplication::processEvents();
    }
    const double scrollMs = clock.nsecsElapsed() / 1e6;
    std::printf("open_ms=%.1f first_rows=%d scroll_ms=%.1f scrolled_rows=%d\n", openMs, firstRows,
                scrollMs, page.model()->rowCount());
    return firstRows > 0 ? 0 : 1;
}
