#pragma once

#include <QList>
#include <QString>
#include <QUrl>

/// How one client tool is pointed at the gateway: the exact settings, ready to copy.
struct ClientSetup
{
    QString id;          ///< "claude-code", "codex", ...
    QString name;        ///< shown in the list
    QString intro;       ///< where the settings go, in a sentence or two
    QString snippet;     ///< the settings themselves
    QString secondIntro; ///< optional second step (e.g. the shell variable for the token)
    QString secondSnippet;
};

/// The settings of every client the Connect page knows, built from the live address, token
/// and a model name. Pure: the page and the tests call it.
namespace ClientSnippets {

struct Inputs
{
    QUrl baseUrl;  ///< the gateway, e.g. http://127.0.0.1:7352 (no /v1)
    QString token; ///< what clients send as their key; empty: a placeholder is shown
    QString model; ///< the model name the examples use
};

QList<ClientSetup> all(const Inputs &inputs);
ClientSetup byId(const QString &id, const Inputs &inputs);

/// The placeholder shown for the token when there is none to show.
QString tokenPlaceholder();

} // namespace ClientSnippets
