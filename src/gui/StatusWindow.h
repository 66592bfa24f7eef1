#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class StatusWindow;
}

/// A small window with the gateway's state and endpoint: shown where there is no system
/// tray (the full dashboard comes later).
class StatusWindow : public QWidget
{
    Q_OBJECT

public:
    explicit StatusWindow(QWidget *parent = nullptr);
    ~StatusWindow() override;

    void showState(const QIcon &icon, const QString &text, const QString &endpoint);

Q_SIGNALS:
    void copyEndpointRequested();
    void quitRequested();

private:
    const std::unique_ptr<Ui::StatusWindow> m_ui;
};
