#pragma once

#include <QObject>

class QTranslator;

/// The GUI language, switched while the app runs: installing a translator makes Qt send a
/// LanguageChange event to every widget, and each page re-reads its texts.
class LanguageManager : public QObject
{
    Q_OBJECT

public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    /// "" follows the system, "en" or "zh_CN". Does nothing when it is already in force.
    void apply(const QString &language);
    /// The language in force: "en" or "zh_CN".
    QString current() const { return m_current; }

    /// The languages offered: code and name in its own language.
    static QList<QPair<QString, QString>> available();

private:
    QTranslator *m_app = nullptr;
    QTranslator *m_qt = nullptr;
    QString m_requested = QStringLiteral("<none>");
    QString m_current = QStringLiteral("en");
};
