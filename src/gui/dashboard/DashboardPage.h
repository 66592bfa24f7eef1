#pragma once

#include <QIcon>
#include <QWidget>

/// One page of the dashboard. Like KeePassXC's settings widgets, every page does three
/// things: load() fills it from the stores it was given by reference, apply() validates and
/// saves what the user changed, discard() drops the changes. A page talks to the stores only,
/// never to the gateway thread.
class DashboardPage : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardPage(QWidget *parent = nullptr);

    /// A stable name for navigation, e.g. "providers".
    virtual QString pageId() const = 0;
    /// The name in the page list, in the current language.
    virtual QString title() const = 0;
    virtual QIcon icon() const = 0;

    /// Fills the page from the stores; unsaved changes are dropped.
    virtual void load() = 0;
    /// Validates and saves the changes. False: nothing was saved, and the page shows why
    /// next to the fields concerned.
    virtual bool apply() { return true; }
    virtual void discard() { load(); }
    /// Pages with nothing to apply (they act at once, or only show) have no Apply button.
    virtual bool isEditable() const { return false; }
    /// Brings `item` into view (a provider id on the Providers page, for instance).
    virtual void reveal(const QString &item) { Q_UNUSED(item) }

    bool isModified() const { return m_modified; }

Q_SIGNALS:
    void modifiedChanged(bool modified);
    /// Asks the window to show another page, and `item` on it.
    void navigationRequested(const QString &pageId, const QString &item = QString());
    /// A short sentence for the window's message line (after an apply, a copy...).
    void statusMessage(const QString &text, bool isError);

protected:
    void setModified(bool modified);
    /// Called when the language changes: set every text that is not in the .ui form.
    virtual void retranslate() {}
    void changeEvent(QEvent *event) override;

private:
    bool m_modified = false;
};
