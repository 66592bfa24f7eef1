#pragma once

#include "DashboardPage.h"

class QLabel;

/// Holds a page's place in the window until the page itself exists (Logs and Usage arrive
/// with the request log): a plain sentence saying what will be there.
class PlaceholderPage : public DashboardPage
{
    Q_OBJECT

public:
    enum class Kind
    {
        Logs,
        Usage
    };

    explicit PlaceholderPage(Kind kind, QWidget *parent = nullptr);

    QString pageId() const override;
    QString title() const override;
    QIcon icon() const override;
    void load() override {}

protected:
    void retranslate() override;

private:
    Kind m_kind;
    QLabel *m_label;
};
