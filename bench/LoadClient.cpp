// Closed-loop HTTP load generator for the benchmark: one thread, raw epoll, keep-alive.
//
// Each of --concurrency connections sends a chat request, reads the whole answer
// (Content-Length or chunked), and sends the next one at once. For every request it records
// the time to the first byte of the body (for a stream: the first chunk, "time to first chunk")
// and the total time. Requests that complete inside the measured window (after --warmup, until
// --duration) count; the CPU time of --watch-pid (user+system time of all its threads, see
// cpuNanos()) is read at both ends of that same window.
//
// Modes:
//   llmgw-load --port P [--path /v1/chat/completions] [--format openai|anthropic]
//              --model M [--stream] --concurrency C --duration S [--warmup S]
//              [--once] [--watch-pid PID] [--token T] [--body-file FILE]
//     --body-file: send this body (made by llmgw-bodies) instead of the small built-in one.
//     --once: each connection sends exactly one request (the "1,000 concurrent streams" test).
//   llmgw-load --port P --wait-health [--timeout S]
//     polls GET /health every millisecond; prints the CLOCK_REALTIME time it first got a 200.
//   llmgw-load --free-port
//     prints a loopback port that is free now (for the process started next).
// Prints one line of key=value pairs. Loopback only.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fstream>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sstream>
#include <string>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

using Nanos = long long;

Nanos monotonicNow()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return Nanos(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

Nanos realtimeNow()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return Nanos(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

struct Options
{
    int port = 0;
    std::string path = "/v1/chat/completions";
    std::string format = "openai";
    std::string bodyFile; ///< --body-file: the request body (llmgw-bodies), placeholders filled
    std::string model = "bench-json";
    std::string token = "bench-token";
    bool stream = false;
    bool once = false;
    bool waitHealth = false;
    int concurrency = 1;
    double duration = 3.0;
    double warmup = 0.5;
    double timeout = 10.0;
    int watchPid = 0;
};

/// utime + stime of a process, in nanoseconds (all threads), from /proc/PID/stat.
long long statCpuNanos(int pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t close = stat.rfind(')'); // the command name may contain spaces
    if (close == std::string::npos)
        return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    long long ticks = 0;
    // After ")": state is field 3; utime and stime are fields 14 and 15.
    for (int index = 3; index <= 15 && (fields >> field); ++index) {
        if (index == 14 || index == 15)
            ticks += std::atoll(field.c_str());
    }
    return ticks * (1000000000LL / sysconf(_SC_CLK_TCK));
}

/// The same CPU time with nanosecond resolution: /proc/PID/stat counts in 10 ms ticks, too
/// coarse for a 3 s window of a process that uses a few percent of a core. The scheduler's
/// per-thread run time (/proc/PID/task/TID/schedstat, first field) is exact; summed over the
/// threads alive at both ends of the window (the gateway starts none in between).
long long cpuNanos(int pid)
{
    const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
    DIR *dir = opendir(tasks.c_str());
    if (!dir)
        return statCpuNanos(pid);
    long long total = 0;
    bool any = false;
    while (const dirent *entry = readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        std::ifstream in(tasks + "/" + entry->d_name + "/schedstat");
        long long runNanos = 0;
        if (in >> runNanos) {
            total += runNanos;
            any = true;
        }
    }
    closedir(dir);
    return any ? total : statCpuNanos(pid);
}

int connectTo(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(uint16_t(port));
    if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 &&
        errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// Incremental HTTP/1.1 response reader: status, Content-Length or chunked body.
class ResponseReader
{
public:
    enum class State
    {
        Head,
        Body,
        Chunked,
        Done,
        Bad
    };

    void reset() { *this = ResponseReader(); }

    /// Feeds bytes; returns how many body bytes they contained (to spot the first chunk).
    size_t feed(const char *data, size_t size)
    {
        m_buffer.append(data, size);
        size_t bodyBytes = 0;
        while (m_state != State::Done && m_state != State::Bad) {
            if (m_state == State::Head) {
                const size_t end = m_buffer.find("\r\n\r\n");
                if (end == std::string::npos)
                    return bodyBytes;
                parseHead(m_buffer.substr(0, end));
                m_buffer.erase(0, end + 4);
                continue;
            }
            if (m_state == State::Body) {
                const size_t take = std::min(m_remaining, m_buffer.size());
                keep(m_buffer.data(), take);
                bodyBytes += take;
                m_remaining -= take;
                m_buffer.erase(0, take);
                if (m_remaining == 0)
                    m_state = State::Done;
                return bodyBytes;
            }
            // Chunked: "size\r\n data \r\n" ... "0\r\n\r\n"
            if (m_remaining > 0) {
                const size_t take = std::min(m_remaining, m_buffer.size());
                keep(m_buffer.data(), take);
                bodyBytes += take;
                m_remaining -= take;
                m_buffer.erase(0, take);
                if (m_remaining > 0)
                    return bodyBytes;
                m_skipCrlf = true;
            }
            if (m_skipCrlf) {
                if (m_buffer.size() < 2)
                    return bodyBytes;
                m_buffer.erase(0, 2);
                m_skipCrlf = false;
            }
            const size_t line = m_buffer.find("\r\n");
            if (line == std::string::npos)
                return bodyBytes;
            const size_t chunk = std::strtoul(m_buffer.c_str(), nullptr, 16);
            m_buffer.erase(0, line + 2);
            if (chunk == 0) {
                m_lastChunk = true;
                if (m_buffer.size() < 2) // the final CRLF (no trailers expected)
                    return bodyBytes;
                m_buffer.erase(0, 2);
                m_state = State::Done;
                return bodyBytes;
            }
            m_remaining = chunk;
        }
        return bodyBytes;
    }

    State state() const { return m_state; }
    int status() const { return m_status; }
    bool closeAfter() const { return m_close; }
    const std::string &tail() const { return m_tail; }
    bool finishedWithPendingCrlf() const { return m_lastChunk && m_state != State::Done; }

private:
    void parseHead(const std::string &head)
    {
        m_status = std::atoi(head.c_str() + 9);
        std::string lower = head;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        m_close = lower.find("\nconnection: close") != std::string::npos;
        const size_t length = lower.find("\ncontent-length:");
        if (lower.find("\ntransfer-encoding: chunked") != std::string::npos) {
            m_state = State::Chunked;
            m_remaining = 0;
        } else if (length != std::string::npos) {
            m_remaining = std::strtoull(lower.c_str() + length + 16, nullptr, 10);
            m_state = m_remaining == 0 ? State::Done : State::Body;
        } else {
            m_state = State::Bad; // the benchmark only speaks framed keep-alive HTTP
        }
    }

    /// Keeps the last bytes of the body, to check how a stream ended.
    void keep(const char *data, size_t size)
    {
        m_tail.append(data, size);
        if (m_tail.size() > 512)
            m_tail.erase(0, m_tail.size() - 256);
    }

    State m_state = State::Head;
    std::string m_buffer;
    std::string m_tail;
    size_t m_remaining = 0;
    int m_status = 0;
    bool m_close = false;
    bool m_skipCrlf = false;
    bool m_lastChunk = false;
};

struct Connection
{
    int fd = -1;
    bool connected = false;
    bool done = false;     // --once: its request is finished
    bool inFlight = false; // its request is sent and its answer not complete
    std::string out;
    size_t written = 0;
    Nanos sentAt = 0;
    Nanos firstByteAt = 0;
    ResponseReader reader;
};

struct Sample
{
    double totalMs;
    double firstMs;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = size_t(std::ceil(p / 100.0 * double(values.size()))) - 1;
    return values[std::min(index, values.size() - 1)];
}

/// The body of --body-file (made by llmgw-bodies) with its placeholders filled:
/// "@MODEL@" becomes the model, @STREAM@ true or false.
std::string bodyFromFile(const Options &options)
{
    std::ifstream in(options.bodyFile, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "llmgw-load: cannot read %s\n", options.bodyFile.c_str());
        std::exit(2);
    }
    std::stringstream data;
    data << in.rdbuf();
    std::string body = data.str();
    const auto fill = [&body](const std::string &placeholder, const std::string &value) {
        const size_t at = body.find(placeholder);
        if (at != std::string::npos)
            body.replace(at, placeholder.size(), value);
    };
    fill("@MODEL@", options.model);
    fill("@STREAM@", options.stream ? "true" : "false");
    return body;
}

class Load
{
public:
    explicit Load(const Options &options) : m_options(options)
    {
        std::string body;
        if (!options.bodyFile.empty()) {
            body = bodyFromFile(options);
        } else if (options.format == "anthropic") {
            body = R"({"model":")" + options.model +
                   R"(","max_tokens":256,"messages":[{"role":"user","content":)"
                   R"("Say hello in a few words, please."}])";
        } else {
            body = R"({"model":")" + options.model +
                   R"(","messages":[{"role":"system","content":"You are terse."},)"
                   R"({"role":"user","content":"Say hello in a few words, please."}],)"
                   R"("temperature":0.2,"max_tokens":256)";
        }
        if (options.bodyFile.empty())
            body += options.stream ? R"(,"stream":true})" : "}";
        m_request = "POST " + options.path +
                    " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(options.port) +
                    "\r\nUser-Agent: llmgw-load\r\nAccept: */*\r\n"
                    "Content-Type: application/json\r\nAuthorization: Bearer " +
                    options.token + "\r\n" +
                    (options.format == "anthropic" ? "anthropic-version: 2023-06-01\r\n" : "") +
                    "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    }

    int run()
    {
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        m_connections.resize(size_t(m_options.concurrency));
        const Nanos start = monotonicNow();
        m_windowStart = start + Nanos(m_options.warmup * 1e9);
        m_deadline = m_windowStart + Nanos(m_options.duration * 1e9);
        const Nanos hardStop =
            (m_options.once ? start : m_deadline) + Nanos(m_options.timeout * 1e9);
        for (size_t i = 0; i < m_connections.size(); ++i)
            open(i);

        epoll_event events[512];
        bool windowOpen = false;
        while (true) {
            const Nanos t = monotonicNow();
            if (!windowOpen && t >= m_windowStart) {
                windowOpen = true;
                m_cpuStart = m_options.watchPid ? cpuNanos(m_options.watchPid) : 0;
            }
            if (!m_options.once && t >= m_deadline)
                break;
            if (m_options.once && m_remainingOnce == 0)
                break;
            if (t >= hardStop) {
                m_errors += m_remainingOnce; // streams that never finished
                break;
            }
            const Nanos until =
                (windowOpen ? (m_options.once ? hardStop : m_deadline) : m_windowStart) - t;
            const int timeoutMs = int(std::max<Nanos>(1, until / 1000000));
            const int n = epoll_wait(m_epoll, events, 512, timeoutMs);
            for (int i = 0; i < n; ++i)
                onEvent(size_t(events[i].data.u64), events[i].events);
        }
        const Nanos end = monotonicNow();
        const long long cpuEnd = m_options.watchPid ? cpuNanos(m_options.watchPid) : 0;
        if (!windowOpen)
            m_cpuStart = cpuEnd;
        report(m_options.once ? double(end - start) / 1e9 : m_options.duration,
               cpuEnd - m_cpuStart);
        return 0;
    }

private:
    void open(size_t index)
    {
        Connection &c = m_connections[index];
        c = Connection();
        c.fd = connectTo(m_options.port);
        if (c.fd < 0) {
            ++m_errors;
            c.done = true;
            return;
        }
        epoll_event ev{};
        ev.events = EPOLLOUT | EPOLLIN | EPOLLRDHUP;
        ev.data.u64 = index;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev);
        if (m_options.once)
            ++m_remainingOnce; // --once never reopens, so each connection counts once
    }

    void send(size_t index)
    {
        Connection &c = m_connections[index];
        c.out = m_request;
        c.written = 0;
        c.sentAt = monotonicNow();
        c.firstByteAt = 0;
        c.reader.reset();
        c.inFlight = true;
        m_maxInFlight = std::max(m_maxInFlight, ++m_inFlight);
        flush(index);
    }

    void flush(size_t index)
    {
        Connection &c = m_connections[index];
        while (c.written < c.out.size()) {
            const ssize_t n =
                ::send(c.fd, c.out.data() + c.written, c.out.size() - c.written, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return;
                fail(index);
                return;
            }
            c.written += size_t(n);
        }
    }

    void onEvent(size_t index, uint32_t events)
    {
        Connection &c = m_connections[index];
        if (c.fd < 0)
            return;
        if (!c.connected && (events & EPOLLOUT)) {
            int error = 0;
            socklen_t len = sizeof error;
            getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len);
            if (error != 0) {
                fail(index);
                return;
            }
            c.connected = true;
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLRDHUP;
            ev.data.u64 = index;
            epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
            send(index);
            return;
        }
        if (events & EPOLLIN) {
            char buffer[65536];
            while (true) {
                const ssize_t n = read(c.fd, buffer, sizeof buffer);
                if (n > 0) {
                    const size_t body = c.reader.feed(buffer, size_t(n));
                    if (body > 0 && c.firstByteAt == 0)
                        c.firstByteAt = monotonicNow();
                    if (c.reader.state() == ResponseReader::State::Done) {
                        finish(index);
                        return;
                    }
                    if (c.reader.state() == ResponseReader::State::Bad) {
                        fail(index);
                        return;
                    }
                    continue;
                }
                if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
                    fail(index);
                    return;
                }
                break;
            }
        }
        if (events & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) {
            fail(index);
            return;
        }
        if (c.written < c.out.size())
            flush(index);
    }

    bool streamEndedWell(const Connection &c) const
    {
        if (!m_options.stream && m_options.model.find("paced") == std::string::npos)
            return true;
        const std::string &tail = c.reader.tail();
        if (m_options.format == "anthropic")
            return tail.find("message_stop") != std::string::npos &&
                   tail.find("\"type\":\"error\"") == std::string::npos;
        return tail.find("data: [DONE]") != std::string::npos;
    }

    void endRequest(Connection &c)
    {
        if (c.inFlight) {
            c.inFlight = false;
            --m_inFlight;
        }
    }

    void finish(size_t index)
    {
        Connection &c = m_connections[index];
        endRequest(c);
        const Nanos t = monotonicNow();
        const bool ok = c.reader.status() >= 200 && c.reader.status() < 300 && streamEndedWell(c);
        if (ok) {
            if (t >= m_windowStart && (m_options.once || t <= m_deadline)) {
                const Nanos first = c.firstByteAt ? c.firstByteAt : t;
                m_samples.push_back({double(t - c.sentAt) / 1e6, double(first - c.sentAt) / 1e6});
            }
        } else {
            ++m_errors;
            if (m_firstError.empty())
                m_firstError = "HTTP " + std::to_string(c.reader.status()) + " " +
                               c.reader.tail().substr(0, 200);
        }
        if (m_options.once) {
            c.done = true;
            --m_remainingOnce;
            closeConnection(c);
            return;
        }
        if (c.reader.closeAfter()) {
            closeConnection(c);
            open(index);
            return;
        }
        send(index);
    }

    void fail(size_t index)
    {
        Connection &c = m_connections[index];
        ++m_errors;
        if (m_firstError.empty())
            m_firstError = "connection failed: " + std::string(std::strerror(errno));
        closeConnection(c);
        if (m_options.once) {
            c.done = true;
            --m_remainingOnce;
            return;
        }
        open(index); // closed loop: a new connection takes its place
    }

    void closeConnection(Connection &c)
    {
        endRequest(c);
        if (c.fd >= 0) {
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
            ::close(c.fd);
            c.fd = -1;
        }
    }

    void report(double seconds, long long cpuNanosUsed)
    {
        std::vector<double> total;
        std::vector<double> first;
        for (const Sample &s : m_samples) {
            total.push_back(s.totalMs);
            first.push_back(s.firstMs);
        }
        const double requests = double(m_samples.size());
        const double cpuUs = requests > 0 ? double(cpuNanosUsed) / 1e3 / requests : 0;
        std::printf("requests=%zu errors=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f ttfc_p50_ms=%.3f "
                    "ttfc_p99_ms=%.3f cpu_us_per_req=%.1f cpu_s=%.3f max_in_flight=%d\n",
                    m_samples.size(), m_errors, requests / seconds, percentile(total, 50),
                    percentile(total, 99), percentile(first, 50), percentile(first, 99), cpuUs,
                    double(cpuNanosUsed) / 1e9, m_maxInFlight);
        if (!m_firstError.empty())
            std::fprintf(stderr, "llmgw-load: first error: %s\n", m_firstError.c_str());
    }

    Options m_options;
    std::string m_request;
    int m_epoll = -1;
    std::vector<Connection> m_connections;
    std::vector<Sample> m_samples;
    int m_errors = 0;
    int m_remainingOnce = 0;
    int m_inFlight = 0;    // requests sent and not yet answered in full
    int m_maxInFlight = 0; // the most at once: the streams the gateway held open together
    std::string m_firstError;
    Nanos m_windowStart = 0;
    Nanos m_deadline = 0;
    long long m_cpuStart = 0;
};

/// Polls GET /health until it answers 200; prints when (CLOCK_REALTIME, ns).
int waitHealth(const Options &options)
{
    const Nanos stop = monotonicNow() + Nanos(options.timeout * 1e9);
    const std::string request =
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(options.port) +
        "\r\nAuthorization: Bearer " + options.token + "\r\nConnection: close\r\n\r\n";
    while (monotonicNow() < stop) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(uint16_t(options.port));
        timeval tv{1, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
            ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size())) {
            char buffer[64] = {};
            const ssize_t n = read(fd, buffer, sizeof buffer - 1);
            if (n >= 12 && std::strncmp(buffer + 9, "200", 3) == 0) {
                const Nanos at = realtimeNow();
                ::close(fd);
                std::printf("ready_unix_ns=%lld\n", at);
                return 0;
            }
        }
        ::close(fd);
        usleep(1000);
    }
    std::printf("ready_unix_ns=0\n");
    return 1;
}

/// Lets the kernel pick a free loopback port and gives it back at once.
int freePort()
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        std::perror("llmgw-load: free port");
        return 1;
    }
    ::close(fd);
    std::printf("%d\n", ntohs(addr.sin_port));
    return 0;
}

void usage(const char *self)
{
    std::fprintf(stderr,
                 "usage: %s --port P [--path PATH] [--format openai|anthropic] [--model M] "
                 "[--stream] [--concurrency C] [--duration S] [--warmup S] [--once] "
                 "[--watch-pid PID] [--token T] [--timeout S] [--body-file FILE]\n"
                 "       %s --port P --wait-health [--timeout S]\n"
                 "       %s --free-port\n",
                 self, self, self);
}

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
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage(argv[0]);
                std::exit(2);
            }
            return argv[++i];
        };
        if (name == "--port")
            options.port = std::atoi(value().c_str());
        else if (name == "--path")
            options.path = value();
        else if (name == "--format")
            options.format = value();
        else if (name == "--body-file")
            options.bodyFile = value();
        else if (name == "--model")
            options.model = value();
        else if (name == "--token")
            options.token = value();
        else if (name == "--stream")
            options.stream = true;
        else if (name == "--once")
            options.once = true;
        else if (name == "--free-port")
            return freePort();
        else if (name == "--wait-health")
            options.waitHealth = true;
        else if (name == "--concurrency")
            options.concurrency = std::max(1, std::atoi(value().c_str()));
        else if (name == "--duration")
            options.duration = std::atof(value().c_str());
        else if (name == "--warmup")
            options.warmup = std::atof(value().c_str());
        else if (name == "--timeout")
            options.timeout = std::atof(value().c_str());
        else if (name == "--watch-pid")
            options.watchPid = std::atoi(value().c_str());
        else {
            usage(argv[0]);
            return 2;
        }
    }
    if (options.port <= 0) {
        usage(argv[0]);
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    if (options.waitHealth)
        return waitHealth(options);
    if (options.once)
        options.warmup = 0;
    Load load(options);
    return load.run();
}
