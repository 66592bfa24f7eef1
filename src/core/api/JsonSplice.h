#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

/// Edits the top level of a JSON object without parsing it into a tree: finds where each
/// member's value lies in the bytes, so that a passthrough can replace the model name (or add
/// a member) and copy everything else (the history, the tool schemas) as it came. Only for
/// text that a JSON parser has accepted already; members() declines anything it would have to
/// interpret (escaped keys, duplicate keys), and the caller then edits a parsed tree instead.
class JsonSplice
{
public:
    struct Member
    {
        QByteArrayView key; ///< the key's bytes between its quotes
        qsizetype valueBegin = 0;
        qsizetype valueEnd = 0; ///< one past the value's last byte
    };

    /// The top-level members of the object `json`, in order; nullopt when `json` is not an
    /// object, a key holds an escape, or a key appears twice.
    static std::optional<QList<Member>> members(const QByteArray &json);

    /// The first top-level member `key`, looked for only as far as that member (the rest of
    /// `json` is not checked, so a later member with the same key is not seen: for text whose
    /// top-level keys are known to be unique, such as one JsonTree::parseChecked read). nullopt
    /// when there is none, or a key before it holds an escape.
    static std::optional<Member> leadingMember(const QByteArray &json, QByteArrayView key);

    /// The text of the top-level member `key` when it is a string without escapes, looked
    /// for only as far as that member (the rest of `json` is not checked): a cheap first look,
    /// e.g. at the model name before the body is parsed. nullopt otherwise.
    static std::optional<QByteArrayView> leadingString(const QByteArray &json, QByteArrayView key);

    /// `text` as a JSON string literal (UTF-8, with its quotes).
    static QByteArray quoted(const QString &text);

    /// One edit of `json`: the bytes [begin, end) become `replacement` (begin == end inserts).
    struct Edit
    {
        qsizetype begin = 0;
        qsizetype end = 0;
        QByteArray replacement;
    };
    /// `json` with `edits` applied; the edits must be in order and not overlap.
    static QByteArray apply(const QByteArray &json, const QList<Edit> &edits);

    /// Where a member `"key":value` is inserted at the end of the object (before its closing
    /// brace), and the text to insert there; `members` is what members() returned.
    static Edit appendMember(const QByteArray &json, const QList<Member> &members,
                             QByteArrayView key, const QByteArray &value);
};
