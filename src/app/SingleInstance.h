#pragma once

#include <QObject>

class QLocalServer;

/// Keeps one desktop instance per user and configuration: a second start tells the first
/// one to show itself, then exits.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(QObject *parent = nullptr);

    /// True: this process is the only instance and now listens for later ones.
    /// False: another instance runs and has been asked to show itself.
    bool claim();

Q_SIGNALS:
    void activationRequested();

private:
    QString serverName() const;

    QLocalServer *m_server = nullptr;
};
