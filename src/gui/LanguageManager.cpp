#include "LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

LanguageManager::~LanguageManager()
{
    for (QTranslator *t : {m_app, m_qt}) {
        if (t)
            QCoreApplication::removeTranslator(t);
    }
}

QList<QPair<QString, QString>> LanguageManager::available()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

void LanguageManager::apply(const QString &language)
{
    if (language == m_requested)
        return;
    m_requested = language;
    QString wanted = language;
    if (wanted.isEmpty()) {
        // The system's language when a translation exists for it (any Chinese locale written
        // in Simplified characters), else English.
        const QLocale system;
        wanted = system.language() == QLocale::Chinese &&
                         system.script() != QLocale::TraditionalChineseScript
                     ? QStringLiteral("zh_CN")
                     : QStringLiteral("en");
    }
    for (QTranslator **t : {&m_app, &m_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    m_current = QStringLiteral("en");
    // English has a translation file too: it holds the plural forms ("1 request", "2 requests").
    auto *app = new QTranslator(this);
    if (!app->load(QStringLiteral("llm-gateway_") + wanted, QStringLiteral(":/i18n"))) {
        delete app;
        return;
    }
    m_app = app;
    m_current = wanted;
    if (wanted != QLatin1String("en")) {
        // Qt's own texts (standard buttons, file dialogs), when installed.
        auto *qt = new QTranslator(this);
        if (qt->load(QStringLiteral("qtbase_") + wanted,
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            m_qt = qt;
            QCoreApplication::installTranslator(m_qt);
        } else {
            delete qt;
        }
    }
    QCoreApplication::installTranslator(m_app);
    // Dates and numbers in the words of the language in force: Chinese dates when the user picks
    // Chinese on a system in another language; otherwise the system's own formats.
    const QLocale system = QLocale::system();
    QLocale::setDefault(m_current == QLatin1String("zh_CN") && system.language() != QLocale::Chinese
                            ? QLocale(QLocale::Chinese, QLocale::China)
                            : system);
    // installTranslator()/removeTranslator() send LanguageChange to every widget themselves.
}
