#pragma once

#include <QByteArray>

#include <optional>

/// The outline of a large JSON request: the text with what checking and routing a request
/// never look at left out, for Qt's parser to read into a small tree. Every byte of the
/// original is checked here (structure, strings and their escapes, literals, numbers), so an
/// outline exists exactly when the whole text is JSON that JsonReader takes on itself.
///
/// Left out:
/// - the contents of every container nested deeper than kKeptDepth (the top object is level
///   1; a message's content block is level 5), which becomes an empty container of the same
///   kind: tool schemas' properties, tool_use inputs, tool_result contents;
/// - the tail of every string value below the top level longer than kKeptStringBytes (as
///   written), which is cut to its first plain run (up to its first escape), at most that long
///   and never empty.
/// Keys, types and the top level are kept whole. The top-level keys of a text with an outline
/// are unique and hold no escapes, so a splice can find a member by the first key that matches
/// (JsonSplice::leadingMember).
namespace JsonOutline {

constexpr int kKeptDepth = 5;
/// Long enough for every value a check compares: roles, block and item types, the prefixes
/// the gateway puts on thinking signatures and on reasoning items' encrypted_content.
constexpr qsizetype kKeptStringBytes = 64;

/// The outline of `json` (valid UTF-8, which the caller checks); nullopt when `json` is not a
/// JSON object, holds something JsonReader leaves to Qt's parser (a lone surrogate, a number
/// out of range, nesting deeper than 512, a top-level key given twice or with an escape), or
/// nothing was left out.
std::optional<QByteArray> text(const QByteArray &json);

} // namespace JsonOutline
