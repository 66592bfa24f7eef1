#pragma once

#include <QJsonValue>

#include <charconv>
#include <cmath>
#include <optional>

/// Reading whole numbers out of JSON, where every number is a double.
namespace JsonNumber {

/// The value as a qint64 when it is a JSON number without a fraction that a qint64 holds;
/// nothing otherwise (a string, 1.5, 1e20, NaN). Converting an out-of-range double to an
/// integer is undefined behaviour, so the range is checked on the double first.
inline std::optional<qint64> whole(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    // qint64 holds [-2^63, 2^63); both bounds are exact doubles. NaN fails both tests.
    constexpr double kTwoTo63 = 9223372036854775808.0;
    if (!(d >= -kTwoTo63 && d < kTwoTo63) || d != std::trunc(d))
        return std::nullopt;
    return qint64(d);
}

/// The number written in [begin, end) (JSON's grammar, checked by the caller) as Qt's parser
/// stores it: an integer that fits in 64 bits stays one, and so does a whole number within
/// qint64's range however it was written (1e3, 1.0, 1444444444444444444.4), which Qt then
/// writes as an integer. nullopt when it is out of a double's range (Qt's parser decides).
inline std::optional<QJsonValue> asQtReads(const char *begin, const char *end, bool integer)
{
    if (integer) {
        qint64 n = 0;
        const auto [stop, error] = std::from_chars(begin, end, n);
        if (error == std::errc() && stop == end)
            return QJsonValue(n);
    }
    double d = 0;
    const auto [stop, error] = std::from_chars(begin, end, d);
    if (error != std::errc() || stop != end || !std::isfinite(d))
        return std::nullopt;
    if (std::trunc(d) == d && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        return QJsonValue(qint64(d));
    return QJsonValue(d);
}

} // namespace JsonNumber
