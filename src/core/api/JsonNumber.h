#pragma once

#include <QJsonValue>

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

} // namespace JsonNumber
