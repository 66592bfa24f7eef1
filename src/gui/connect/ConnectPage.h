#pragma once

#include "ClientSnippets.h"
#include "dashboard/DashboardPage.h"

#include <memory>

class AccessTokenStore;
class GatewayController;
class ProviderKeyStore;
class SettingsStore;

namespace Ui {
class ConnectPage;
}

/// Connect: the exact settings for Claude Code, Codex, Continue, Cline, Zed, Cursor, the
/// OpenAI and Anthropic SDKs and curl, with the live address and token, one copy button each;
/// and, with a preview and a backup, Claude Code's settings file written for the user.
class ConnectPage : public DashboardPage
{
    Q_OBJECT

public:
    ConnectPage(SettingsStore &settings, ProviderKeyStore &keys, AccessTokenStore &token,
                GatewayController &gateway, QWidget *parent = nullptr);
    ~ConnectPage() override;

    QString pageId() const override { return QStringLiteral("connect"); }
    QString title() const override;
    QIcon icon() const override;
    void load() override;
    void reveal(const QString &clientId) override;

    /// The settings as they are copied (token in full).
    ClientSetup currentSetup() const;
    /// Where "Write to settings.json" writes (tests point it elsewhere).
    void setClaudeSettingsPath(const QString &path) { m_claudeSettingsPath = path; }

protected:
    void retranslate() override;

private:
    ClientSnippets::Inputs inputs() const;
    QUrl baseUrl() const;
    QStringList suggestedModels() const;
    void refresh();
    void fillClients();
    void copy(const QString &text);
    void writeClaudeSettings();
    QString displayed(const QString &text) const;

    const std::unique_ptr<Ui::ConnectPage> m_ui;
    SettingsStore &m_settings;
    ProviderKeyStore &m_keys;
    AccessTokenStore &m_token;
    GatewayController &m_gateway;
    QString m_claudeSettingsPath;
};
