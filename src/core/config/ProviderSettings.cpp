#include "ProviderSettings.h"

namespace {
QString environmentStem(const QString &id)
{
    QString stem;
    stem.reserve(id.size());
    for (const QChar c : id)
        stem += c.isLetterOrNumber() ? c.toUpper() : QLatin1Char('_');
    return stem;
}
} // namespace

QString providerTypeName(ProviderType type)
{
    return type == ProviderType::Anthropic ? QStringLiteral("anthropic") : QStringLiteral("openai");
}

bool parseProviderType(const QString &name, ProviderType *type)
{
    if (name == QLatin1String("openai")) {
        *type = ProviderType::OpenAi;
        return true;
    }
    if (name == QLatin1String("anthropic")) {
        *type = ProviderType::Anthropic;
        return true;
    }
    return false;
}

QString ProviderSettings::keyEnvironmentVariable() const
{
    return environmentStem(id) + QStringLiteral("_API_KEY");
}

QString ProviderSettings::baseEnvironmentVariable() const
{
    return environmentStem(id) + QStringLiteral("_API_BASE");
}
