#include "ProviderPresets.h"

namespace {
ProviderSettings preset(const char *id, const char *name, ProviderType type, const char *base,
                        bool enabled = true)
{
    ProviderSettings p;
    p.id = QString::fromLatin1(id);
    p.displayName = QString::fromUtf8(name);
    p.type = type;
    p.baseUrl = QUrl(QString::fromLatin1(base));
    p.enabled = enabled;
    // Only OpenAI itself is known to serve the Responses API; others get it translated.
    p.speaksResponsesApi = p.id == QLatin1String("openai");
    return p;
}
} // namespace

namespace ProviderPresets {

QList<ProviderSettings> all()
{
    // Base URLs follow the seed: OpenAI-style bases end in /v1, Anthropic's has none.
    return {
        preset("openai", "OpenAI", ProviderType::OpenAi, "https://api.openai.com/v1"),
        preset("anthropic", "Anthropic", ProviderType::Anthropic, "https://api.anthropic.com"),
        preset("deepseek", "DeepSeek", ProviderType::OpenAi, "https://api.deepseek.com/v1"),
        preset("ollama", "Ollama", ProviderType::OpenAi, "http://127.0.0.1:11434/v1"),
        preset("lmstudio", "LM Studio", ProviderType::OpenAi, "http://127.0.0.1:1234/v1"),
        preset("vllm", "vLLM", ProviderType::OpenAi, "http://127.0.0.1:8000/v1"),
        preset("openrouter", "OpenRouter", ProviderType::OpenAi, "https://openrouter.ai/api/v1"),
        preset("groq", "Groq", ProviderType::OpenAi, "https://api.groq.com/openai/v1"),
        preset("mistral", "Mistral", ProviderType::OpenAi, "https://api.mistral.ai/v1"),
        preset("gemini", "Google Gemini (OpenAI-compatible)", ProviderType::OpenAi,
               "https://generativelanguage.googleapis.com/v1beta/openai"),
        preset("xai", "xAI", ProviderType::OpenAi, "https://api.x.ai/v1"),
    };
}

ProviderSettings byId(const QString &id)
{
    for (const ProviderSettings &p : all()) {
        if (p.id == id)
            return p;
    }
    ProviderSettings custom;
    custom.id = id;
    custom.displayName = id;
    custom.enabled = false;
    return custom;
}

} // namespace ProviderPresets
