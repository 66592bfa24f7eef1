#pragma once

#include "ProviderSettings.h"

/// Ready-made settings for well-known providers (the seed's three and common
/// OpenAI-compatible services), to start from in the configuration or the GUI.
namespace ProviderPresets {
QList<ProviderSettings> all();
/// The preset with this id, or a disabled OpenAI-type entry with that id when none exists.
ProviderSettings byId(const QString &id);
} // namespace ProviderPresets
