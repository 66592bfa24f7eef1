#pragma once

#include <QString>

/// "Start at login" on Linux desktops: an XDG autostart entry,
/// $XDG_CONFIG_HOME/autostart/llm-gateway.desktop, written and removed by the switch.
namespace AutostartEntry {

QString path();
/// The entry exists and is not hidden or disabled.
bool isEnabled();
/// Writes the entry starting `executable --minimized` (default: this program; in the tray,
/// without opening the dashboard), or removes it.
/// False with `error` when the file could not be written or removed.
bool setEnabled(bool enabled, QString *error, const QString &executable = QString());

} // namespace AutostartEntry
