#pragma once

#include <QLoggingCategory>

/// The Responses API translators' log: tools and items a translated route leaves out.
Q_DECLARE_LOGGING_CATEGORY(lcResponses)
