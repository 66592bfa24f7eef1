#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

/// Writes compact JSON text front to back, putting the commas in: for a translation that
/// builds its output from pieces of the client's own text (JsonTree) as well as new values,
/// without a tree in between.
class JsonTextBuilder
{
public:
    explicit JsonTextBuilder(qsizetype reserve) { m_out.reserve(reserve); }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    /// The key of the next member, as written between its quotes (escapes kept; the
    /// gateway's own keys are plain ASCII).
    void key(QByteArrayView written)
    {
        separate();
        m_out += '"';
        m_out += written;
        m_out += "\":";
    }

    /// A value as JSON text (a JsonTree value's bytes, a literal).
    void json(QByteArrayView text)
    {
        separate();
        m_out += text;
        m_needComma = true;
    }
    void string(const QString &text);
    void number(qint64 value) { json(QByteArray::number(value)); }
    void boolean(bool value) { json(value ? "true" : "false"); }
    void null() { json("null"); }

    /// A string put together from pieces: text as written inside a JSON string (escapes
    /// kept; a JsonTree string's bytes) or plain ASCII with nothing to escape.
    void beginString()
    {
        separate();
        m_out += '"';
    }
    void appendWritten(QByteArrayView written) { m_out += written; }
    void appendText(const QString &text);
    /// A JSON value as written, made compact and escaped as a string's text (a tool call's
    /// arguments are its input as a JSON string).
    void appendJsonAsText(QByteArrayView json);
    void endString()
    {
        m_out += '"';
        m_needComma = true;
    }

    QByteArray take() { return std::move(m_out); }

private:
    void separate()
    {
        if (m_needComma)
            m_out += ',';
        m_needComma = false;
    }
    void open(char bracket)
    {
        separate();
        m_out += bracket;
    }
    void close(char bracket)
    {
        m_out += bracket;
        m_needComma = true;
    }

    QByteArray m_out;
    bool m_needComma = false;
};
