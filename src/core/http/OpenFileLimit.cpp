#include "OpenFileLimit.h"

#if defined(Q_OS_UNIX)
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#endif
#if defined(Q_OS_MACOS)
#include <climits>
#endif

namespace OpenFileLimit {

Result raiseToHardLimit()
{
    Result result;
#if defined(Q_OS_UNIX)
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        result.error = QString::fromLocal8Bit(std::strerror(errno));
        return result;
    }
    const auto figure = [](rlim_t value) {
        return value == RLIM_INFINITY ? qint64(-1) : qint64(value);
    };
    result.before = figure(limit.rlim_cur);
    result.hard = figure(limit.rlim_max);
    rlim_t target = limit.rlim_max;
#if defined(Q_OS_MACOS)
    // macOS refuses a soft limit above OPEN_MAX whatever the hard limit says.
    if (target == RLIM_INFINITY || target > rlim_t(OPEN_MAX))
        target = OPEN_MAX;
#endif
    if (limit.rlim_cur < target) {
        rlimit raised = limit;
        raised.rlim_cur = target;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
        else
            result.error = QString::fromLocal8Bit(std::strerror(errno));
    }
    result.after = figure(limit.rlim_cur);
#endif
    return result;
}

} // namespace OpenFileLimit
