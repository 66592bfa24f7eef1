#include "ClientSnippets.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
/// A JSON string literal (quotes included), for values placed inside JSON, Python or JS.
QString quoted(const QString &value)
{
    QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString withoutTrailingSlash(QString url)
{
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}
} // namespace

namespace ClientSnippets {

QString tokenPlaceholder()
{
    return QStringLiteral("YOUR_GATEWAY_TOKEN");
}

QList<ClientSetup> all(const Inputs &inputs)
{
    const QString root = withoutTrailingSlash(inputs.baseUrl.toString());
    const QString v1 = root + QStringLiteral("/v1");
    const QString token = inputs.token.isEmpty() ? tokenPlaceholder() : inputs.token;
    const QString model = inputs.model.isEmpty() ? QStringLiteral("deepseek-chat") : inputs.model;
    QList<ClientSetup> setups;

    setups.append(
        {QStringLiteral("claude-code"), QStringLiteral("Claude Code"),
         QCoreApplication::translate(
             "ClientSnippets",
             "Claude Code speaks the Anthropic API: its base URL has no /v1. Run these lines in "
             "the shell where you start claude, or write them into ~/.claude/settings.json with "
             "the button below so every session uses the gateway."),
         QStringLiteral("export ANTHROPIC_BASE_URL=%1\nexport ANTHROPIC_AUTH_TOKEN=%2\nclaude "
                        "--model %3")
             .arg(root, token, model),
         QString(), QString()});

    setups.append(
        {QStringLiteral("codex"), QStringLiteral("Codex CLI"),
         QCoreApplication::translate(
             "ClientSnippets",
             "Codex speaks only the Responses API. Put this in ~/.codex/config.toml (Codex reads "
             "it when it starts):"),
         QStringLiteral("model = %1\nmodel_provider = \"llm-gateway\"\n\n"
                        "[model_providers.llm-gateway]\nname = \"LLM Gateway\"\n"
                        "base_url = %2\nenv_key = \"LLM_GATEWAY_TOKEN\"\n"
                        "wire_api = \"responses\"")
             .arg(quoted(model), quoted(v1)),
         QCoreApplication::translate("ClientSnippets",
                                     "Then give Codex the token in the shell where you start it:"),
         QStringLiteral("export LLM_GATEWAY_TOKEN=%1\ncodex").arg(token)});

    // Qwen Code's "OpenAI-compatible API" sign-in reads these three variables, from the
    // environment or from ~/.qwen/.env.
    setups.append(
        {QStringLiteral("qwen-code"), QStringLiteral("Qwen Code"),
         QCoreApplication::translate(
             "ClientSnippets",
             "Qwen Code takes an OpenAI-compatible API from these variables. Run them in the "
             "shell where you start qwen:"),
         QStringLiteral("export OPENAI_BASE_URL=%1\nexport OPENAI_API_KEY=%2\n"
                        "export OPENAI_MODEL=%3\nqwen")
             .arg(v1, token, model),
         QCoreApplication::translate(
             "ClientSnippets",
             "Or keep them in ~/.qwen/.env, which Qwen Code reads at every start:"),
         QStringLiteral("OPENAI_BASE_URL=%1\nOPENAI_API_KEY=%2\nOPENAI_MODEL=%3")
             .arg(v1, token, model)});

    setups.append(
        {QStringLiteral("continue"), QStringLiteral("Continue"),
         QCoreApplication::translate(
             "ClientSnippets",
             "Add the model to ~/.continue/config.yaml (or to the models list of the config you "
             "already have):"),
         QStringLiteral("name: LLM Gateway\nversion: 1.0.0\nschema: v1\nmodels:\n"
                        "  - name: %1 (LLM Gateway)\n    provider: openai\n    model: %1\n"
                        "    apiBase: %2\n    apiKey: %3")
             .arg(model, v1, token),
         QString(), QString()});

    setups.append(
        {QStringLiteral("cline"), QStringLiteral("Cline"),
         QCoreApplication::translate("ClientSnippets", "In Cline's settings, choose these values:"),
         QCoreApplication::translate(
             "ClientSnippets",
             "API Provider: OpenAI Compatible\nBase URL: %1\nAPI Key: %2\nModel ID: %3")
             .arg(v1, token, model),
         QString(), QString()});

    setups.append(
        {QStringLiteral("zed"), QStringLiteral("Zed"),
         QCoreApplication::translate("ClientSnippets",
                                     "Merge this into Zed's settings.json (Zed: Open Settings):"),
         QStringLiteral("\"language_models\": {\n  \"openai_compatible\": {\n"
                        "    \"LLM Gateway\": {\n      \"api_url\": %1,\n"
                        "      \"available_models\": [\n"
                        "        { \"name\": %2, \"max_tokens\": 128000 }\n      ]\n    }\n  }\n}")
             .arg(quoted(v1), quoted(model)),
         QCoreApplication::translate(
             "ClientSnippets",
             "Zed asks for the API key in the Agent panel's settings, under LLM Providers → LLM "
             "Gateway: paste the token."),
         token});

    setups.append(
        {QStringLiteral("cursor"), QStringLiteral("Cursor"),
         QCoreApplication::translate(
             "ClientSnippets",
             "Cursor sends requests for a custom base URL from its own servers, so they cannot "
             "reach 127.0.0.1 on this computer: Cursor works with the gateway only if the gateway "
             "is reachable from the internet, which is not recommended. Zed, Continue and Cline "
             "call it directly. The settings, under Settings → Models → API Keys:"),
         QCoreApplication::translate("ClientSnippets",
                                     "OpenAI API Key: %1\nOverride OpenAI Base URL: %2\nModel: %3")
             .arg(token, v1, model),
         QString(), QString()});

    setups.append(
        {QStringLiteral("openai-python"), QStringLiteral("OpenAI SDK (Python)"),
         QCoreApplication::translate(
             "ClientSnippets",
             "The SDK sends api_key as \"Authorization: Bearer\": give it the gateway's token."),
         QStringLiteral("from openai import OpenAI\n\nclient = OpenAI(base_url=%1, api_key=%2)\n"
                        "reply = client.chat.completions.create(\n    model=%3,\n"
                        "    messages=[{\"role\": \"user\", \"content\": \"Hello!\"}],\n)\n"
                        "print(reply.choices[0].message.content)")
             .arg(quoted(v1), quoted(token), quoted(model)),
         QString(), QString()});

    setups.append(
        {QStringLiteral("openai-node"), QStringLiteral("OpenAI SDK (Node)"),
         QCoreApplication::translate("ClientSnippets", "The same for Node.js (an ES module):"),
         QStringLiteral("import OpenAI from \"openai\";\n\n"
                        "const client = new OpenAI({ baseURL: %1, apiKey: %2 });\n"
                        "const reply = await client.chat.completions.create({\n  model: %3,\n"
                        "  messages: [{ role: \"user\", content: \"Hello!\" }],\n});\n"
                        "console.log(reply.choices[0].message.content);")
             .arg(quoted(v1), quoted(token), quoted(model)),
         QString(), QString()});

    setups.append(
        {QStringLiteral("anthropic-python"), QStringLiteral("Anthropic SDK (Python)"),
         QCoreApplication::translate(
             "ClientSnippets",
             "Anthropic clients take the base URL without /v1; any routable model works, not "
             "only Claude."),
         QStringLiteral("import anthropic\n\nclient = anthropic.Anthropic(base_url=%1, "
                        "api_key=%2)\nmessage = client.messages.create(\n    model=%3,\n"
                        "    max_tokens=1024,\n"
                        "    messages=[{\"role\": \"user\", \"content\": \"Hello!\"}],\n)\n"
                        "print(message.content[0].text)")
             .arg(quoted(root), quoted(token), quoted(model)),
         QString(), QString()});

    const QString body = QStringLiteral("{\"model\": %1, \"messages\": [{\"role\": \"user\", "
                                        "\"content\": \"Hello!\"}]}")
                             .arg(quoted(model));
    QString shellBody = body;
    shellBody.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    setups.append(
        {QStringLiteral("curl"), QStringLiteral("curl"),
         QCoreApplication::translate("ClientSnippets", "A first request from a terminal:"),
         QStringLiteral("curl %1/chat/completions \\\n  -H \"Authorization: Bearer %2\" "
                        "\\\n  -H \"Content-Type: application/json\" \\\n  -d '%3'")
             .arg(v1, token, shellBody),
         QString(), QString()});
    return setups;
}

ClientSetup byId(const QString &id, const Inputs &inputs)
{
    for (const ClientSetup &setup : all(inputs)) {
        if (setup.id == id)
            return setup;
    }
    return ClientSetup();
}

} // namespace ClientSnippets
