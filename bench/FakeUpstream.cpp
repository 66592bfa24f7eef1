// A fake LLM provider for the benchmark: one thread, raw epoll, canned answers, so that it
// costs a few microseconds per request and never becomes the bottleneck it is measured against.
//
// It speaks OpenAI's chat completions (POST /v1/chat/completions) and Anthropic's Messages API
// (POST /v1/messages) and lists models (GET /v1/models). The kind of answer is chosen per request
// by the model name, so the same client can drive the fake directly or through the gateway:
//   model contains "paced"  -> a stream of N chunks, M ms apart (as a model generates tokens)
//   "stream": true          -> the same stream, written all at once
//   otherwise               -> one JSON body
// OpenAI streams carry the usage chunk only when the request asked for it
// (stream_options.include_usage), as OpenAI does.
//
// Usage: llmgw-fake-upstream [--port N] [--chunks N] [--interval-ms MS]
//                            [--tls-port N --cert PEM --key PEM]
// Prints "port=N" on stdout once it listens (port 0 picks a free one), and "tls_port=N" when
// it also serves HTTPS: the same answers over TLS (OpenSSL, one context for every connection,
// so clients can resume their sessions, as with a real provider). On SIGUSR1 it prints its TLS
// handshake counts (full and resumed) to stderr. Loopback only.

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <queue>
#include <string>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace {

constexpr size_t kMaxHead = 64 * 1024;
constexpr size_t kMaxBody = 64 * 1024 * 1024;

struct Options
{
    int port = 0;
    int chunks = 20;
    int intervalMs = 2;
    int tlsPort = -1; // -1: no HTTPS listener
    std::string cert;
    std::string key;
};

volatile std::sig_atomic_t g_statsRequested = 0;

using Nanos = long long;

Nanos now()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return Nanos(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

std::string chunked(const std::string &data)
{
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return size + data + "\r\n";
}

/// The canned answers, built once at start.
struct Answers
{
    std::string openAiJson;
    std::vector<std::string> openAiChunks; // framed HTTP chunks, content deltas
    std::string openAiTail;                // finish chunk + [DONE] + end of body
    std::string openAiTailWithUsage;       // same, plus the usage chunk
    std::string anthropicJson;
    std::vector<std::string> anthropicChunks;
    std::string anthropicTail;
    std::string modelList;
    std::string streamHead;

    explicit Answers(int chunks)
    {
        const std::string id = "chatcmpl-bench0123456789";
        const std::string created = "1767225600";
        const std::string model = "bench-model";
        const std::string prefix =
            R"({"id":")" + id + R"(","object":"chat.completion.chunk","created":)" + created +
            R"(,"model":")" + model + R"(","system_fingerprint":"fp_bench",)";
        std::string text;
        for (int i = 0; i < chunks; ++i) {
            const std::string piece = i == 0 ? "Hello" : " token" + std::to_string(i);
            text += piece;
            const std::string delta = i == 0
                                          ? R"({"role":"assistant","content":")" + piece + R"("})"
                                          : R"({"content":")" + piece + R"("})";
            openAiChunks.push_back(chunked("data: " + prefix + R"("choices":[{"index":0,"delta":)" +
                                           delta + R"(,"logprobs":null,"finish_reason":null}]})" +
                                           "\n\n"));
        }
        const std::string usage = R"({"prompt_tokens":12,"completion_tokens":)" +
                                  std::to_string(chunks) + R"(,"total_tokens":)" +
                                  std::to_string(12 + chunks) + "}";
        const std::string finish = chunked(
            "data: " + prefix +
            R"("choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]})" +
            "\n\n");
        const std::string usageChunk =
            chunked("data: " + prefix + R"("choices":[],"usage":)" + usage + "}\n\n");
        const std::string done = chunked("data: [DONE]\n\n") + "0\r\n\r\n";
        openAiTail = finish + done;
        openAiTailWithUsage = finish + usageChunk + done;
        openAiJson = R"({"id":")" + id + R"(","object":"chat.completion","created":)" + created +
                     R"(,"model":")" + model +
                     R"(","choices":[{"index":0,"message":{"role":"assistant","content":")" + text +
                     R"(","refusal":null},"logprobs":null,"finish_reason":"stop"}],)" +
                     R"("usage":)" + usage + R"(,"system_fingerprint":"fp_bench"})";

        const std::string msgId = "msg_bench0123456789";
        anthropicJson =
            R"({"id":")" + msgId + R"(","type":"message","role":"assistant","model":")" + model +
            R"(","content":[{"type":"text","text":")" + text +
            R"("}],"stop_reason":"end_turn","stop_sequence":null,)" +
            R"("usage":{"input_tokens":12,"output_tokens":)" + std::to_string(chunks) + "}}";
        const auto event = [](const std::string &name, const std::string &data) {
            return chunked("event: " + name + "\ndata: " + data + "\n\n");
        };
        for (int i = 0; i < chunks; ++i) {
            std::string c;
            if (i == 0) {
                c += event("message_start",
                           R"({"type":"message_start","message":{"id":")" + msgId +
                               R"(","type":"message","role":"assistant","model":")" + model +
                               R"(","content":[],"stop_reason":null,"stop_sequence":null,)" +
                               R"("usage":{"input_tokens":12,"output_tokens":1}}})");
                c += event("content_block_start", R"({"type":"content_block_start","index":0,)"
                                                  R"("content_block":{"type":"text","text":""}})");
            }
            const std::string piece = i == 0 ? "Hello" : " token" + std::to_string(i);
            c += event("content_block_delta", R"({"type":"content_block_delta","index":0,)"
                                              R"("delta":{"type":"text_delta","text":")" +
                                                  piece + R"("}})");
            anthropicChunks.push_back(c);
        }
        anthropicTail =
            event("content_block_stop", R"({"type":"content_block_stop","index":0})") +
            event("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"end_turn",)"
                                   R"("stop_sequence":null},"usage":{"output_tokens":)" +
                                       std::to_string(chunks) + "}}") +
            event("message_stop", R"({"type":"message_stop"})") + "0\r\n\r\n";

        modelList =
            R"({"object":"list","data":[)"
            R"({"id":"bench-json","object":"model","created":1767225600,"owned_by":"bench"},)"
            R"({"id":"bench-stream","object":"model","created":1767225600,"owned_by":"bench"},)"
            R"({"id":"bench-paced","object":"model","created":1767225600,"owned_by":"bench"}]})";
        streamHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                     "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n";
    }
};

struct Connection
{
    int fd = -1;
    SSL *ssl = nullptr;     // TLS connections only
    bool handshaking = false;
    unsigned generation = 0;
    std::string in;
    std::string out;
    bool wantWrite = false;
    // A paced stream in progress: the next chunk index and which answer it belongs to.
    bool streaming = false;
    bool anthropic = false;
    bool usage = false;
    int nextChunk = 0;
};

struct Tick
{
    Nanos due;
    int fd;
    unsigned generation;
    bool operator>(const Tick &o) const { return due > o.due; }
};

class Server
{
public:
    Server(const Options &options) : m_options(options), m_answers(options.chunks) {}

    static int listenOn(int port, int *chosen)
    {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        const int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(uint16_t(port));
        if (bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
            listen(fd, 4096) != 0) {
            std::perror("llmgw-fake-upstream: listen");
            return -1;
        }
        socklen_t len = sizeof addr;
        getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
        *chosen = ntohs(addr.sin_port);
        return fd;
    }

    bool setUpTls()
    {
        m_tls = SSL_CTX_new(TLS_server_method());
        if (!m_tls || SSL_CTX_use_certificate_chain_file(m_tls, m_options.cert.c_str()) != 1 ||
            SSL_CTX_use_PrivateKey_file(m_tls, m_options.key.c_str(), SSL_FILETYPE_PEM) != 1) {
            ERR_print_errors_fp(stderr);
            return false;
        }
        SSL_CTX_set_min_proto_version(m_tls, TLS1_2_VERSION);
        // Like api.openai.com: HTTP/1.1 when the client asks for it by ALPN.
        SSL_CTX_set_alpn_select_cb(
            m_tls,
            [](SSL *, const unsigned char **out, unsigned char *outLength, const unsigned char *in,
               unsigned int inLength, void *) {
                static const unsigned char http11[] = "\x08http/1.1";
                unsigned char *selected = nullptr;
                if (SSL_select_next_proto(&selected, outLength, http11, 9, in, inLength) !=
                    OPENSSL_NPN_NEGOTIATED)
                    return SSL_TLSEXT_ERR_NOACK;
                *out = selected;
                return SSL_TLSEXT_ERR_OK;
            },
            nullptr);
        SSL_CTX_set_mode(m_tls, SSL_MODE_ENABLE_PARTIAL_WRITE |
                                    SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS);
        return true;
    }

    int run()
    {
        int port = 0;
        m_listen = listenOn(m_options.port, &port);
        if (m_listen < 0)
            return 1;
        std::printf("port=%d\n", port);
        if (m_options.tlsPort >= 0) {
            if (!setUpTls())
                return 1;
            m_tlsListen = listenOn(m_options.tlsPort, &port);
            if (m_tlsListen < 0)
                return 1;
            std::printf("tls_port=%d\n", port);
        }
        std::fflush(stdout);

        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        add(m_listen, EPOLLIN);
        if (m_tlsListen >= 0)
            add(m_tlsListen, EPOLLIN);
        add(m_timer, EPOLLIN);

        epoll_event events[256];
        while (true) {
            const int n = epoll_wait(m_epoll, events, 256, -1);
            if (g_statsRequested) {
                g_statsRequested = 0;
                std::fprintf(stderr, "tls_handshakes=%llu tls_resumed=%llu\n", m_handshakes,
                             m_resumed);
                std::fflush(stderr);
            }
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                std::perror("epoll_wait");
                return 1;
            }
            for (int i = 0; i < n; ++i) {
                const int fd = events[i].data.fd;
                if (fd == m_listen)
                    accept(m_listen, false);
                else if (fd == m_tlsListen)
                    accept(m_tlsListen, true);
                else if (fd == m_timer)
                    onTimer();
                else
                    onEvent(fd, events[i].events);
            }
        }
    }

private:
    void add(int fd, uint32_t events)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.fd = fd;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
    }

    void accept(int listener, bool tls)
    {
        while (true) {
            const int fd = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0)
                return;
            const int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            Connection &c = m_connections[fd];
            c = Connection();
            c.fd = fd;
            c.generation = ++m_generation;
            if (tls) {
                c.ssl = SSL_new(m_tls);
                SSL_set_fd(c.ssl, fd);
                SSL_set_accept_state(c.ssl);
                c.handshaking = true;
            }
            add(fd, EPOLLIN | EPOLLRDHUP);
        }
    }

    void close(Connection &c)
    {
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        if (c.ssl)
            SSL_free(c.ssl);
        ::close(c.fd);
        m_connections.erase(c.fd);
    }

    /// Goes on with a TLS handshake; false when the connection was closed.
    bool handshake(Connection &c)
    {
        const int result = SSL_do_handshake(c.ssl);
        if (result == 1) {
            c.handshaking = false;
            ++m_handshakes;
            if (SSL_session_reused(c.ssl))
                ++m_resumed;
            setWriteInterest(c, !c.out.empty());
            return true;
        }
        const int error = SSL_get_error(c.ssl, result);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            setWriteInterest(c, error == SSL_ERROR_WANT_WRITE);
            return true;
        }
        ERR_clear_error();
        close(c);
        return false;
    }

    /// Reads what the connection has into c.in; false when it was closed.
    bool readAvailable(Connection &c)
    {
        char buffer[65536];
        while (true) {
            if (c.ssl) {
                const int got = SSL_read(c.ssl, buffer, int(sizeof buffer));
                if (got > 0) {
                    c.in.append(buffer, size_t(got));
                    continue;
                }
                const int error = SSL_get_error(c.ssl, got);
                if (error == SSL_ERROR_WANT_READ)
                    return true;
                if (error == SSL_ERROR_WANT_WRITE) {
                    setWriteInterest(c, true);
                    return true;
                }
                ERR_clear_error();
                close(c);
                return false;
            }
            const ssize_t got = read(c.fd, buffer, sizeof buffer);
            if (got > 0) {
                c.in.append(buffer, size_t(got));
                continue;
            }
            if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
                close(c);
                return false;
            }
            return true;
        }
    }

    /// Writes as much of `bytes` as the connection takes now: the count, or -1 when it failed
    /// (it is closed then).
    ssize_t writeSome(Connection &c, const char *bytes, size_t size)
    {
        if (c.ssl) {
            const int written = SSL_write(c.ssl, bytes, int(size));
            if (written > 0)
                return written;
            const int error = SSL_get_error(c.ssl, written);
            if (error == SSL_ERROR_WANT_WRITE || error == SSL_ERROR_WANT_READ)
                return 0;
            ERR_clear_error();
            close(c);
            return -1;
        }
        const ssize_t written = ::send(c.fd, bytes, size, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            close(c);
            return -1;
        }
        return written;
    }

    void onEvent(int fd, uint32_t events)
    {
        auto it = m_connections.find(fd);
        if (it == m_connections.end())
            return;
        Connection &c = it->second;
        if (events & (EPOLLERR | EPOLLHUP)) {
            close(c);
            return;
        }
        if (c.handshaking) {
            if (!handshake(c) || c.handshaking)
                return;
        }
        if (events & EPOLLOUT) {
            if (!flush(c))
                return;
        }
        if (events & (EPOLLIN | EPOLLRDHUP) || c.ssl) {
            if (!readAvailable(c))
                return;
            serve(c);
        }
    }

    /// Answers every complete request in the buffer (a paced stream holds the rest back).
    void serve(Connection &c)
    {
        while (!c.streaming) {
            const size_t headEnd = c.in.find("\r\n\r\n");
            if (headEnd == std::string::npos) {
                if (c.in.size() > kMaxHead)
                    close(c);
                return;
            }
            const size_t length = contentLength(c.in, headEnd);
            if (length > kMaxBody) {
                close(c);
                return;
            }
            if (c.in.size() < headEnd + 4 + length)
                return;
            const std::string head = c.in.substr(0, headEnd);
            const std::string body = c.in.substr(headEnd + 4, length);
            c.in.erase(0, headEnd + 4 + length);
            const int fd = c.fd;
            respond(c, head, body);
            if (m_connections.find(fd) == m_connections.end())
                return;
        }
    }

    static size_t contentLength(const std::string &in, size_t headEnd)
    {
        size_t at = 0;
        while ((at = in.find('\n', at)) != std::string::npos && at < headEnd) {
            ++at;
            if (strncasecmp(in.c_str() + at, "content-length:", 15) == 0)
                return size_t(std::strtoull(in.c_str() + at + 15, nullptr, 10));
        }
        return 0;
    }

    static bool bodyHas(const std::string &body, const char *needle)
    {
        return body.find(needle) != std::string::npos;
    }

    /// The model name's value, found without a JSON parser (the fake must stay cheap).
    static std::string modelOf(const std::string &body)
    {
        size_t at = body.find("\"model\"");
        if (at == std::string::npos)
            return {};
        at = body.find('"', body.find(':', at + 7));
        if (at == std::string::npos)
            return {};
        const size_t end = body.find('"', at + 1);
        return end == std::string::npos ? std::string() : body.substr(at + 1, end - at - 1);
    }

    static bool streamRequested(const std::string &body)
    {
        size_t at = body.find("\"stream\"");
        if (at == std::string::npos)
            return false;
        at = body.find_first_not_of(" \t\r\n:", at + 8);
        return at != std::string::npos && body.compare(at, 4, "true") == 0;
    }

    void respond(Connection &c, const std::string &head, const std::string &body)
    {
        const bool chat = head.compare(0, 26, "POST /v1/chat/completions ") == 0;
        const bool messages = head.compare(0, 18, "POST /v1/messages ") == 0;
        if (head.compare(0, 15, "GET /v1/models ") == 0 ||
            head.compare(0, 16, "GET /v1/models?") == 0) {
            send(c, jsonResponse(m_answers.modelList));
            return;
        }
        if (!chat && !messages) {
            send(c, "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                    "Content-Length: 21\r\n\r\n{\"error\":\"not found\"}");
            return;
        }
        const std::string model = modelOf(body);
        const bool paced = model.find("paced") != std::string::npos;
        if (!paced && !streamRequested(body)) {
            send(c, jsonResponse(messages ? m_answers.anthropicJson : m_answers.openAiJson));
            return;
        }
        c.anthropic = messages;
        c.usage = !messages && bodyHas(body, "\"include_usage\":true");
        if (!paced) {
            std::string out = m_answers.streamHead;
            for (const std::string &chunk : chunks(c))
                out += chunk;
            out += tail(c);
            send(c, out);
            return;
        }
        // Paced: the headers and the first chunk at once, then one chunk per interval.
        c.streaming = true;
        c.nextChunk = 1;
        const int fd = c.fd;
        send(c, m_answers.streamHead + chunks(c)[0]);
        if (m_connections.find(fd) != m_connections.end())
            schedule(c);
    }

    const std::vector<std::string> &chunks(const Connection &c) const
    {
        return c.anthropic ? m_answers.anthropicChunks : m_answers.openAiChunks;
    }

    const std::string &tail(const Connection &c) const
    {
        if (c.anthropic)
            return m_answers.anthropicTail;
        return c.usage ? m_answers.openAiTailWithUsage : m_answers.openAiTail;
    }

    static std::string jsonResponse(const std::string &json)
    {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
               std::to_string(json.size()) + "\r\n\r\n" + json;
    }

    void schedule(const Connection &c)
    {
        const Nanos due = now() + Nanos(m_options.intervalMs) * 1000000LL;
        m_ticks.push({due, c.fd, c.generation});
        if (m_ticks.top().due == due)
            armTimer();
    }

    void armTimer()
    {
        itimerspec spec{};
        if (!m_ticks.empty()) {
            const Nanos due = m_ticks.top().due;
            spec.it_value.tv_sec = due / 1000000000LL;
            spec.it_value.tv_nsec = due % 1000000000LL;
        }
        timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &spec, nullptr);
    }

    void onTimer()
    {
        uint64_t expirations = 0;
        [[maybe_unused]] ssize_t ignored = read(m_timer, &expirations, sizeof expirations);
        const Nanos t = now();
        std::vector<Tick> dueTicks;
        while (!m_ticks.empty() && m_ticks.top().due <= t) {
            dueTicks.push_back(m_ticks.top());
            m_ticks.pop();
        }
        for (const Tick &tick : dueTicks) {
            auto it = m_connections.find(tick.fd);
            if (it == m_connections.end() || it->second.generation != tick.generation)
                continue; // the client left
            Connection &c = it->second;
            const int fd = c.fd;
            const std::vector<std::string> &all = chunks(c);
            std::string out = all[size_t(c.nextChunk)];
            ++c.nextChunk;
            const bool last = c.nextChunk >= int(all.size());
            if (last) {
                out += tail(c);
                c.streaming = false;
            }
            send(c, out);
            if (m_connections.find(fd) == m_connections.end())
                continue;
            if (last)
                serve(c); // a request that arrived meanwhile
            else
                schedule(c);
        }
        armTimer();
    }

    void send(Connection &c, const std::string &bytes)
    {
        if (!c.out.empty() || c.handshaking) {
            c.out += bytes;
            return;
        }
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t written = writeSome(c, bytes.data() + done, bytes.size() - done);
            if (written < 0)
                return; // closed
            if (written == 0)
                break;
            done += size_t(written);
        }
        if (done < bytes.size()) {
            c.out.assign(bytes, done, std::string::npos);
            setWriteInterest(c, true);
        }
    }

    bool flush(Connection &c)
    {
        while (!c.out.empty()) {
            const ssize_t written = writeSome(c, c.out.data(), c.out.size());
            if (written < 0)
                return false;
            if (written == 0)
                return true;
            c.out.erase(0, size_t(written));
        }
        setWriteInterest(c, false);
        return true;
    }

    void setWriteInterest(Connection &c, bool on)
    {
        if (c.wantWrite == on)
            return;
        c.wantWrite = on;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP | (on ? EPOLLOUT : 0u);
        ev.data.fd = c.fd;
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
    }

    Options m_options;
    Answers m_answers;
    int m_listen = -1;
    int m_tlsListen = -1;
    SSL_CTX *m_tls = nullptr;
    unsigned long long m_handshakes = 0;
    unsigned long long m_resumed = 0;
    int m_epoll = -1;
    int m_timer = -1;
    unsigned m_generation = 0;
    std::unordered_map<int, Connection> m_connections;
    std::priority_queue<Tick, std::vector<Tick>, std::greater<Tick>> m_ticks;
};

} // namespace

int main(int argc, char **argv)
{
    // Thousands of sockets (the 10,000-stream row): the soft open-file limit (often 1024) is
    // raised to the hard one.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const int value = std::atoi(argv[i + 1]);
        if (name == "--port")
            options.port = value;
        else if (name == "--chunks")
            options.chunks = value > 0 ? value : 1;
        else if (name == "--interval-ms")
            options.intervalMs = value >= 0 ? value : 0;
        else if (name == "--tls-port")
            options.tlsPort = value;
        else if (name == "--cert")
            options.cert = argv[i + 1];
        else if (name == "--key")
            options.key = argv[i + 1];
        else {
            std::fprintf(stderr,
                         "usage: %s [--port N] [--chunks N] [--interval-ms MS] "
                         "[--tls-port N --cert PEM --key PEM]\n",
                         argv[0]);
            return 2;
        }
    }
    if (options.tlsPort >= 0 && (options.cert.empty() || options.key.empty())) {
        std::fprintf(stderr, "llmgw-fake-upstream: --tls-port needs --cert and --key\n");
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    struct sigaction stats {};
    stats.sa_handler = [](int) { g_statsRequested = 1; };
    sigaction(SIGUSR1, &stats, nullptr); // no SA_RESTART: epoll_wait returns, the loop prints
    Server server(options);
    return server.run();
}
