// libFuzzer harness: the gateway's own JSON reader, writer and splice against Qt's parser and
// writer, on a client's body bytes (the reader and the splice see every agent-sized request
// body before anything else does).
//
// Checked besides crashes, leaks and undefined behaviour:
// - JsonReader::readObject either declines (the caller then asks Qt) or gives exactly the
//   object QJsonDocument::fromJson gives; it never accepts what Qt refuses;
// - JsonTree::parseChecked accepts what JsonReader reads whole, less the texts whose
//   top-level keys repeat or hold an escape, and besides those only texts with a key given
//   twice below the top level, which Qt reads (keeping the last); never what Qt refuses, and
//   its values are Qt's; where it accepts, JsonSplice::leadingMember finds the member
//   JsonSplice::members finds;
// - JsonSplice::leadingString never reads outside the text (it is called on every input);
// - JsonWriter::compact writes byte for byte what QJsonDocument::toJson(Compact) writes;
// - on text Qt accepts as an object, JsonSplice::members finds members whose value bytes parse
//   to the values Qt read for those keys, and replacing one value by another yields an object
//   Qt reads with only that member changed;
// - on text JsonReader reads whole, JsonTree reads the same values (kinds, decoded strings,
//   numbers, members found by key), and JsonTextBuilder's appendJsonAsText makes a string
//   whose text Qt reads as the same object.
// - JsonTree::parseCheckedAsQtReads (which reads upstream stream chunks) gives a tree exactly
//   when Qt reads an object (but for nesting deeper than JsonTree takes), with Qt's values;
// - the input-token estimate of a checked tree (its strings counted while it was read) equals
//   the estimate of the same text's unchecked tree (its strings counted afterwards).
#include "FuzzSupport.h"
#include "api/JsonReader.h"
#include "api/JsonSplice.h"
#include "api/JsonTextBuilder.h"
#include "api/JsonTree.h"
#include "api/JsonWriter.h"
#include "providers/anthropic/TokenEstimator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using FuzzSupport::check;

namespace {

QJsonValue parseValue(QByteArrayView bytes)
{
    // A value alone is read by wrapping it in an array (Qt reads only objects and arrays).
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray("[") + bytes.toByteArray() + QByteArray("]"));
    return doc.isArray() && doc.array().size() == 1 ? doc.array().first() : QJsonValue();
}

/// Whether the JsonTree value holds what Qt read.
bool sameValue(const JsonTree::Value &tree, const QJsonValue &qt)
{
    switch (tree.kind()) {
    case JsonTree::Kind::Absent:
        return false;
    case JsonTree::Kind::Null:
        return qt.isNull();
    case JsonTree::Kind::False:
        return qt == QJsonValue(false);
    case JsonTree::Kind::True:
        return qt == QJsonValue(true);
    case JsonTree::Kind::Number:
        return qt.isDouble() && parseValue(tree.bytes()) == qt;
    case JsonTree::Kind::String:
        return qt.isString() && tree.toString() == qt.toString() &&
               (tree.hasEscapes() || tree.stringBytes() == qt.toString().toUtf8());
    case JsonTree::Kind::Array: {
        const QJsonArray array = qt.toArray();
        qsizetype i = 0;
        for (const JsonTree::Value element : tree) {
            if (i >= array.size() || !sameValue(element, array.at(i)))
                return false;
            ++i;
        }
        return qt.isArray() && i == array.size();
    }
    case JsonTree::Kind::Object: {
        // A key given twice counts once, with its last value, as Qt's parser keeps it.
        QHash<QString, JsonTree::Value> last;
        for (const JsonTree::Value member : tree)
            last.insert(JsonTree::unescaped(member.key()), member);
        const QJsonObject object = qt.toObject();
        for (auto it = last.cbegin(); it != last.cend(); ++it) {
            if (!object.contains(it.key()) || !sameValue(it.value(), object.value(it.key())))
                return false;
            // member() takes ASCII keys (the gateway looks up its own field names).
            const QByteArray latin1 = it.key().toLatin1();
            if (QString::fromLatin1(latin1) == it.key() && it.key().toUtf8() == latin1 &&
                tree.member(latin1).bytes().data() != it.value().bytes().data())
                return false;
        }
        return qt.isObject() && last.size() == object.size();
    }
    }
    return false;
}

void checkTree(const QByteArray &input, const QJsonObject &qt)
{
    const std::optional<JsonTree> tree = JsonTree::parse(input);
    check(tree.has_value(), "JsonTree declined an object Qt reads", input);
    check(sameValue(tree->root(), qt), "JsonTree read other values than Qt", input);
    JsonTextBuilder builder(input.size() + 16);
    builder.beginArray();
    builder.beginString();
    builder.appendJsonAsText(tree->root().bytes());
    builder.endString();
    builder.endArray();
    const QByteArray asText = builder.take();
    const QJsonValue text = parseValue(asText.mid(1, asText.size() - 2));
    check(text.isString(), "appendJsonAsText wrote no JSON string", asText);
    check(QJsonDocument::fromJson(text.toString().toUtf8()).object() == qt,
          "appendJsonAsText's string holds another object", asText);
}

void checkSplice(const QByteArray &input, const QJsonObject &qt)
{
    const std::optional<QList<JsonSplice::Member>> members = JsonSplice::members(input);
    if (!members)
        return;
    check(members->size() == qt.size(), "the splice found a different number of members", input);
    for (const JsonSplice::Member &member : *members) {
        const QString key = QString::fromUtf8(member.key);
        check(qt.contains(key), "the splice found a key Qt did not read", input);
        const QByteArrayView value(input.constData() + member.valueBegin,
                                   member.valueEnd - member.valueBegin);
        check(parseValue(value) == qt.value(key), "a member's value bytes differ from Qt's value",
              input);
    }
    if (members->isEmpty())
        return;
    const JsonSplice::Member &first = members->first();
    const QByteArray replacement = JsonSplice::quoted(QStringLiteral("routed-model\u00e9\"\\"));
    const QByteArray edited =
        JsonSplice::apply(input, {{first.valueBegin, first.valueEnd, replacement}});
    QJsonObject expected = qt;
    expected.insert(QString::fromUtf8(first.key), QStringLiteral("routed-model\u00e9\"\\"));
    check(QJsonDocument::fromJson(edited).object() == expected,
          "replacing a member's value changed more than that member", input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = FuzzSupport::bytes(data, size);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(input, &error);
    const bool qtObject = error.error == QJsonParseError::NoError && doc.isObject();

    const std::optional<QJsonObject> ours = JsonReader::readObject(input);
    if (ours) {
        check(qtObject, "JsonReader accepted what Qt's parser refuses", input);
        check(*ours == doc.object(), "JsonReader read a different object than Qt", input);
        checkTree(input, doc.object());
    }
    const std::optional<JsonTree> checkedTree = JsonTree::parseChecked(input);
    const bool checked = checkedTree.has_value();
    if (checked) {
        const std::optional<JsonTree> plainTree = JsonTree::parse(input);
        check(plainTree.has_value(), "JsonTree::parse declined what parseChecked read", input);
        check(TokenEstimator::estimateAnthropicRequest(*checkedTree) ==
                  TokenEstimator::estimateAnthropicRequest(*plainTree),
              "the estimate counted while reading differs from the one counted after", input);
        // It may take more than JsonReader (a key given twice below the top level), never
        // what Qt refuses, and it reads what Qt reads.
        check(qtObject, "JsonTree::parseChecked accepted what Qt's parser refuses", input);
        if (qtObject && !ours)
            checkTree(input, doc.object());
    }
    const std::optional<JsonTree> chunk = JsonTree::parseCheckedAsQtReads(input);
    check(!chunk || qtObject, "parseCheckedAsQtReads read what Qt's parser refuses", input);
    // Declined only where JsonTree cannot hold Qt's object at all (nested deeper than 512:
    // Qt's parser goes to 1024).
    check(chunk || !qtObject || !JsonTree::parse(JsonWriter::compact(doc.object())),
          "parseCheckedAsQtReads declined an object Qt reads", input);
    // Its tree is of the input itself, or of Qt's writing; a key given twice counts with its
    // last value either way.
    if (chunk)
        check(sameValue(chunk->root(), doc.object()),
              "parseCheckedAsQtReads read other values than Qt", input);
    // Only a top-level key given twice or with an escape (which JsonSplice::members
    // declines) may keep a text JsonReader reads from the tree.
    if (ours && !checked)
        check(!JsonSplice::members(input), "JsonTree::parseChecked declined what JsonReader reads",
              input);
    if (checked) {
        // The promise a passthrough relies on to stop at the first "model".
        const auto members = JsonSplice::members(input);
        check(members.has_value(), "a checked tree's text has keys the splice declines", input);
        for (const JsonSplice::Member &member : *members) {
            const auto leading = JsonSplice::leadingMember(input, member.key);
            check(leading && leading->valueBegin == member.valueBegin &&
                      leading->valueEnd == member.valueEnd,
                  "leadingMember found another member than members()", input);
        }
    }
    (void)JsonSplice::leadingString(input, "model");
    if (!qtObject)
        return 0;
    const QJsonObject object = doc.object();
    check(JsonWriter::compact(object) == QJsonDocument(object).toJson(QJsonDocument::Compact),
          "JsonWriter wrote different bytes than Qt", input);
    checkSplice(input, object);
    return 0;
}
