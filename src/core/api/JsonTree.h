#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QJsonObject;

#include <optional>
#include <vector>

/// The structure of a JSON text with every value kept as the bytes it was written in: for a
/// translation that moves most of a large request (message texts, tool output, tool schemas
/// and inputs) into another shape as the client wrote it, instead of decoding it into Qt's
/// containers and encoding it again.
///
/// Meant for text a JSON parser has accepted already (a request is checked before it is
/// translated): reading is memory-safe on any input and declines text whose structure is
/// broken, but it does not check escapes, numbers' grammar or UTF-8 again.
class JsonTree
{
public:
    enum class Kind : quint8
    {
        Absent, ///< a member that is not there, an element past the end
        Null,
        False,
        True,
        Number,
        String,
        Array,
        Object,
    };

    struct Node
    {
        quint32 begin = 0;    ///< the value's first byte (a string's opening quote)
        quint32 end = 0;      ///< one past its last byte
        quint32 keyBegin = 0; ///< an object member's key, between its quotes
        quint32 keyEnd = 0;
        quint32 next = 0;   ///< the next sibling's index; 0 for none
        quint32 tokens = 0; ///< a string's TokenCount, in a tree parseChecked read
        Kind kind = Kind::Absent;
        bool escaped = false;    ///< a string holding a backslash escape
        bool keyEscaped = false; ///< the same for the member's key
    };

    /// One value of the tree (cheap to copy; valid while the tree lives).
    class Value
    {
    public:
        Value() = default;
        Value(const JsonTree *tree, quint32 index) : m_tree(tree), m_index(index) {}

        Kind kind() const { return m_tree ? node().kind : Kind::Absent; }
        bool isAbsent() const { return kind() == Kind::Absent; }
        bool isString() const { return kind() == Kind::String; }
        bool isNumber() const { return kind() == Kind::Number; }
        bool isObject() const { return kind() == Kind::Object; }
        bool isArray() const { return kind() == Kind::Array; }
        bool isTrue() const { return kind() == Kind::True; }

        /// The value as written (a string with its quotes).
        QByteArrayView bytes() const;
        /// A string's text as written between its quotes (escapes kept); empty otherwise.
        QByteArrayView stringBytes() const;
        bool hasEscapes() const { return isString() && node().escaped; }
        /// A string's text, unescaped; empty for anything else (as QJsonValue::toString()).
        QString toString() const;
        /// `toString() == ascii`, without decoding a string that has no escapes.
        bool equals(QByteArrayView ascii) const;
        /// A number without a fraction that a qint64 holds (as JsonNumber::whole).
        std::optional<qint64> toWhole() const;
        /// A string's text's tokens as TokenCount counts them (escapes as the characters they
        /// stand for), counted while parseChecked read it; nullopt for anything else and in a
        /// tree another parse made.
        std::optional<quint32> countedTokens() const
        {
            if (!isString() || !m_tree->m_tokensCounted)
                return std::nullopt;
            return node().tokens;
        }

        /// An object's member `key` (the last one, if it is given twice; as Qt's parser keeps
        /// it); Absent when there is none or this is not an object.
        Value member(QByteArrayView key) const;
        /// The first element or member, then each one's next sibling; Absent past the end.
        Value firstChild() const;
        Value nextSibling() const;
        /// The member's key as written between its quotes.
        QByteArrayView key() const;
        bool keyEquals(QByteArrayView ascii) const;
        /// The member's key, unescaped.
        QString keyText() const;

        /// Iteration over an array's elements or an object's members.
        class Iterator;
        Iterator begin() const;
        Iterator end() const;

    private:
        const Node &node() const { return m_tree->m_nodes[m_index]; }

        const JsonTree *m_tree = nullptr;
        quint32 m_index = 0;
    };

    /// The tree of `json`, which must be an object; nullopt when it is not one, its structure
    /// is broken, it nests deeper than 512 levels or is larger than 4 GB.
    static std::optional<JsonTree> parse(const QByteArray &json);
    /// The tree of `json` when it is a JSON object that JsonReader reads on its own, every
    /// byte checked (UTF-8, escapes, numbers' grammar and range), with unique top-level keys
    /// that hold no escapes (JsonSplice::leadingMember may then stop at the first match);
    /// nullopt for anything else, which is
    /// left to Qt's parser and its error message. The tree of a request the gateway checks
    /// and routes without reading it into Qt's containers.
    static std::optional<JsonTree> parseChecked(const QByteArray &json);
    /// The tree of what Qt's parser reads from `json`: `json` itself, or, where its strings
    /// hold raw control characters (invalid JSON that Qt's parser takes and parse()
    /// declines, since copied as written they would make invalid JSON), Qt's writing of it,
    /// which escapes them. nullopt when Qt reads no object either.
    static std::optional<JsonTree> parseAsQtReads(const QByteArray &json);
    /// For text no parser has checked yet (an upstream's stream chunk): parseChecked's tree
    /// of `json` (what Qt's parser reads, read the same way), or else, as parseAsQtReads
    /// gives it, the tree of Qt's writing of what Qt's parser reads (raw control characters,
    /// escapes JSON does not allow, lone surrogates, a top-level key given twice...). nullopt
    /// when Qt reads no object either, or one nested deeper than parse() takes (Qt's parser
    /// goes to 1024 levels).
    static std::optional<JsonTree> parseCheckedAsQtReads(const QByteArray &json);

    Value root() const { return Value(this, 0); }
    /// The root's members that are not arrays or objects, as Qt's parser reads them: what
    /// routing and logging read of a request that is not built into Qt's containers.
    QJsonObject scalarMembers() const;
    const QByteArray &text() const { return m_text; }

    /// A string's text as written (escapes kept), unescaped.
    static QString unescaped(QByteArrayView written);

private:
    friend class JsonTreeParser;

    static std::optional<JsonTree> read(const QByteArray &json, bool checked);
    /// The tree of Qt's writing of what Qt's parser reads from `json`.
    static std::optional<JsonTree> parseQtWriting(const QByteArray &json);

    QByteArray m_text;
    std::vector<Node> m_nodes;
    bool m_tokensCounted = false; ///< each string's Node::tokens is set (parseChecked)
};

class JsonTree::Value::Iterator
{
public:
    explicit Iterator(Value v) : m_value(v) {}
    Value operator*() const { return m_value; }
    Iterator &operator++()
    {
        m_value = m_value.nextSibling();
        return *this;
    }
    bool operator!=(const Iterator &other) const
    {
        return m_value.m_tree != other.m_value.m_tree || m_value.m_index != other.m_value.m_index;
    }

private:
    Value m_value;
};

inline JsonTree::Value::Iterator JsonTree::Value::begin() const
{
    return Iterator(firstChild());
}

inline JsonTree::Value::Iterator JsonTree::Value::end() const
{
    return Iterator(Value());
}
