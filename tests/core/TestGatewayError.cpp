#include "api/GatewayError.h"
#include "sse/SseParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

Q_DECLARE_METATYPE(GatewayErrorCode)

namespace {

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning("not a JSON object: %s", json.constData());
    return doc.object();
}

QByteArray header(const ErrorReply &reply, const char *name)
{
    for (const auto &h : reply.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

} // namespace

/// One enum of failures, one mapping to status and body for each API format (SPEC §4).
class TestGatewayError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCode_data();
    void everyCode();
    void upstreamStatusMapping_data();
    void upstreamStatusMapping();
    void upstreamTypeAndCodeWin();
    void retryAfterHeader();
    void streamEvent_data();
    void streamEvent();
    void messagesAreEscaped();
};

void TestGatewayError::everyCode_data()
{
    QTest::addColumn<GatewayErrorCode>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("openAiType");
    QTest::addColumn<QString>("openAiCode");
    QTest::addColumn<QString>("anthropicType");

    using C = GatewayErrorCode;
    const auto row = [](const char *name, C code, int status, const char *type,
                        const char *openAiCode, const char *anthropicType) {
        QTest::newRow(name) << code << status << QString::fromLatin1(type)
                            << QString::fromLatin1(openAiCode)
                            << QString::fromLatin1(anthropicType);
    };
    // Every enumerator, in declaration order. Internal is the last one: a code added before
    // it changes its value, and the check after the rows asks for a row for the new code.
    row("InvalidRequest", C::InvalidRequest, 400, "invalid_request_error", "invalid_request",
        "invalid_request_error");
    row("Unauthorized", C::Unauthorized, 401, "authentication_error", "invalid_api_key",
        "authentication_error");
    row("Forbidden", C::Forbidden, 403, "permission_error", "forbidden", "permission_error");
    row("NotFound", C::NotFound, 404, "invalid_request_error", "unknown_url", "not_found_error");
    row("ModelNotFound", C::ModelNotFound, 404, "invalid_request_error", "model_not_found",
        "not_found_error");
    row("MethodNotAllowed", C::MethodNotAllowed, 405, "invalid_request_error", "method_not_allowed",
        "invalid_request_error");
    row("RequestTimeout", C::RequestTimeout, 408, "invalid_request_error", "request_timeout",
        "invalid_request_error");
    row("LengthRequired", C::LengthRequired, 411, "invalid_request_error", "length_required",
        "invalid_request_error");
    row("PayloadTooLarge", C::PayloadTooLarge, 413, "invalid_request_error", "request_too_large",
        "request_too_large");
    row("ExpectationFailed", C::ExpectationFailed, 417, "invalid_request_error",
        "expectation_failed", "invalid_request_error");
    row("HeadersTooLarge", C::HeadersTooLarge, 431, "invalid_request_error", "headers_too_large",
        "invalid_request_error");
    // Without an upstream status there is nothing to pass on: the gateway says 502.
    row("UpstreamStatus", C::UpstreamStatus, 502, "invalid_request_error", "upstream_error",
        "api_error");
    row("UpstreamRateLimited", C::UpstreamRateLimited, 429, "rate_limit_error",
        "rate_limit_exceeded", "rate_limit_error");
    row("UpstreamFailed", C::UpstreamFailed, 502, "upstream_error", "upstream_server_error",
        "api_error");
    row("UpstreamUnreachable", C::UpstreamUnreachable, 502, "upstream_error",
        "upstream_unreachable", "api_error");
    row("UpstreamBadResponse", C::UpstreamBadResponse, 502, "upstream_error",
        "upstream_bad_response", "api_error");
    row("ServerBusy", C::ServerBusy, 503, "upstream_error", "server_busy", "overloaded_error");
    row("UpstreamTimeout", C::UpstreamTimeout, 504, "upstream_error", "upstream_timeout",
        "timeout_error");
    row("VersionNotSupported", C::VersionNotSupported, 505, "invalid_request_error",
        "http_version_not_supported", "invalid_request_error");
    row("Internal", C::Internal, 500, "server_error", "internal_error", "api_error");
    QCOMPARE(int(C::Internal), 19);
}

void TestGatewayError::everyCode()
{
    QFETCH(GatewayErrorCode, code);
    QFETCH(int, status);
    QFETCH(QString, openAiType);
    QFETCH(QString, openAiCode);
    QFETCH(QString, anthropicType);

    const QString message = QStringLiteral("Something specific went wrong; do this to fix it.");
    const GatewayError error = GatewayError::make(code, message);
    QCOMPARE(error.code, code);
    QCOMPARE(error.httpStatus(), status);

    const ErrorReply openAi = ErrorRenderer::reply(error, ApiFormat::OpenAi);
    QCOMPARE(openAi.status, status);
    QCOMPARE(header(openAi, "Content-Type"), QByteArray("application/json"));
    QVERIFY(header(openAi, "Retry-After").isEmpty());
    QCOMPARE(openAi.body, ErrorRenderer::body(error, ApiFormat::OpenAi));
    const QJsonObject openAiRoot = parseObject(openAi.body);
    QCOMPARE(openAiRoot.keys(), QStringList{QStringLiteral("error")});
    const QJsonObject e = openAiRoot.value(QStringLiteral("error")).toObject();
    QCOMPARE(e.value(QStringLiteral("message")).toString(), message);
    QCOMPARE(e.value(QStringLiteral("type")).toString(), openAiType);
    QCOMPARE(e.value(QStringLiteral("code")).toString(), openAiCode);
    QVERIFY(e.contains(QStringLiteral("param")));
    QVERIFY(e.value(QStringLiteral("param")).isNull());

    const ErrorReply anthropic = ErrorRenderer::reply(error, ApiFormat::Anthropic);
    QCOMPARE(anthropic.status, status);
    QCOMPARE(header(anthropic, "Content-Type"), QByteArray("application/json"));
    const QJsonObject anthropicRoot = parseObject(anthropic.body);
    QCOMPARE(anthropicRoot.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    const QJsonObject a = anthropicRoot.value(QStringLiteral("error")).toObject();
    QCOMPARE(a.value(QStringLiteral("type")).toString(), anthropicType);
    QCOMPARE(a.value(QStringLiteral("message")).toString(), message);
    QCOMPARE(a.keys(), (QStringList{QStringLiteral("message"), QStringLiteral("type")}));
}

void TestGatewayError::upstreamStatusMapping_data()
{
    QTest::addColumn<GatewayErrorCode>("code");
    QTest::addColumn<int>("upstreamStatus");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("anthropicType");

    using C = GatewayErrorCode;
    QTest::newRow("400 passed on")
        << C::UpstreamStatus << 400 << 400 << QStringLiteral("invalid_request_error");
    QTest::newRow("401 passed on")
        << C::UpstreamStatus << 401 << 401 << QStringLiteral("authentication_error");
    QTest::newRow("402 passed on")
        << C::UpstreamStatus << 402 << 402 << QStringLiteral("invalid_request_error");
    QTest::newRow("403 passed on")
        << C::UpstreamStatus << 403 << 403 << QStringLiteral("permission_error");
    QTest::newRow("404 passed on")
        << C::UpstreamStatus << 404 << 404 << QStringLiteral("not_found_error");
    QTest::newRow("409 passed on")
        << C::UpstreamStatus << 409 << 409 << QStringLiteral("invalid_request_error");
    QTest::newRow("422 passed on")
        << C::UpstreamStatus << 422 << 422 << QStringLiteral("invalid_request_error");
    QTest::newRow("5xx is never passed on")
        << C::UpstreamStatus << 500 << 502 << QStringLiteral("api_error");
    QTest::newRow("3xx is never passed on")
        << C::UpstreamStatus << 302 << 502 << QStringLiteral("api_error");
    QTest::newRow("429 stays 429")
        << C::UpstreamRateLimited << 429 << 429 << QStringLiteral("rate_limit_error");
    QTest::newRow("500 -> 502") << C::UpstreamFailed << 500 << 502 << QStringLiteral("api_error");
    QTest::newRow("503 -> 502") << C::UpstreamFailed << 503 << 502 << QStringLiteral("api_error");
    QTest::newRow("529 -> 502") << C::UpstreamFailed << 529 << 502 << QStringLiteral("api_error");
}

void TestGatewayError::upstreamStatusMapping()
{
    QFETCH(GatewayErrorCode, code);
    QFETCH(int, upstreamStatus);
    QFETCH(int, status);
    QFETCH(QString, anthropicType);

    GatewayError error = GatewayError::make(code, QStringLiteral("upstream said no"));
    error.upstreamStatus = upstreamStatus;
    QCOMPARE(error.httpStatus(), status);
    QCOMPARE(ErrorRenderer::reply(error, ApiFormat::OpenAi).status, status);
    const ErrorReply anthropic = ErrorRenderer::reply(error, ApiFormat::Anthropic);
    QCOMPARE(anthropic.status, status);
    QCOMPARE(parseObject(anthropic.body)
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("type"))
                 .toString(),
             anthropicType);
}

void TestGatewayError::upstreamTypeAndCodeWin()
{
    GatewayError error =
        GatewayError::make(GatewayErrorCode::UpstreamStatus, QStringLiteral("Insufficient Balance"),
                           QStringLiteral("messages"));
    error.upstreamStatus = 402;
    error.upstreamType = QStringLiteral("unknown_error");
    error.upstreamCode = QStringLiteral("insufficient_quota");
    const QJsonObject e = parseObject(ErrorRenderer::body(error, ApiFormat::OpenAi))
                              .value(QStringLiteral("error"))
                              .toObject();
    QCOMPARE(e.value(QStringLiteral("type")).toString(), QStringLiteral("unknown_error"));
    QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("insufficient_quota"));
    QCOMPARE(e.value(QStringLiteral("param")).toString(), QStringLiteral("messages"));
    QCOMPARE(e.value(QStringLiteral("message")).toString(), QStringLiteral("Insufficient Balance"));
}

void TestGatewayError::retryAfterHeader()
{
    GatewayError error =
        GatewayError::make(GatewayErrorCode::UpstreamRateLimited, QStringLiteral("slow down"));
    error.upstreamStatus = 429;
    error.retryAfter = "30";
    for (const ApiFormat format : {ApiFormat::OpenAi, ApiFormat::Anthropic}) {
        const ErrorReply reply = ErrorRenderer::reply(error, format);
        QCOMPARE(reply.status, 429);
        QCOMPARE(header(reply, "Retry-After"), QByteArray("30"));
        QCOMPARE(header(reply, "Content-Type"), QByteArray("application/json"));
        QCOMPARE(reply.headers.size(), 2);
    }
}

void TestGatewayError::streamEvent_data()
{
    QTest::addColumn<GatewayErrorCode>("code");
    QTest::newRow("UpstreamTimeout") << GatewayErrorCode::UpstreamTimeout;
    QTest::newRow("UpstreamBadResponse") << GatewayErrorCode::UpstreamBadResponse;
    QTest::newRow("UpstreamFailed") << GatewayErrorCode::UpstreamFailed;
    QTest::newRow("Internal") << GatewayErrorCode::Internal;
}

void TestGatewayError::streamEvent()
{
    QFETCH(GatewayErrorCode, code);
    const GatewayError error =
        GatewayError::make(code, QStringLiteral("The stream broke:\nupstream went silent."));

    // OpenAI: a plain data event whose JSON has an "error" key (what the SDKs look for).
    const QByteArray openAi = ErrorRenderer::streamEvent(error, ApiFormat::OpenAi);
    QVERIFY(openAi.startsWith("data: {"));
    QVERIFY(openAi.endsWith("}\n\n"));
    QCOMPARE(openAi.count('\n'), 2); // one line of data, then the blank line
    SseParser openAiParser;
    const QList<SseEvent> openAiEvents = openAiParser.feed(openAi);
    QCOMPARE(openAiEvents.size(), 1);
    QVERIFY(!openAiParser.hasPartialEvent());
    QVERIFY(openAiEvents.at(0).event.isEmpty());
    QCOMPARE(openAiEvents.at(0).data, ErrorRenderer::body(error, ApiFormat::OpenAi));
    QCOMPARE(parseObject(openAiEvents.at(0).data)
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString(),
             error.message);

    // Anthropic: a named "error" event with the Messages API error object.
    const QByteArray anthropic = ErrorRenderer::streamEvent(error, ApiFormat::Anthropic);
    QVERIFY(anthropic.startsWith("event: error\ndata: {"));
    QVERIFY(anthropic.endsWith("}\n\n"));
    SseParser anthropicParser;
    const QList<SseEvent> anthropicEvents = anthropicParser.feed(anthropic);
    QCOMPARE(anthropicEvents.size(), 1);
    QCOMPARE(anthropicEvents.at(0).event, QByteArray("error"));
    const QJsonObject root = parseObject(anthropicEvents.at(0).data);
    QCOMPARE(root.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(
        root.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
        error.message);
}

void TestGatewayError::messagesAreEscaped()
{
    const QString message = QStringLiteral("Quote \" backslash \\ tab \t unicode \u00e9\u4e2d "
                                           "and </script>");
    const GatewayError error = GatewayError::make(GatewayErrorCode::InvalidRequest, message,
                                                  QStringLiteral("messages[0].content"));
    for (const ApiFormat format : {ApiFormat::OpenAi, ApiFormat::Anthropic}) {
        const QByteArray body = ErrorRenderer::body(error, format);
        QVERIFY(!body.contains('\n'));
        QCOMPARE(parseObject(body)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString(),
                 message);
    }
}

QTEST_GUILESS_MAIN(TestGatewayError)
#include "TestGatewayError.moc"
