#pragma once

#include "Conversation.h"

/// A conversation as a Markdown document: title, model and system prompt, then each turn
/// under a heading, reasoning in a collapsible <details> block, usage and time after replies.
/// Images are named, not embedded (a data URL would make the file unreadable).
namespace ConversationMarkdown {
QString render(const Conversation &conversation);
}
