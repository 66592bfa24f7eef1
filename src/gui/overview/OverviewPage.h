#pragma once

#include "dashboard/DashboardPage.h"

#include <functional>
#include <memory>

class AccessTokenStore;
class GatewayController;
class ProblemMonitor;
class ProblemRow;
class ProviderKeyStore;
class SettingsStore;
class TodayCounter;
struct GatewayConfig;
struct GatewayProblem;

namespace Ui {
class OverviewPage;
}

/// The first page: the gateway's state, endpoints and token, today's requests, and every
/// problem in plain words with a button that fixes it.
class OverviewPage : public DashboardPage
{
    Q_OBJECT

public:
    OverviewPage(SettingsStore &settings, ProviderKeyStore &keys, AccessTokenStore &token,
                 GatewayController &gateway, ProblemMonitor &problems, TodayCounter &today,
                 QWidget *parent = nullptr);
    ~OverviewPage() override;

    QString pageId() const override { return QStringLiteral("overview"); }
    QString title() const override;
    QIcon icon() const override;
    void load() override;

    /// The command that starts a keychain here, for the "no keychain" problem.
    static QString keychainStartCommand();

protected:
    void retranslate() override;

private:
    void refreshState();
    void refreshProblems();
    void refreshToday();
    void addFixes(ProblemRow *row, const GatewayProblem &problem);
    void copy(const QString &text, const QString &what);
    void retryKeychain();
    void saveWith(const std::function<void(GatewayConfig &)> &change, const QString &done);

    const std::unique_ptr<Ui::OverviewPage> m_ui;
    SettingsStore &m_settings;
    ProviderKeyStore &m_keys;
    AccessTokenStore &m_token;
    GatewayController &m_gateway;
    ProblemMonitor &m_problems;
    TodayCounter &m_today;
};
