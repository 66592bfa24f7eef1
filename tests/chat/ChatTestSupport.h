#pragma once

#include "FakeReply.h"
#include "TestData.h"
#include "chat/ChatCall.h"

#include <QTest>

/// Helpers the chat suites share.
namespace ChatTestSupport {

constexpr int kTimeoutMs = 20000;

/// A 1×1 red PNG.
inline QByteArray tinyPng()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
                                  "DwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}

/// The events of an SSE fixture, each with its blank line.
inline QList<QByteArray> sseEvents(const QByteArray &sse)
{
    QList<QByteArray> events;
    for (const QByteArray &part : sse.split('\n')) {
        if (events.isEmpty() || events.last().endsWith("\n\n"))
            events.append(QByteArray());
        events.last() += part + '\n';
    }
    while (!events.isEmpty() && events.last().trimmed().isEmpty())
        events.removeLast();
    return events;
}

/// DeepSeek's reasoner stream from tests/data/sse, as FakeUpstream serves it.
inline FakeReply deepSeekReasonerReply(int intervalMs = 0)
{
    FakeReply reply;
    reply.kind = FakeReply::Kind::Stream;
    reply.contentType = QByteArrayLiteral("text/event-stream; charset=utf-8");
    reply.events = sseEvents(
        TestData::read(TestData::path(QStringLiteral("sse/deepseek-reasoner-stream.sse"))));
    reply.sendDone = false; // the fixture ends with its own [DONE]
    reply.intervalMs = intervalMs;
    return reply;
}

/// Text and reasoning a call delivered, and how many updates it took.
struct Received
{
    QString content;
    QString reasoning;
    int updates = 0;
};

/// Collects what `call` delivers and waits until it finished.
inline bool collect(ChatCall *call, Received *received, int timeoutMs = kTimeoutMs)
{
    QObject::connect(call, &ChatCall::received, call, [received](const ChatStreamUpdate &update) {
        received->content += update.content;
        received->reasoning += update.reasoning;
        ++received->updates;
    });
    return QTest::qWaitFor([call] { return call->isFinished(); }, timeoutMs);
}

} // namespace ChatTestSupport
