#include "ResponsesLog.h"

Q_LOGGING_CATEGORY(lcResponses, "llmgw.responses", QtInfoMsg)
