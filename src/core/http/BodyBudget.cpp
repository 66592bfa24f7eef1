#include "BodyBudget.h"

struct BodyBudget::Lease::State
{
    qint64 cap = 0;
    qint64 inUse = 0;
    ReleaseHook onRelease;
};

BodyBudget::Lease::Lease(std::shared_ptr<State> state, qint64 bytes)
    : m_state(std::move(state)), m_bytes(bytes)
{}

BodyBudget::Lease::~Lease()
{
    m_state->inUse -= m_bytes;
    if (m_state->onRelease)
        m_state->onRelease(m_bytes);
}

BodyBudget::BodyBudget(qint64 cap) : m_state(std::make_shared<Lease::State>())
{
    m_state->cap = cap;
}

void BodyBudget::setCap(qint64 cap)
{
    m_state->cap = cap;
}

qint64 BodyBudget::cap() const
{
    return m_state->cap;
}

qint64 BodyBudget::inUse() const
{
    return m_state->inUse;
}

void BodyBudget::setReleaseHook(ReleaseHook hook)
{
    m_state->onRelease = std::move(hook);
}

std::shared_ptr<BodyBudget::Lease> BodyBudget::reserve(qint64 bytes)
{
    if (bytes < 0 || bytes > m_state->cap - m_state->inUse)
        return nullptr;
    m_state->inUse += bytes;
    // Lease's constructor is private: make_shared cannot reach it.
    return std::shared_ptr<Lease>(new Lease(m_state, bytes));
}
