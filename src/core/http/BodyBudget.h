#pragma once

#include <QtGlobal>

#include <functional>
#include <memory>

/// The request-body bytes the server holds across all its connections, against one cap
/// (limits.maxBufferedBodyBytes): a body is admitted only when its announced length still fits.
/// Lives in the gateway thread; a lease gives its bytes back when it is destroyed, even after
/// the budget itself is gone.
class BodyBudget
{
public:
    /// The bytes of one admitted body.
    class Lease
    {
    public:
        ~Lease();
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;

        qint64 bytes() const { return m_bytes; }

    private:
        friend class BodyBudget;
        struct State;
        Lease(std::shared_ptr<State> state, qint64 bytes);

        std::shared_ptr<State> m_state;
        qint64 m_bytes;
    };

    /// Called with the size of each lease given back (e.g. to return memory to the system).
    using ReleaseHook = std::function<void(qint64 bytes)>;

    explicit BodyBudget(qint64 cap);

    void setCap(qint64 cap);
    qint64 cap() const;
    qint64 inUse() const;
    void setReleaseHook(ReleaseHook hook);

    /// A lease for `bytes`, or nullptr when they would take the total over the cap.
    std::shared_ptr<Lease> reserve(qint64 bytes);

private:
    std::shared_ptr<Lease::State> m_state;
};
