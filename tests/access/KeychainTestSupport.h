#pragma once

#include "secrets/SecretSource.h"

#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

#include <functional>
#include <optional>

/// What the keychain tests share: waiting for an asynchronous SecretSource answer, and running
/// the app binary headless until it says where it serves.
namespace KeychainTestSupport {

/// Runs `operation` and waits for its callback. On a timeout the answer is `onTimeout`, chosen
/// by each test so that the check that follows fails visibly.
inline SecretResult await(const std::function<void(SecretSource::Callback)> &operation,
                          int timeoutMs, SecretResult::Status onTimeout)
{
    std::optional<SecretResult> result;
    operation([&result](const SecretResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs)) {
        SecretResult timedOut;
        timedOut.status = onTimeout;
        timedOut.message = QStringLiteral("test: no answer within %1 s").arg(timeoutMs / 1000);
        return timedOut;
    }
    return *result;
}

/// Starts the app binary headless on a free port; false if it could not be started.
inline bool startHeadless(QProcess &gateway)
{
    gateway.start(QStringLiteral(LLMGW_BINARY),
                  {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0")});
    return gateway.waitForStarted();
}

/// Collects the gateway's stderr into `log` until it logs "serving on <url>" (returned) or
/// exits (an empty URL).
inline QUrl waitUntilServing(QProcess &gateway, QByteArray *log, int timeoutMs)
{
    const QRegularExpression serving(QStringLiteral("serving on (http://127\\.0\\.0\\.1:\\d+)"));
    QRegularExpressionMatch match;
    // A timeout shows as no match, so whether the wait settled adds nothing.
    [[maybe_unused]] const bool settled = QTest::qWaitFor(
        [&] {
            *log += gateway.readAllStandardError();
            match = serving.match(QString::fromUtf8(*log));
            return match.hasMatch() || gateway.state() == QProcess::NotRunning;
        },
        timeoutMs);
    return match.hasMatch() ? QUrl(match.captured(1)) : QUrl();
}

} // namespace KeychainTestSupport
