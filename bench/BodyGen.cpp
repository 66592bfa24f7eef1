// Realistic request bodies for the benchmark: what a coding agent sends, not a one-line prompt.
//
// Writes one Anthropic Messages request (/v1/messages) shaped as Claude Code sends it: a
// system prompt in blocks with cache_control, a dozen tools with JSON schemas, and a history of
// turns in which the assistant calls tools (tool_use) and the user returns their results
// (tool_result with file contents, command output). The text is made here, deterministically
// (a fixed pseudo-random sequence over code-like lines with quotes, backslashes, tabs and
// non-ASCII characters, so that JSON escaping is exercised as in real sessions); the history
// is grown until the body reaches the size asked for.
//
//   llmgw-bodies --size BYTES [--turns N] [--out FILE]
//
// The model and the stream flag are left as placeholders, "model":"@MODEL@" and
// "stream":@STREAM@, which llmgw-load --body-file fills per run.
//   --size 110000 --turns 20     the "108 KB Claude Code" body (20 turns, tool_use/tool_result)
//   --size 1048576 --turns 200   the "1 MB long history" body
// Prints the size written on stderr.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

class Text
{
public:
    explicit Text(uint64_t seed) : m_state(seed) {}

    uint32_t next()
    {
        // xorshift64*: deterministic on every platform.
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return uint32_t((m_state * 2685821657736338717ULL) >> 32);
    }
    size_t pick(size_t n) { return next() % n; }

    /// One line of code-like text (raw, not escaped).
    std::string line()
    {
        static const char *const kWords[] = {
            "const",  "auto",      "return",  "if",       "for",    "std::string", "QByteArray",
            "value",  "request",   "stream",  "chunk",    "model",  "tokens",      "buffer",
            "size()", "append",    "error",   "status",   "header", "json",        "parse",
            "write",  "socket",    "client",  "upstream", "→",      "naïve",       "größe",
            "配置",   "emoji🙂", "nullptr", "true",     "false",  "0x7f",        "42",
        };
        static const char *const kShapes[] = {
            "    %s %s = %s(\"%s\");",
            "    if (%s.%s() && %s != \"%s\") {",
            "        return %s + \"\\t%s\" + %s; // %s",
            "    }",
            "// %s %s %s: \"%s\"",
            "    %s->%s(%s, '%s');",
            "#include \"%s/%s_%s.%s\"",
        };
        const char *shape = kShapes[pick(sizeof kShapes / sizeof *kShapes)];
        const size_t nWords = sizeof kWords / sizeof *kWords;
        char out[512];
        std::snprintf(out, sizeof out, shape, kWords[pick(nWords)], kWords[pick(nWords)],
                      kWords[pick(nWords)], kWords[pick(nWords)]);
        return out;
    }

    std::string lines(size_t bytes)
    {
        std::string out;
        while (out.size() < bytes) {
            out += line();
            out += '\n';
        }
        return out;
    }

    std::string prose(size_t bytes)
    {
        static const char *const kWords[] = {
            "the",   "file",    "function", "test",    "change", "reads",  "request", "gateway",
            "model", "returns", "when",     "because", "stream", "answer", "should",  "user",
            "keep",  "error",   "message",  "a",       "it",     "and",    "of",      "to",
        };
        std::string out;
        while (out.size() < bytes) {
            out += kWords[pick(sizeof kWords / sizeof *kWords)];
            out += pick(12) == 0 ? ". " : " ";
        }
        return out;
    }

private:
    uint64_t m_state;
};

std::string quoted(const std::string &raw)
{
    std::string out = "\"";
    for (const unsigned char c : raw) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    out += '"';
    return out;
}

struct Tool
{
    const char *name;
    const char *params[4];
};

const Tool kTools[] = {
    {"Task", {"description", "prompt", "subagent_type", nullptr}},
    {"Bash", {"command", "timeout", "description", "run_in_background"}},
    {"Glob", {"pattern", "path", nullptr, nullptr}},
    {"Grep", {"pattern", "path", "glob", "output_mode"}},
    {"LS", {"path", "ignore", nullptr, nullptr}},
    {"Read", {"file_path", "offset", "limit", nullptr}},
    {"Edit", {"file_path", "old_string", "new_string", "replace_all"}},
    {"MultiEdit", {"file_path", "edits", nullptr, nullptr}},
    {"Write", {"file_path", "content", nullptr, nullptr}},
    {"WebFetch", {"url", "prompt", nullptr, nullptr}},
    {"TodoWrite", {"todos", nullptr, nullptr, nullptr}},
    {"WebSearch", {"query", "allowed_domains", "blocked_domains", nullptr}},
};

std::string tools(Text &text)
{
    std::string out = "[";
    bool first = true;
    for (const Tool &tool : kTools) {
        if (!first)
            out += ',';
        first = false;
        out += R"({"name":)" + quoted(tool.name) + R"(,"description":)" +
               quoted(text.prose(1800 + text.pick(1200))) +
               R"(,"input_schema":{"type":"object","properties":{)";
        std::string required;
        for (size_t i = 0; i < 4 && tool.params[i]; ++i) {
            if (i > 0)
                out += ',';
            const bool array = std::strcmp(tool.params[i], "edits") == 0 ||
                               std::strcmp(tool.params[i], "todos") == 0;
            out += quoted(tool.params[i]) + ":{";
            if (array) {
                out += R"("type":"array","items":{"type":"object","properties":{)"
                       R"("content":{"type":"string","minLength":1},)"
                       R"("status":{"type":"string","enum":["pending","in_progress","completed"]},)"
                       R"("id":{"type":"string"}},"required":["content","status","id"],)"
                       R"("additionalProperties":false})";
            } else {
                out += R"("type":"string")";
            }
            out += R"(,"description":)" + quoted(text.prose(80 + text.pick(120))) + "}";
            if (i < 2)
                required += (required.empty() ? "" : ",") + quoted(tool.params[i]);
        }
        out +=
            R"(},"required":[)" + required +
            R"(],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}})";
    }
    out += ']';
    return out;
}

/// The first `bytes` of `s` or a little less, never cutting a UTF-8 sequence.
std::string utf8Prefix(const std::string &s, size_t bytes)
{
    if (s.size() <= bytes)
        return s;
    while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80)
        --bytes;
    return s.substr(0, bytes);
}

std::string toolInput(Text &text, const Tool &tool)
{
    std::string out = "{";
    for (size_t i = 0; i < 2 && tool.params[i]; ++i) {
        if (i > 0)
            out += ',';
        out += quoted(tool.params[i]) + ":" +
               quoted(i == 0 ? "/home/user/project/src/core/" + utf8Prefix(text.line(), 24)
                             : text.prose(60));
    }
    return out + "}";
}

/// The history: `turns` rounds of user text, assistant text + tool_use, user tool_result.
std::string messages(Text &text, int turns, size_t resultBytes)
{
    std::string out = "[";
    for (int turn = 0; turn < turns; ++turn) {
        const Tool &tool = kTools[text.pick(sizeof kTools / sizeof *kTools)];
        char id[40];
        std::snprintf(id, sizeof id, "toolu_01%016llx", (unsigned long long)text.next() << 20);
        if (turn > 0)
            out += ',';
        if (turn % 5 == 0) {
            out += R"({"role":"user","content":[{"type":"text","text":)" +
                   quoted(text.prose(200 + text.pick(400))) + "}]},";
        }
        out += R"({"role":"assistant","content":[{"type":"text","text":)" +
               quoted(text.prose(100 + text.pick(300))) + R"(},{"type":"tool_use","id":")" + id +
               R"(","name":)" + quoted(tool.name) + R"(,"input":)" + toolInput(text, tool) + "}]},";
        out += R"({"role":"user","content":[{"type":"tool_result","tool_use_id":")" +
               std::string(id) + R"(","content":)" +
               quoted(text.lines(resultBytes / 2 + text.pick(resultBytes))) + "}";
        if (turn == turns - 1)
            out += R"(,{"type":"text","text":"Go on.","cache_control":{"type":"ephemeral"}})";
        out += "]}";
    }
    return out + "]";
}

std::string body(int turns, size_t resultBytes)
{
    Text text(0x5eed1234abcdULL);
    std::string out = R"({"model":"@MODEL@","max_tokens":32000,)";
    out +=
        R"("system":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude.",)"
        R"("cache_control":{"type":"ephemeral"}},{"type":"text","text":)" +
        quoted(text.prose(14000)) + R"(,"cache_control":{"type":"ephemeral"}}],)";
    out += R"("tools":)" + tools(text) + ",";
    out += R"("messages":)" + messages(text, turns, resultBytes) + ",";
    out += R"("metadata":{"user_id":"user_bench_account__session_0f6c2a"},)"
           R"("temperature":1,"stream":@STREAM@})";
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    size_t size = 110000;
    int turns = 20;
    const char *outPath = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "usage: %s --size BYTES [--turns N] [--out FILE]\n", argv[0]);
            return 2;
        }
        const char *value = argv[++i];
        if (name == "--size")
            size = std::strtoull(value, nullptr, 10);
        else if (name == "--turns")
            turns = std::atoi(value);
        else if (name == "--out")
            outPath = value;
        else {
            std::fprintf(stderr, "llmgw-bodies: unknown option %s\n", name.c_str());
            return 2;
        }
    }
    if (turns < 1)
        turns = 1;
    // Grow the tool results until the body reaches the size asked for (the text is the same
    // sequence each time, so the result is deterministic).
    size_t resultBytes = 64;
    std::string out = body(turns, resultBytes);
    if (out.size() < size) {
        size_t low = resultBytes, high = 64;
        while (body(turns, high).size() < size)
            high *= 2;
        while (high - low > 8) {
            const size_t mid = (low + high) / 2;
            (body(turns, mid).size() < size ? low : high) = mid;
        }
        out = body(turns, high);
    }
    FILE *f = outPath ? std::fopen(outPath, "wb") : stdout;
    if (!f) {
        std::perror(outPath);
        return 1;
    }
    std::fwrite(out.data(), 1, out.size(), f);
    if (outPath)
        std::fclose(f);
    std::fprintf(stderr, "llmgw-bodies: %zu bytes, %d turns\n", out.size(), turns);
    return 0;
}
