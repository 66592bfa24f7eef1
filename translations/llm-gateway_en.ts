<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccessPolicy</name>
    <message>
        <source>Refusing to listen on %1: the access token is turned off, which is allowed only on a loopback address (127.0.0.1). Turn it on (&quot;access&quot;: {&quot;requireToken&quot;: true}) or listen on 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing to listen on %1: listening beyond this computer needs an access token, and none is set (the system keychain is unavailable and LLM_GATEWAY_TOKEN is empty).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccessTokenStore</name>
    <message>
        <source>No access token: %1 LLM_GATEWAY_TOKEN is not set either, so every API request is refused with 401. Start or unlock a keychain and retry, or set LLM_GATEWAY_TOKEN to a secret of your choice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AliasModel</name>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model sent upstream</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AutostartEntry</name>
    <message>
        <source>Could not remove %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the folder of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatComposer</name>
    <message>
        <source>Editing your last message: sending replaces it and the reply after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop editing (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message the model (Enter sends, Shift+Enter for a new line; paste or drop an image to attach it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach an image (PNG, JPEG, GIF or WebP) for models that read images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pasted image could not be attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 images go with one message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the reply (Esc); what arrived is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatError</name>
    <message>
        <source>The gateway is not running, so the chat cannot reach any model. Start it (or see why it stopped) from the tray menu or the dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway refused the chat&apos;s access token. If the token was just changed, close and reopen the chat window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider has no API key. Add one on the Providers page of the dashboard, or set its environment variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider refused its API key. Check the key on the Providers page of the dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model is not available: no route leads to it, or its provider does not offer it. Pick another model, or add a route on the Routes page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The provider is limiting requests right now. Try again in %n s.</source>
        <translation>
            <numerusform>The provider is limiting requests right now. Try again in %n second.</numerusform>
            <numerusform>The provider is limiting requests right now. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>The provider is limiting requests right now. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider could not be reached or failed. Try again later, or check the provider&apos;s address and status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider did not answer in time. Try again, or pick another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway is paused. Resume it from the tray menu, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway is busy with too many requests. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was refused (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply broke off before it was complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway answered with an error (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatImageEncoder</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an image this app can read (PNG, JPEG, GIF or WebP).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be made small enough to send.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatMessageView</name>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put this message back into the input to change and send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[image]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 pixels, %3 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the reply as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for this reply again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 reasoning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply hit the model&apos;s output limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatModelListModel</name>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatWindow</name>
    <message>
        <source>Chat — LLM Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How hard reasoning models think before answering (sent as reasoning_effort; for Claude it turns on extended thinking)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions the model gets before this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this conversation as a Markdown file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt for this conversation, e.g. “Answer briefly, in British English.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning: default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning: low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning: medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning: high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation could not be read from the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — LLM Gateway chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt •</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model first (the button above the conversation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the gateway for its models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model list is not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway offers no models yet: add a provider and its key in the dashboard. You can still type a model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation could not be saved as %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClaudeCodeSettings</name>
    <message>
        <source>The file is not a JSON object (%1); fix or move it first, so nothing of yours is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its top level is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not keep a backup of %1 as %2; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not written: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClaudeSettingsDialog</name>
    <message>
        <source>Point Claude Code at the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 will hold this: your settings stay, and its &quot;env&quot; block points Claude Code at the gateway. The current file is kept as a backup beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist yet; it will hold this:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientSnippets</name>
    <message>
        <source>Claude Code speaks the Anthropic API: its base URL has no /v1. Run these lines in the shell where you start claude, or write them into ~/.claude/settings.json with the button below so every session uses the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codex speaks only the Responses API. Put this in ~/.codex/config.toml (Codex reads it when it starts):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then give Codex the token in the shell where you start it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the model to ~/.continue/config.yaml (or to the models list of the config you already have):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Cline&apos;s settings, choose these values:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API Provider: OpenAI Compatible
Base URL: %1
API Key: %2
Model ID: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge this into Zed&apos;s settings.json (Zed: Open Settings):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zed asks for the API key in the Agent panel&apos;s settings, under LLM Providers → LLM Gateway: paste the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cursor sends requests for a custom base URL from its own servers, so they cannot reach 127.0.0.1 on this computer: Cursor works with the gateway only if the gateway is reachable from the internet, which is not recommended. Zed, Continue and Cline call it directly. The settings, under Settings → Models → API Keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI API Key: %1
Override OpenAI Base URL: %2
Model: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SDK sends api_key as &quot;Authorization: Bearer&quot;: give it the gateway&apos;s token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same for Node.js (an ES module):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic clients take the base URL without /v1; any routable model works, not only Claude.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A first request from a terminal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qwen Code takes an OpenAI-compatible API from these variables. Run them in the shell where you start qwen:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or keep them in ~/.qwen/.env, which Qwen Code reads at every start:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodeBlockView</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigFile</name>
    <message>
        <source>%1: field &apos;%2&apos; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number of at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object of model names to token counts, e.g. {&quot;deepseek-chat&quot;: 8192}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object of model names to prices, e.g. {&quot;deepseek-chat&quot;: {&quot;input&quot;: 0.27, &quot;output&quot;: 1.1}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object with &quot;input&quot; and &quot;output&quot; prices per million tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an array of objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required: a short name without &apos;/&apos;, e.g. &quot;ollama&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be &quot;openai&quot; or &quot;anthropic&quot;, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an http:// or https:// URL, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required for provider &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object of header names to strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object with a non-empty &quot;prefix&quot; and a &quot;provider&quot; id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object with &quot;name&quot;, &quot;provider&quot; and &quot;model&quot; strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2: not valid JSON: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the top level must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an IP address or &quot;localhost&quot;, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be &quot;en&quot;, &quot;zh_CN&quot; or &quot;&quot; (the system&apos;s), not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an array of origins like &quot;http://localhost:5173&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an origin like &quot;http://localhost:5173&quot; (scheme, host and port; no path, no &quot;*&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not read from the configuration file: the token is kept in the system keychain or set with LLM_GATEWAY_TOKEN. Remove it from the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has prefix &quot;%1&quot; pointing to unknown provider &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has &quot;%1&quot; pointing to unknown provider &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Model in the examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write to ~/.claude/settings.json…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway is not serving right now; these settings use the address it is set to, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no access token yet (see Overview): %1 stands for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied, with the token in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to %1. New Claude Code sessions use the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to %1 (the old file is kept as %2). New Claude Code sessions use the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationDatabase</name>
    <message>
        <source>The chat history %1 was written by a newer version of LLM Gateway; some of it may not show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat history %1 cannot be opened: %2. Conversations will not be kept until this is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat history %1 is damaged and could not be replaced: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chat history %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The chat history file was damaged. Conversations recovered: %n. The damaged file was kept as %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The chat history file was damaged and nothing in it could be read. It was kept as %1; a new, empty history was started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationMarkdown</name>
    <message>
        <source>%1 prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*[image %1: %2, %3 KB]*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationStore</name>
    <message>
        <source>The chat history could not be saved (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation is not in the history.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>LLM Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page &quot;%1&quot; has changes that are not applied yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close LLM Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your tools reach their models through this gateway. Keep it serving in the background after the window closes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start LLM Gateway again from the application menu to bring the window back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk to any model the gateway offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open chat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopShell</name>
    <message>
        <source>LLM Gateway keeps serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway runs on in the tray. Quit it from the tray menu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnvironmentSettings</name>
    <message>
        <source>Cannot read the env file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an http:// or https:// URL, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM_GATEWAY_PORT must be a port number, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatewayService</name>
    <message>
        <source>Cannot listen on &quot;%1&quot;: not an IP address. Use 127.0.0.1 (the default) or another local address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 on %2 is already in use (is another llm-gateway running?). Choose another port with --port N or &quot;port&quot; in the configuration file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Secret Service (gnome-keyring, KWallet or KeePassXC) is running in this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no desktop session bus (D-Bus) to reach it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keyring is locked or has no default collection; unlock it (log in to the desktop, or open your keyring manager)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access was denied (an unlock prompt was refused or cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this system has no keychain service QtKeychain can use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it reported an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is unavailable: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Details: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stored in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is unavailable: it did not answer within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <source>Show the requests started in this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the answers with these statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the requests sent to this provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model starts with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client starts with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search ids, paths, models, errors…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy a curl command that sends this request again; it reads the token from $LLM_GATEWAY_TOKEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the requests the filters show as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success (2xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors (4xx and 5xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused (4xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed (5xx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see everything about it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upstream model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded. Turn on recording of bodies in the request log settings to keep the bodies of the requests that follow (keys and the token are removed from them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a curl command for %1. It reads the token from $LLM_GATEWAY_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export requests as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n request(s) to %1.</source>
        <translation>
            <numerusform>Saved %n request to %1.</numerusform>
            <numerusform>Saved %n requests to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request log is off: new requests are not recorded (turn it on in the settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ requests (more as you scroll)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in progress</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No requests recorded yet. Every request a client or the chat window sends to the gateway appears here as soon as it is answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recorded request matches these filters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemorySecretStore</name>
    <message>
        <source>memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model this conversation talks to: click to pick another</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPickerPopup</name>
    <message>
        <source>Search models, or type any model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the gateway for its model list again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude Code and the Anthropic SDKs take the base URL without /v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems: the gateway serves normally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OpenAI base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Anthropic base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is off: clients may send any key or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From LLM_GATEWAY_TOKEN (environment). Clients send it as their API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keychain. Clients send it as their API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the token from the system keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway now listens on port %1. Update the base URL in your tools (see Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the port…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start GNOME Keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting GNOME Keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace it with the settings in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The broken file was kept as a backup beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn it off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider &apos;%1&apos; is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the token on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token is on: clients must send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn the request log off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request log is off: requests are no longer recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the parts of the Today line</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request log will be shown here: every request with its model, provider, status, time and tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token usage per provider, model and day will be shown here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemMonitor</name>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: API requests get 503 until you resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving, but every request is refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port is set by %1, so it must be changed there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway is not serving: it cannot listen on %1:%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new address could not be used; the gateway stays on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file does not load: the last good settings stay in force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain: keys cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No access token: every API request is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token is off: any program on this computer can use your keys through the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no API key: requests routed to it will fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter its key, or turn the provider off if you do not use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Requests are served but not recorded (%n lost so far).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProviderCheck</name>
    <message>
        <source>The gateway does not know this provider type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name %1 could not be found (DNS). Check the spelling of the base URL and that this computer is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing answers at %1:%2 (connection refused). Is the server running, and is the port right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s. Check the base URL, a firewall or a proxy in the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2. If the server uses a certificate from your own certificate authority, give its CA file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It said: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the key (HTTP %2): check that the API key is right and active.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wants an API key (HTTP %2): enter one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered 404 Not Found: the base URL is probably wrong (Anthropic-compatible bases have no /v1, e.g. https://api.anthropic.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered 404 Not Found: the base URL is probably wrong (OpenAI-compatible bases usually end in /v1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted the key but limits the rate right now (HTTP 429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a problem of its own (HTTP %2). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered, but not with a model list (%2). Is this an %3 API, and is the base URL its root?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected: %1 offers %n model(s).</source>
        <translation>
            <numerusform>Connected: %1 offers %n model.</numerusform>
            <numerusform>Connected: %1 offers %n models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProviderKeyStore</name>
    <message>
        <source>The key of &apos;%1&apos; is set by the environment variable %2, which wins over the keychain; change it where it is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderListModel</name>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderValidator</name>
    <message>
        <source>An id is needed: it names the provider in model names (id/model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only (no spaces or &apos;/&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another provider already has this id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL is needed, e.g. https://api.example.com/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL must start with http:// or https:// and name a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL takes no query (?...) or fragment (#...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the gateway&apos;s own address: requests would loop back to it. Give the provider&apos;s own URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic-compatible bases usually have no /v1 (the gateway adds /v1/messages).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible bases usually end in /v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the full path of the CA file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not exist or cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: write one header per line as &quot;Name: value&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2 carries a credential. Put the key in the API key field: it is kept in the system keychain, never in the configuration file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: a header value cannot contain a line break.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible (Chat Completions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic-compatible (Messages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line, e.g. HTTP-Referer: https://example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a server with its own CA (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaks the OpenAI Responses API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: requests to /v1/responses are passed through to this provider unchanged. Off: the gateway translates them to Chat Completions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate authority file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom OpenAI-compatible server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom Anthropic-compatible server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: %1, set by %2 in the environment (it wins over this field).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model names %1/MODEL always go here; the key variable is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key comes from %1 in the environment; change it where it is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain when you apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed from the keychain when you apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain. Type a new key to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key. The system keychain is unavailable, so a key cannot be stored now (see Overview); %1 in the environment works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key. Local servers (Ollama, LM Studio, vLLM) usually need none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom OpenAI-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom Anthropic-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the provider &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Its %n route(s) and alias(es) go too.</source>
        <translation>
            <numerusform>Its route or alias goes too.</numerusform>
            <numerusform>Its %n routes and aliases go too.</numerusform>
        </translation>
    </message>
    <message>
        <source>Its key is deleted from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: fix the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The gateway uses the new providers now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key of &apos;%1&apos; was not stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, keys included: the gateway uses them now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasoningKeyFile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasoningView</name>
    <message>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Reasoning (%n words)</source>
        <translation>
            <numerusform>Reasoning (%n word)</numerusform>
            <numerusform>Reasoning (%n words)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestCurlCommand</name>
    <message>
        <source>The request body was not recorded: turn on recording of bodies in the request log settings to copy it too.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestLogModel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to the first token of a stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt tokens (cached ones included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion tokens (reasoning included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestLogStore</name>
    <message>
        <source>The disk that holds the request log (%1) is full, so requests are served but not recorded. Free some disk space: recording resumes by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request log %1 cannot be written (%2), so requests are served but not recorded. Make its folder writable, or turn the request log off in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program keeps the request log %1 locked, so requests are served but not recorded until it lets go. Close the program that holds it (another gateway, an SQLite browser).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request log %1 is damaged (%2) and could not be moved aside, so requests are served but not recorded. Delete the file to start a new log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request log %1 cannot be written (%2), so requests are served but not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request log %1 was damaged (%2). It was moved to %3 and a new log was started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RouteRuleModel</name>
    <message>
        <source>The provider &quot;%1&quot; is off: this rule is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the model name upstream without the prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model name starts with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strip prefix</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoutesPage</name>
    <message>
        <source>Where does a model name go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a model name, e.g. deepseek-chat or ollama/llama3.2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefix rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model name goes to the provider of the longest prefix it starts with. Aliases and the form PROVIDER/MODEL come first. Drag rows to order them as you like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 has no prefix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prefix &quot;%1&quot; is there twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot; points to &quot;%2&quot;, which is not a provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every alias needs a name and a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alias &quot;%1&quot; is there twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alias &quot;%1&quot; points to &quot;%2&quot;, which is not a provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: fix the problems listed below the tables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. New requests follow these routes now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alias &quot;%1&quot; points to &quot;%2&quot;, which is turned off or missing: requests get 404.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; names the provider &quot;%2&quot;, which is turned off: requests get 404.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;: requests get 404. Add a prefix rule or an alias, or write it as PROVIDER/%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the alias &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the form PROVIDER/MODEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prefix &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ %1, sent upstream as &quot;%2&quot; (because of %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients must send the access token (their &quot;API key&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web pages allowed to call the gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One origin per line, e.g. http://localhost:5173</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start LLM Gateway when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record every request (model, provider, status, time, tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also keep request and response bodies (keys and the token are removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep records for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new address could not be used, so the gateway stays where it was. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by %1; change it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 keeps the gateway to this computer. Another address needs the access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied at once. If the port is taken, the gateway stays on the old one and says so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token comes from LLM_GATEWAY_TOKEN in the environment; change it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening beyond this computer: the token must stay on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new token replaces the old one at once: clients using the old one get 401 until you update them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an origin: write scheme, host and port, e.g. http://localhost:5173 (no path, no *).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address (or localhost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token can be off only while the gateway listens on 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, but start at login could not be changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved and in force.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new access token? The old one stops working at once: every client must be given the new one (see Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new access token is in force. Update your clients (see Connect).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forever</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>environment read from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>configuration read from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file %1 given with --config does not exist; the defaults are in use until settings are saved there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider id &quot;%1&quot; must start with a letter or digit and contain only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two providers have the id &quot;%1&quot;; ids must be unique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two routes have the prefix &quot;%1&quot;; only the first would be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two aliases are named &quot;%1&quot;; names must be unique.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Ask anything. Enter sends, Shift+Enter starts a new line; Esc stops a reply.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayShell</name>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM Gateway — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OpenAI base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Anthropic base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLM Gateway is not serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy OpenAI base URL (…/v1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Anthropic base URL (Claude Code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(and %n more: see the dashboard)</source>
        <translation>
            <numerusform>(and %n more: see the dashboard)</numerusform>
            <numerusform>(and %n more: see the dashboard)</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Tokens per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageModel</name>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the gateway)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No price set for %1 at %2: add one under &quot;prices&quot; in the provider&apos;s settings to see an estimate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Est. cost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsagePage</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per provider and model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least %1 (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the estimate, for want of a price: %1. Prices per million tokens go under &quot;prices&quot; in a provider&apos;s settings in the configuration file, e.g. &quot;prices&quot;: {&quot;gpt-4o&quot;: {&quot;input&quot;: 2.5, &quot;output&quot;: 10}}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
