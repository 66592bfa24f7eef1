#pragma once

#include "dashboard/DashboardPage.h"

#include <memory>

class AccessTokenStore;
class GatewayController;
class SettingsStore;

namespace Ui {
class SettingsPage;
}

/// Settings: host and port (applied live; a taken port is reported and the old one kept),
/// the access token (show, copy, new, off for loopback only), allowed browser origins, start
/// at login, language, and what the request log keeps. Values set by the environment or the
/// command line are shown as such and left alone.
class SettingsPage : public DashboardPage
{
    Q_OBJECT

public:
    SettingsPage(SettingsStore &settings, AccessTokenStore &token, GatewayController &gateway,
                 QWidget *parent = nullptr);
    ~SettingsPage() override;

    QString pageId() const override { return QStringLiteral("settings"); }
    QString title() const override;
    QIcon icon() const override;
    void load() override;
    bool apply() override;
    bool isEditable() const override { return true; }

protected:
    void retranslate() override;

private:
    void onEdited();
    QStringList originErrors(QStringList *origins) const;
    void refreshToken();
    void regenerateToken();
    void fillLanguages();

    const std::unique_ptr<Ui::SettingsPage> m_ui;
    SettingsStore &m_settings;
    AccessTokenStore &m_token;
    GatewayController &m_gateway;
    bool m_loading = false;
};
