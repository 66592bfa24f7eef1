#pragma once

#include <QMainWindow>
#include <memory>

class DashboardPage;
class QLabel;

namespace Ui {
class DashboardWindow;
}

/// The dashboard: one window, the pages listed on the left, the current page on the right,
/// and one Apply / Discard bar for the pages that edit settings. It holds pages and nothing
/// else; what a page shows and saves is the page's business.
class DashboardWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// What closing the window means.
    enum class CloseBehaviour
    {
        HideToTray,    ///< a tray icon stays: the window hides, the gateway serves on
        AskKeepServing ///< no tray: ask whether to keep serving in the background or quit
    };

    explicit DashboardWindow(QWidget *parent = nullptr);
    ~DashboardWindow() override;

    /// Adds a page at the end of the list (or before `beforePageId` when given); the window
    /// takes ownership. The Logs and Usage pages of the request log come in this way.
    void addPage(DashboardPage *page, const QString &beforePageId = QString());
    /// Replaces the page with the same pageId() (e.g. a placeholder), keeping its place.
    void replacePage(DashboardPage *page);
    DashboardPage *page(const QString &pageId) const;
    DashboardPage *currentPage() const;
    /// Shows a page (asking first about unsaved changes on the current one); false if the
    /// user chose to stay.
    bool showPage(const QString &pageId, const QString &item = QString());

    void setCloseBehaviour(CloseBehaviour behaviour) { m_closeBehaviour = behaviour; }
    CloseBehaviour closeBehaviour() const { return m_closeBehaviour; }
    /// Shows, restores from minimised and raises the window (a second start asked for it).
    void bringToFront();
    /// The gateway's state in the status bar.
    void setStatusText(const QString &text);
    void showMessage(const QString &text, bool isError);
    /// Shows the "Open chat" button (once the app has a chat window).
    void setChatAvailable(bool available);

Q_SIGNALS:
    /// Closing without a tray: the user chose to quit.
    void quitRequested();
    /// The window was closed while the gateway keeps serving.
    void hiddenToBackground();
    /// "Open chat" was pressed.
    void openChatRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void wire(DashboardPage *page);
    void onCurrentRowChanged(int row);
    void onApply();
    void onDiscard();
    void updateApplyBar();
    void retitle();
    /// Asks about unsaved changes of the current page; false: stay.
    bool settleChanges();

    const std::unique_ptr<Ui::DashboardWindow> m_ui;
    QLabel *m_statusLabel;
    CloseBehaviour m_closeBehaviour = CloseBehaviour::AskKeepServing;
    int m_currentRow = -1;
    bool m_switching = false;
};
