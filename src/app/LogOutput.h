#pragma once

/// Sends Qt's log messages to stderr as one line each: time, level, text.
namespace LogOutput {
void install();
}
