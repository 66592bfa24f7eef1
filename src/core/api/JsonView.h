#pragma once

#include "JsonNumber.h"
#include "JsonTree.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

/// The few reads the gateway's checks and translations make of a request, on either of its
/// two views: Qt's parse (QJsonValue), or the tree of the client's bytes (JsonTree::Value),
/// for a large request that is never built into Qt's containers. Code written once against
/// these overloads (a template) gives the same answer on both views.
namespace JsonView {

enum class Kind
{
    Missing,
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
};

inline Kind kindOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return Kind::Null;
    case QJsonValue::Bool:
        return Kind::Bool;
    case QJsonValue::Double:
        return Kind::Number;
    case QJsonValue::String:
        return Kind::String;
    case QJsonValue::Array:
        return Kind::Array;
    case QJsonValue::Object:
        return Kind::Object;
    case QJsonValue::Undefined:
        break;
    }
    return Kind::Missing;
}

inline Kind kindOf(const JsonTree::Value &v)
{
    switch (v.kind()) {
    case JsonTree::Kind::Null:
        return Kind::Null;
    case JsonTree::Kind::False:
    case JsonTree::Kind::True:
        return Kind::Bool;
    case JsonTree::Kind::Number:
        return Kind::Number;
    case JsonTree::Kind::String:
        return Kind::String;
    case JsonTree::Kind::Array:
        return Kind::Array;
    case JsonTree::Kind::Object:
        return Kind::Object;
    case JsonTree::Kind::Absent:
        break;
    }
    return Kind::Missing;
}

inline QJsonValue memberOf(const QJsonValue &object, QLatin1StringView key)
{
    return object.toObject().value(key);
}

inline JsonTree::Value memberOf(const JsonTree::Value &object, QLatin1StringView key)
{
    return object.member(QByteArrayView(key.data(), key.size()));
}

inline QString textOf(const QJsonValue &v)
{
    return v.toString();
}

inline QString textOf(const JsonTree::Value &v)
{
    return v.toString();
}

inline std::optional<qint64> wholeOf(const QJsonValue &v)
{
    return JsonNumber::whole(v);
}

inline std::optional<qint64> wholeOf(const JsonTree::Value &v)
{
    return v.toWhole();
}

inline double numberOf(const QJsonValue &v)
{
    return v.toDouble();
}

inline double numberOf(const JsonTree::Value &v)
{
    const QByteArrayView written = v.isNumber() ? v.bytes() : QByteArrayView();
    return QByteArray::fromRawData(written.data(), written.size()).toDouble();
}

/// Calls `visit(index, element)` on each element of an array (on none for anything else)
/// until one returns something (a non-empty optional), which it returns.
template <class Visit>
auto eachElement(const QJsonValue &array, Visit visit) -> decltype(visit(0, QJsonValue()))
{
    const QJsonArray elements = array.toArray();
    for (qsizetype i = 0; i < elements.size(); ++i) {
        if (auto found = visit(i, elements.at(i)))
            return found;
    }
    return {};
}

template <class Visit>
auto eachElement(const JsonTree::Value &array, Visit visit) -> decltype(visit(0, JsonTree::Value()))
{
    if (!array.isArray())
        return {};
    qsizetype i = 0;
    for (const JsonTree::Value element : array) {
        if (auto found = visit(i++, element))
            return found;
    }
    return {};
}

} // namespace JsonView
