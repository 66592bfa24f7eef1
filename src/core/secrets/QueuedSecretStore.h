#pragma once

#include "SecretSource.h"

#include <QPointer>
#include <QQueue>

class QTimer;

/// What the system keychain stores share: operations run one at a time in the order asked
/// (the Secret Service does not like concurrent ones), each bounded by a timeout, answers
/// always later and never to an asker that is gone, and probe() as a test write. A subclass
/// only starts its operation and lets go of it. Service "llm-gateway"; lives in the thread
/// that created it, which needs a running event loop.
class QueuedSecretStore : public SecretSource
{
    Q_OBJECT

public:
    static constexpr char kServiceName[] = "llm-gateway";
    static constexpr char kProbeAccount[] = "availability-probe";
    static constexpr int kDefaultTimeoutMs = 15000;

    ~QueuedSecretStore() override;

    /// While the store is known to be Unavailable, reads and removes answer so at once (a
    /// "not found" would be a lie); a write or probe() tries again.
    void read(const QString &account, QObject *context, Callback done) override;
    void write(const QString &account, const QString &secret, QObject *context,
               Callback done) override;
    void remove(const QString &account, QObject *context, Callback done) override;
    /// A test write and delete: on the Secret Service a locked or missing collection answers
    /// a read with "not found" and a delete with success, so only a write tells.
    void probe(QObject *context, Callback done) override;

    /// An operation that has not finished after this long counts as "keychain unavailable".
    void setTimeout(int ms) { m_timeoutMs = ms; }

protected:
    enum class Operation
    {
        Read,
        Write,
        Remove
    };
    /// One operation as a subclass runs it.
    struct Request
    {
        Operation operation = Operation::Read;
        QString account;
        QString secret; ///< for a write
    };

    explicit QueuedSecretStore(QObject *parent = nullptr);

    /// Starts `request`, which answers with finishOperation() (once; it may do so at once).
    virtual void startOperation(const Request &request) = 0;
    /// The current operation is over with `answer`, its own or the timeout's: let go of it so
    /// that nothing it does later reaches the store. Not called from the destructor, where a
    /// subclass lets go of it itself.
    virtual void endOperation(const SecretResult &answer) = 0;

    /// The current operation's answer: what it shows of the store's availability is kept, the
    /// asker gets it, and the next operation starts later.
    void finishOperation(const SecretResult &result);
    /// Gives the current operation `ms` from now (the user was asked something).
    void restartTimeout(int ms);

private:
    struct Pending
    {
        Request request;
        QPointer<QObject> context;
        Callback done;
    };

    void enqueue(Pending pending);
    void startNext();
    void onTimeout();

    int m_timeoutMs = kDefaultTimeoutMs;
    QQueue<Pending> m_queue;
    bool m_running = false;  ///< a startNext() is due or an operation is under way
    bool m_inFlight = false; ///< startOperation() was called and has not answered
    Pending m_current;
    QTimer *m_timer;
};
