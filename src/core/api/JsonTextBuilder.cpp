#include "JsonTextBuilder.h"

#include "JsonStringScan.h"
#include "JsonWriter.h"

void JsonTextBuilder::string(const QString &text)
{
    json(JsonWriter::quoted(text));
}

void JsonTextBuilder::appendText(const QString &text)
{
    const QByteArray quoted = JsonWriter::quoted(text);
    m_out.append(quoted.constData() + 1, quoted.size() - 2);
}

void JsonTextBuilder::appendJsonAsText(QByteArrayView json)
{
    bool inString = false;
    const char *p = json.data();
    const char *end = p + json.size();
    while (p < end) {
        if (inString) {
            // Copied in runs up to the next quote or backslash (a string as written holds no
            // raw control characters).
            const char *run = JsonStringScan::findSpecial(p, end);
            m_out.append(p, run - p);
            p = run;
            if (p >= end)
                break;
        }
        const char c = *p++;
        if (!inString) {
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
                continue; // the spacing of a pretty-printed input
            if (c == '"') {
                inString = true;
                m_out += "\\\"";
            } else {
                m_out += c;
            }
            continue;
        }
        if (c == '"') {
            inString = false;
            m_out += "\\\"";
        } else if (c == '\\') {
            // An escape inside the input's string: the backslash and what it escapes, both
            // escaped again ("\n" becomes "\\n", "\"" becomes "\\\"").
            m_out += "\\\\";
            if (p < end) {
                const char escaped = *p++;
                if (escaped == '"' || escaped == '\\')
                    m_out += '\\';
                m_out += escaped;
            }
        } else {
            m_out += c; // a control character: not in a checked text
        }
    }
}
