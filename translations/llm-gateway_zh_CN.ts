<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessPolicy</name>
    <message>
        <source>Refusing to listen on %1: the access token is turned off, which is allowed only on a loopback address (127.0.0.1). Turn it on (&quot;access&quot;: {&quot;requireToken&quot;: true}) or listen on 127.0.0.1.</source>
        <translation>拒绝在 %1 上监听：访问令牌已关闭，这只允许在回环地址（127.0.0.1）上使用。请打开令牌（&quot;access&quot;: {&quot;requireToken&quot;: true}），或改为在 127.0.0.1 上监听。</translation>
    </message>
    <message>
        <source>Refusing to listen on %1: listening beyond this computer needs an access token, and none is set (the system keychain is unavailable and LLM_GATEWAY_TOKEN is empty).</source>
        <translation>拒绝在 %1 上监听：对本机以外开放需要访问令牌，但目前没有令牌（系统密钥环不可用，且 LLM_GATEWAY_TOKEN 为空）。</translation>
    </message>
</context>
<context>
    <name>AccessTokenStore</name>
    <message>
        <source>No access token: %1 LLM_GATEWAY_TOKEN is not set either, so every API request is refused with 401. Start or unlock a keychain and retry, or set LLM_GATEWAY_TOKEN to a secret of your choice.</source>
        <translation>没有访问令牌：%1 也没有设置 LLM_GATEWAY_TOKEN，因此所有 API 请求都会以 401 被拒绝。请启动或解锁密钥环后重试，或把 LLM_GATEWAY_TOKEN 设为你自选的密钥。</translation>
    </message>
</context>
<context>
    <name>AliasModel</name>
    <message>
        <source>Alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Model sent upstream</source>
        <translation>发往上游的模型</translation>
    </message>
</context>
<context>
    <name>AutostartEntry</name>
    <message>
        <source>Could not remove %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Could not create the folder of %1.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ChatComposer</name>
    <message>
        <source>Editing your last message: sending replaces it and the reply after it.</source>
        <translation>正在编辑你的上一条消息：发送后会替换它以及它之后的回复。</translation>
    </message>
    <message>
        <source>Stop editing (Esc)</source>
        <translation>停止编辑（Esc）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Message the model (Enter sends, Shift+Enter for a new line; paste or drop an image to attach it)</source>
        <translation>给模型发消息（Enter 发送，Shift+Enter 换行；粘贴或拖入图片即可附加）</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Attach an image (PNG, JPEG, GIF or WebP) for models that read images</source>
        <translation>附加图片（PNG、JPEG、GIF 或 WebP），供能识别图片的模型使用</translation>
    </message>
    <message>
        <source>Attach image…</source>
        <translation>附加图片…</translation>
    </message>
    <message>
        <source>The pasted image could not be attached.</source>
        <translation>无法附加粘贴的图片。</translation>
    </message>
    <message>
        <source>At most %1 images go with one message.</source>
        <translation>一条消息最多附带 %1 张图片。</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>附加图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>Remove this image</source>
        <translation>移除这张图片</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply (Esc); what arrived is kept</source>
        <translation>停止回复（Esc）；已收到的内容会保留</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>重新发送</translation>
    </message>
</context>
<context>
    <name>ChatError</name>
    <message>
        <source>The gateway is not running, so the chat cannot reach any model. Start it (or see why it stopped) from the tray menu or the dashboard.</source>
        <translation>网关没有在运行，聊天无法连接任何模型。请从托盘菜单或控制面板启动它（或查看它停止的原因）。</translation>
    </message>
    <message>
        <source>The gateway refused the chat&apos;s access token. If the token was just changed, close and reopen the chat window.</source>
        <translation>网关拒绝了聊天窗口的访问令牌。如果令牌刚刚更换过，请关闭并重新打开聊天窗口。</translation>
    </message>
    <message>
        <source>The provider has no API key. Add one on the Providers page of the dashboard, or set its environment variable.</source>
        <translation>该服务商没有 API 密钥。请在控制面板的“服务商”页面添加，或设置它的环境变量。</translation>
    </message>
    <message>
        <source>The provider refused its API key. Check the key on the Providers page of the dashboard.</source>
        <translation>该服务商拒绝了它的 API 密钥。请在控制面板的“服务商”页面检查密钥。</translation>
    </message>
    <message>
        <source>This model is not available: no route leads to it, or its provider does not offer it. Pick another model, or add a route on the Routes page.</source>
        <translation>此模型不可用：没有路由指向它，或者它的服务商不提供该模型。请换一个模型，或在“路由”页面添加路由。</translation>
    </message>
    <message numerus="yes">
        <source>The provider is limiting requests right now. Try again in %n s.</source>
        <translation>
            <numerusform>服务商目前正在限制请求。请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>The provider is limiting requests right now. Wait a moment and try again.</source>
        <translation>服务商目前正在限制请求。请稍等片刻再试。</translation>
    </message>
    <message>
        <source>The provider could not be reached or failed. Try again later, or check the provider&apos;s address and status.</source>
        <translation>无法连接服务商，或服务商出错。请稍后再试，或检查服务商的地址和状态。</translation>
    </message>
    <message>
        <source>The provider did not answer in time. Try again, or pick another model.</source>
        <translation>服务商没有及时响应。请重试，或换一个模型。</translation>
    </message>
    <message>
        <source>The gateway is paused. Resume it from the tray menu, then try again.</source>
        <translation>网关已暂停。请从托盘菜单继续运行，然后重试。</translation>
    </message>
    <message>
        <source>The gateway is busy with too many requests. Try again in a moment.</source>
        <translation>网关正忙，请求太多。请稍后再试。</translation>
    </message>
    <message>
        <source>The request was refused (HTTP %1).</source>
        <translation>请求被拒绝（HTTP %1）。</translation>
    </message>
    <message>
        <source>The reply broke off before it was complete.</source>
        <translation>回复在完成之前中断了。</translation>
    </message>
    <message>
        <source>The gateway answered with an error (HTTP %1).</source>
        <translation>网关返回了错误（HTTP %1）。</translation>
    </message>
    <message>
        <source>The request failed.</source>
        <translation>请求失败。</translation>
    </message>
</context>
<context>
    <name>ChatImageEncoder</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not an image this app can read (PNG, JPEG, GIF or WebP).</source>
        <translation>%1 不是本应用能读取的图片（PNG、JPEG、GIF 或 WebP）。</translation>
    </message>
    <message>
        <source>%1 could not be made small enough to send.</source>
        <translation>无法把 %1 压缩到可以发送的大小。</translation>
    </message>
</context>
<context>
    <name>ChatMessageView</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Put this message back into the input to change and send it again</source>
        <translation>把这条消息放回输入框，修改后重新发送</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the message</source>
        <translation>复制这条消息</translation>
    </message>
    <message>
        <source>[image]</source>
        <translation>[图片]</translation>
    </message>
    <message>
        <source>%1 × %2 pixels, %3 KB</source>
        <translation>%1 × %2 像素，%3 KB</translation>
    </message>
    <message>
        <source>Copy the reply as Markdown</source>
        <translation>以 Markdown 格式复制回复</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Ask for this reply again</source>
        <translation>重新请求这条回复</translation>
    </message>
    <message>
        <source>%1 → %2 tokens</source>
        <translation>%1 → %2 个令牌</translation>
    </message>
    <message>
        <source>(%1 reasoning)</source>
        <translation>（其中推理 %1）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 令牌/秒</translation>
    </message>
    <message>
        <source>Waiting for the model…</source>
        <translation>正在等待模型…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>The reply hit the model&apos;s output limit.</source>
        <translation>回复达到了模型的输出长度上限。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>ChatModelListModel</name>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ChatSession</name>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
</context>
<context>
    <name>ChatWindow</name>
    <message>
        <source>Chat — LLM Gateway</source>
        <translation>聊天 — LLM 网关</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>还没有对话。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>How hard reasoning models think before answering (sent as reasoning_effort; for Claude it turns on extended thinking)</source>
        <translation>推理模型回答前思考的深度（作为 reasoning_effort 发送；对 Claude 会开启扩展思考）</translation>
    </message>
    <message>
        <source>Instructions the model gets before this conversation</source>
        <translation>模型在本对话开始前收到的指示</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Save this conversation as a Markdown file</source>
        <translation>把本对话保存为 Markdown 文件</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>System prompt for this conversation, e.g. “Answer briefly, in British English.”</source>
        <translation>本对话的系统提示词，例如“回答简短一些，用简体中文。”</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Reasoning: default</source>
        <translation>推理：默认</translation>
    </message>
    <message>
        <source>Reasoning: low</source>
        <translation>推理：低</translation>
    </message>
    <message>
        <source>Reasoning: medium</source>
        <translation>推理：中</translation>
    </message>
    <message>
        <source>Reasoning: high</source>
        <translation>推理：高</translation>
    </message>
    <message>
        <source>This conversation could not be read from the history.</source>
        <translation>无法从历史记录中读取此对话。</translation>
    </message>
    <message>
        <source>%1 — LLM Gateway chat</source>
        <translation>%1 — LLM 网关聊天</translation>
    </message>
    <message>
        <source>System prompt •</source>
        <translation>系统提示词 •</translation>
    </message>
    <message>
        <source>Choose a model first (the button above the conversation).</source>
        <translation>请先选择模型（对话上方的按钮）。</translation>
    </message>
    <message>
        <source>Asking the gateway for its models…</source>
        <translation>正在向网关获取模型列表…</translation>
    </message>
    <message>
        <source>The model list is not available: %1</source>
        <translation>无法获取模型列表：%1</translation>
    </message>
    <message>
        <source>The gateway offers no models yet: add a provider and its key in the dashboard. You can still type a model name.</source>
        <translation>网关还没有可用的模型：请在控制面板中添加服务商及其密钥。你仍可以直接输入模型名。</translation>
    </message>
    <message>
        <source>Not listed: %1</source>
        <translation>不在列表中：%1</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>已保存为 %1。</translation>
    </message>
    <message>
        <source>The conversation could not be saved as %1: %2</source>
        <translation>无法把对话保存为 %1：%2</translation>
    </message>
</context>
<context>
    <name>ClaudeCodeSettings</name>
    <message>
        <source>The file is not a JSON object (%1); fix or move it first, so nothing of yours is lost.</source>
        <translation>该文件不是 JSON 对象（%1）。请先修正或移走它，以免丢失你的内容。</translation>
    </message>
    <message>
        <source>its top level is not an object</source>
        <translation>其顶层不是对象</translation>
    </message>
    <message>
        <source>Could not keep a backup of %1 as %2; nothing was written.</source>
        <translation>无法把 %1 备份为 %2，因此没有写入任何内容。</translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
    <message>
        <source>%1 was not written: %2</source>
        <translation>未能写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ClaudeSettingsDialog</name>
    <message>
        <source>Point Claude Code at the gateway</source>
        <translation>让 Claude Code 使用本网关</translation>
    </message>
    <message>
        <source>Write the file</source>
        <translation>写入文件</translation>
    </message>
    <message>
        <source>%1 will hold this: your settings stay, and its &quot;env&quot; block points Claude Code at the gateway. The current file is kept as a backup beside it.</source>
        <translation>%1 将写成下面的内容：你原有的设置保持不变，其中的 &quot;env&quot; 部分让 Claude Code 连接本网关。当前文件会在旁边保留一份备份。</translation>
    </message>
    <message>
        <source>%1 does not exist yet; it will hold this:</source>
        <translation>%1 尚不存在，将写入以下内容：</translation>
    </message>
</context>
<context>
    <name>ClientSnippets</name>
    <message>
        <source>Claude Code speaks the Anthropic API: its base URL has no /v1. Run these lines in the shell where you start claude, or write them into ~/.claude/settings.json with the button below so every session uses the gateway.</source>
        <translation>Claude Code 使用 Anthropic API：它的基础 URL 不带 /v1。请在启动 claude 的终端里运行这几行；或者用下面的按钮写入 ~/.claude/settings.json，让每个会话都使用本网关。</translation>
    </message>
    <message>
        <source>Codex speaks only the Responses API. Put this in ~/.codex/config.toml (Codex reads it when it starts):</source>
        <translation>Codex 只使用 Responses API。请把以下内容放入 ~/.codex/config.toml（Codex 在启动时读取）：</translation>
    </message>
    <message>
        <source>Then give Codex the token in the shell where you start it:</source>
        <translation>然后在启动 Codex 的终端里提供令牌：</translation>
    </message>
    <message>
        <source>Add the model to ~/.continue/config.yaml (or to the models list of the config you already have):</source>
        <translation>把该模型添加到 ~/.continue/config.yaml（或你现有配置的 models 列表）中：</translation>
    </message>
    <message>
        <source>In Cline&apos;s settings, choose these values:</source>
        <translation>在 Cline 的设置中选择以下值：</translation>
    </message>
    <message>
        <source>API Provider: OpenAI Compatible
Base URL: %1
API Key: %2
Model ID: %3</source>
        <translation>API Provider：OpenAI Compatible
Base URL：%1
API Key：%2
Model ID：%3</translation>
    </message>
    <message>
        <source>Merge this into Zed&apos;s settings.json (Zed: Open Settings):</source>
        <translation>把以下内容合并进 Zed 的 settings.json（Zed: Open Settings）：</translation>
    </message>
    <message>
        <source>Zed asks for the API key in the Agent panel&apos;s settings, under LLM Providers → LLM Gateway: paste the token.</source>
        <translation>Zed 会在 Agent 面板设置的 LLM Providers → LLM Gateway 下要求填写 API 密钥：把令牌粘贴进去。</translation>
    </message>
    <message>
        <source>Cursor sends requests for a custom base URL from its own servers, so they cannot reach 127.0.0.1 on this computer: Cursor works with the gateway only if the gateway is reachable from the internet, which is not recommended. Zed, Continue and Cline call it directly. The settings, under Settings → Models → API Keys:</source>
        <translation>Cursor 会从它自己的服务器发出自定义基础 URL 的请求，因此无法访问本机的 127.0.0.1：只有当网关能从互联网访问时 Cursor 才能使用它，我们不建议这样做。Zed、Continue 和 Cline 会直接调用网关。在 Settings → Models → API Keys 中的设置如下：</translation>
    </message>
    <message>
        <source>OpenAI API Key: %1
Override OpenAI Base URL: %2
Model: %3</source>
        <translation>OpenAI API Key：%1
Override OpenAI Base URL：%2
Model：%3</translation>
    </message>
    <message>
        <source>The SDK sends api_key as &quot;Authorization: Bearer&quot;: give it the gateway&apos;s token.</source>
        <translation>SDK 会把 api_key 作为 &quot;Authorization: Bearer&quot; 发送：请填入网关的令牌。</translation>
    </message>
    <message>
        <source>The same for Node.js (an ES module):</source>
        <translation>Node.js 中的写法相同（ES 模块）：</translation>
    </message>
    <message>
        <source>Anthropic clients take the base URL without /v1; any routable model works, not only Claude.</source>
        <translation>Anthropic 客户端使用不带 /v1 的基础 URL；任何可路由的模型都能用，不只是 Claude。</translation>
    </message>
    <message>
        <source>A first request from a terminal:</source>
        <translation>在终端里发出第一个请求：</translation>
    </message>
    <message>
        <source>Qwen Code takes an OpenAI-compatible API from these variables. Run them in the shell where you start qwen:</source>
        <translation>Qwen Code 从这些环境变量读取 OpenAI 兼容 API 的设置。请在启动 qwen 的终端里运行它们：</translation>
    </message>
    <message>
        <source>Or keep them in ~/.qwen/.env, which Qwen Code reads at every start:</source>
        <translation>也可以把它们写进 ~/.qwen/.env，Qwen Code 每次启动时都会读取：</translation>
    </message>
</context>
<context>
    <name>CodeBlockView</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>ConfigFile</name>
    <message>
        <source>%1: field &apos;%2&apos; %3</source>
        <translation>%1：字段“%2”%3</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>必须是字符串</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>必须是 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <source>must be a number of at least %1</source>
        <translation>必须是不小于 %1 的数</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行第 %2 列</translation>
    </message>
    <message>
        <source>must be an object of model names to token counts, e.g. {&quot;deepseek-chat&quot;: 8192}</source>
        <translation>必须是“模型名 → 令牌数”的对象，例如 {&quot;deepseek-chat&quot;: 8192}</translation>
    </message>
    <message>
        <source>must be an object of model names to prices, e.g. {&quot;deepseek-chat&quot;: {&quot;input&quot;: 0.27, &quot;output&quot;: 1.1}}</source>
        <translation>必须是“模型名 → 价格”的对象，例如 {&quot;deepseek-chat&quot;: {&quot;input&quot;: 0.27, &quot;output&quot;: 1.1}}</translation>
    </message>
    <message>
        <source>must be an object with &quot;input&quot; and &quot;output&quot; prices per million tokens</source>
        <translation>必须是包含每百万令牌 &quot;input&quot; 与 &quot;output&quot; 价格的对象</translation>
    </message>
    <message>
        <source>must be an array of objects</source>
        <translation>必须是对象数组</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>is required: a short name without &apos;/&apos;, e.g. &quot;ollama&quot;</source>
        <translation>为必填项：一个不含“/”的简短名称，例如 &quot;ollama&quot;</translation>
    </message>
    <message>
        <source>must be &quot;openai&quot; or &quot;anthropic&quot;, not &quot;%1&quot;</source>
        <translation>必须是 &quot;openai&quot; 或 &quot;anthropic&quot;，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be an http:// or https:// URL, not &quot;%1&quot;</source>
        <translation>必须是 http:// 或 https:// 开头的 URL，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>is required for provider &apos;%1&apos;</source>
        <translation>对服务商“%1”为必填项</translation>
    </message>
    <message>
        <source>must be an object of header names to strings</source>
        <translation>必须是“请求头名 → 字符串”的对象</translation>
    </message>
    <message>
        <source>must be an object with a non-empty &quot;prefix&quot; and a &quot;provider&quot; id</source>
        <translation>必须是包含非空 &quot;prefix&quot; 和 &quot;provider&quot; 标识的对象</translation>
    </message>
    <message>
        <source>must be an object with &quot;name&quot;, &quot;provider&quot; and &quot;model&quot; strings</source>
        <translation>必须是包含 &quot;name&quot;、&quot;provider&quot; 和 &quot;model&quot; 字符串的对象</translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1: %2: not valid JSON: %3</source>
        <translation>%1：%2：不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>%1: the top level must be a JSON object</source>
        <translation>%1：顶层必须是 JSON 对象</translation>
    </message>
    <message>
        <source>must be an IP address or &quot;localhost&quot;, not &quot;%1&quot;</source>
        <translation>必须是 IP 地址或 &quot;localhost&quot;，而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be &quot;en&quot;, &quot;zh_CN&quot; or &quot;&quot; (the system&apos;s), not &quot;%1&quot;</source>
        <translation>必须是 &quot;en&quot;、&quot;zh_CN&quot; 或 &quot;&quot;（跟随系统），而不是 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be an array of origins like &quot;http://localhost:5173&quot;</source>
        <translation>必须是来源（origin）数组，例如 &quot;http://localhost:5173&quot;</translation>
    </message>
    <message>
        <source>must be an origin like &quot;http://localhost:5173&quot; (scheme, host and port; no path, no &quot;*&quot;)</source>
        <translation>必须是形如 &quot;http://localhost:5173&quot; 的来源（协议、主机和端口；不带路径，也不能是 &quot;*&quot;）</translation>
    </message>
    <message>
        <source>is not read from the configuration file: the token is kept in the system keychain or set with LLM_GATEWAY_TOKEN. Remove it from the file.</source>
        <translation>不会从配置文件读取：令牌保存在系统密钥环中，或通过 LLM_GATEWAY_TOKEN 设置。请从文件中删除它。</translation>
    </message>
    <message>
        <source>has prefix &quot;%1&quot; pointing to unknown provider &quot;%2&quot;</source>
        <translation>中前缀 &quot;%1&quot; 指向了未知的服务商 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>has &quot;%1&quot; pointing to unknown provider &quot;%2&quot;</source>
        <translation>中 &quot;%1&quot; 指向了未知的服务商 &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Model in the examples</source>
        <translation>示例中的模型</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>显示令牌</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Write to ~/.claude/settings.json…</source>
        <translation>写入 ~/.claude/settings.json…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>The gateway is not serving right now; these settings use the address it is set to, %1.</source>
        <translation>网关当前没有在提供服务；这些设置使用的是它配置的地址 %1。</translation>
    </message>
    <message>
        <source>There is no access token yet (see Overview): %1 stands for it.</source>
        <translation>还没有访问令牌（见“概览”）：这里用 %1 代替。</translation>
    </message>
    <message>
        <source>Copied, with the token in full.</source>
        <translation>已复制，其中包含完整的令牌。</translation>
    </message>
    <message>
        <source>Written to %1. New Claude Code sessions use the gateway.</source>
        <translation>已写入 %1。新的 Claude Code 会话将使用本网关。</translation>
    </message>
    <message>
        <source>Written to %1 (the old file is kept as %2). New Claude Code sessions use the gateway.</source>
        <translation>已写入 %1（旧文件保留为 %2）。新的 Claude Code 会话将使用本网关。</translation>
    </message>
</context>
<context>
    <name>ConversationDatabase</name>
    <message>
        <source>The chat history %1 was written by a newer version of LLM Gateway; some of it may not show.</source>
        <translation>聊天记录 %1 是由更新版本的 LLM 网关写入的；其中部分内容可能无法显示。</translation>
    </message>
    <message>
        <source>The chat history %1 cannot be opened: %2. Conversations will not be kept until this is fixed.</source>
        <translation>无法打开聊天记录 %1：%2。在解决之前，对话不会被保存。</translation>
    </message>
    <message>
        <source>The chat history %1 is damaged and could not be replaced: %2</source>
        <translation>聊天记录 %1 已损坏，且无法替换：%2</translation>
    </message>
    <message>
        <source>The chat history %1 cannot be opened: %2</source>
        <translation>无法打开聊天记录 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>The chat history file was damaged. Conversations recovered: %n. The damaged file was kept as %1.</source>
        <translation>
            <numerusform>聊天记录文件已损坏。已恢复 %n 个对话。损坏的文件已保留为 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>The chat history file was damaged and nothing in it could be read. It was kept as %1; a new, empty history was started.</source>
        <translation>聊天记录文件已损坏，其中的内容都无法读取。它已保留为 %1；已新建一个空的聊天记录。</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
</context>
<context>
    <name>ConversationMarkdown</name>
    <message>
        <source>%1 prompt tokens</source>
        <translation>输入 %1 个令牌</translation>
    </message>
    <message>
        <source>%1 completion tokens</source>
        <translation>输出 %1 个令牌</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>开始于：%1</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>*[image %1: %2, %3 KB]*</source>
        <translation>*[图片 %1：%2，%3 KB]*</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理过程</translation>
    </message>
</context>
<context>
    <name>ConversationStore</name>
    <message>
        <source>The chat history could not be saved (%1): %2</source>
        <translation>无法保存聊天记录（%1）：%2</translation>
    </message>
    <message>
        <source>The conversation is not in the history.</source>
        <translation>历史记录中没有这个对话。</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>LLM Gateway</source>
        <translation>LLM 网关</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The page &quot;%1&quot; has changes that are not applied yet.</source>
        <translation>页面“%1”中有尚未应用的更改。</translation>
    </message>
    <message>
        <source>Close LLM Gateway</source>
        <translation>关闭 LLM 网关</translation>
    </message>
    <message>
        <source>Your tools reach their models through this gateway. Keep it serving in the background after the window closes?</source>
        <translation>你的工具通过本网关访问模型。关闭窗口后，是否让它在后台继续提供服务？</translation>
    </message>
    <message>
        <source>Start LLM Gateway again from the application menu to bring the window back.</source>
        <translation>从应用程序菜单再次启动 LLM 网关即可重新打开窗口。</translation>
    </message>
    <message>
        <source>Keep serving</source>
        <translation>继续服务</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Talk to any model the gateway offers</source>
        <translation>与网关提供的任意模型对话</translation>
    </message>
    <message>
        <source>Open chat</source>
        <translation>打开聊天</translation>
    </message>
</context>
<context>
    <name>DesktopShell</name>
    <message>
        <source>LLM Gateway keeps serving</source>
        <translation>LLM 网关仍在服务</translation>
    </message>
    <message>
        <source>The gateway runs on in the tray. Quit it from the tray menu.</source>
        <translation>网关在托盘中继续运行。可从托盘菜单退出。</translation>
    </message>
</context>
<context>
    <name>EnvironmentSettings</name>
    <message>
        <source>Cannot read the env file %1: %2</source>
        <translation>无法读取环境文件 %1：%2</translation>
    </message>
    <message>
        <source>%1 must be an http:// or https:// URL, not &quot;%2&quot;</source>
        <translation>%1 必须是 http:// 或 https:// 开头的 URL，而不是 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>LLM_GATEWAY_PORT must be a port number, not &quot;%1&quot;</source>
        <translation>LLM_GATEWAY_PORT 必须是端口号，而不是 &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>GatewayService</name>
    <message>
        <source>Cannot listen on &quot;%1&quot;: not an IP address. Use 127.0.0.1 (the default) or another local address.</source>
        <translation>无法在 &quot;%1&quot; 上监听：这不是 IP 地址。请使用 127.0.0.1（默认）或其他本机地址。</translation>
    </message>
    <message>
        <source>Port %1 on %2 is already in use (is another llm-gateway running?). Choose another port with --port N or &quot;port&quot; in the configuration file.</source>
        <translation>%2 上的端口 %1 已被占用（是否有另一个 llm-gateway 在运行？）。请用 --port N 或配置文件中的 &quot;port&quot; 换一个端口。</translation>
    </message>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>system keychain</source>
        <translation>系统密钥环</translation>
    </message>
    <message>
        <source>no Secret Service (gnome-keyring, KWallet or KeePassXC) is running in this session</source>
        <translation>当前会话中没有运行任何 Secret Service（gnome-keyring、KWallet 或 KeePassXC）</translation>
    </message>
    <message>
        <source>there is no desktop session bus (D-Bus) to reach it</source>
        <translation>没有可用于访问它的桌面会话总线（D-Bus）</translation>
    </message>
    <message>
        <source>the keyring is locked or has no default collection; unlock it (log in to the desktop, or open your keyring manager)</source>
        <translation>密钥环已锁定或没有默认集合；请解锁它（登录桌面，或打开密钥环管理器）</translation>
    </message>
    <message>
        <source>access was denied (an unlock prompt was refused or cancelled)</source>
        <translation>访问被拒绝（解锁提示被拒绝或取消）</translation>
    </message>
    <message>
        <source>this system has no keychain service QtKeychain can use</source>
        <translation>此系统没有 QtKeychain 可用的密钥环服务</translation>
    </message>
    <message>
        <source>it reported an error</source>
        <translation>它报告了一个错误</translation>
    </message>
    <message>
        <source>The system keychain is unavailable: %1.</source>
        <translation>系统密钥环不可用：%1。</translation>
    </message>
    <message>
        <source>(Details: %1)</source>
        <translation>（详情：%1）</translation>
    </message>
    <message>
        <source>not stored in the system keychain</source>
        <translation>未保存在系统密钥环中</translation>
    </message>
    <message>
        <source>The system keychain is unavailable: it did not answer within %1 s.</source>
        <translation>系统密钥环不可用：它在 %1 秒内没有响应。</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <source>Show the requests started in this time</source>
        <translation>显示在这段时间内开始的请求</translation>
    </message>
    <message>
        <source>Show the answers with these statuses</source>
        <translation>显示具有这些状态的响应</translation>
    </message>
    <message>
        <source>Show the requests sent to this provider</source>
        <translation>显示发往此服务商的请求</translation>
    </message>
    <message>
        <source>Model starts with…</source>
        <translation>模型名开头…</translation>
    </message>
    <message>
        <source>Client starts with…</source>
        <translation>客户端名开头…</translation>
    </message>
    <message>
        <source>Search ids, paths, models, errors…</source>
        <translation>搜索 ID、路径、模型、错误…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>请求正文</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>响应正文</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>复制为 curl 命令</translation>
    </message>
    <message>
        <source>Copy a curl command that sends this request again; it reads the token from $LLM_GATEWAY_TOKEN</source>
        <translation>复制一条重新发送此请求的 curl 命令；令牌从 $LLM_GATEWAY_TOKEN 读取</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the requests the filters show as a CSV file</source>
        <translation>把当前筛选出的请求保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Success (2xx)</source>
        <translation>成功（2xx）</translation>
    </message>
    <message>
        <source>Errors (4xx and 5xx)</source>
        <translation>错误（4xx 和 5xx）</translation>
    </message>
    <message>
        <source>Refused (4xx)</source>
        <translation>被拒绝（4xx）</translation>
    </message>
    <message>
        <source>Failed (5xx)</source>
        <translation>失败（5xx）</translation>
    </message>
    <message>
        <source>Any provider</source>
        <translation>任意服务商</translation>
    </message>
    <message>
        <source>Select a request to see everything about it.</source>
        <translation>选择一个请求以查看它的全部信息。</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>请求 ID</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>API format</source>
        <translation>API 格式</translation>
    </message>
    <message>
        <source>Model asked for</source>
        <translation>请求的模型</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Upstream model</source>
        <translation>上游模型</translation>
    </message>
    <message>
        <source>Streamed</source>
        <translation>流式</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>首令牌时间</translation>
    </message>
    <message>
        <source>Prompt tokens</source>
        <translation>输入令牌</translation>
    </message>
    <message>
        <source>Completion tokens</source>
        <translation>输出令牌</translation>
    </message>
    <message>
        <source>Cached prompt tokens</source>
        <translation>缓存的输入令牌</translation>
    </message>
    <message>
        <source>Reasoning tokens</source>
        <translation>推理令牌</translation>
    </message>
    <message>
        <source>Request size</source>
        <translation>请求大小</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Response size</source>
        <translation>响应大小</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Gateway note</source>
        <translation>网关备注</translation>
    </message>
    <message>
        <source>Not recorded. Turn on recording of bodies in the request log settings to keep the bodies of the requests that follow (keys and the token are removed from them).</source>
        <translation>未记录。在请求日志设置中打开“保存正文”后，之后的请求正文会被保存（其中的密钥和令牌会被去除）。</translation>
    </message>
    <message>
        <source>Copied a curl command for %1. It reads the token from $LLM_GATEWAY_TOKEN.</source>
        <translation>已复制 %1 的 curl 命令。它从 $LLM_GATEWAY_TOKEN 读取令牌。</translation>
    </message>
    <message>
        <source>Export requests as CSV</source>
        <translation>将请求导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n request(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 个请求保存到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>The request log is off: new requests are not recorded (turn it on in the settings).</source>
        <translation>请求日志已关闭：新请求不会被记录（可在设置中打开）。</translation>
    </message>
    <message>
        <source>%1+ requests (more as you scroll)</source>
        <translation>%1+ 个请求（滚动可加载更多）</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n 个请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in progress</source>
        <translation>
            <numerusform>%n 个进行中</numerusform>
        </translation>
    </message>
    <message>
        <source>No requests recorded yet. Every request a client or the chat window sends to the gateway appears here as soon as it is answered.</source>
        <translation>还没有记录任何请求。客户端或聊天窗口发给网关的每个请求，一得到回答就会出现在这里。</translation>
    </message>
    <message>
        <source>No recorded request matches these filters.</source>
        <translation>没有符合这些筛选条件的请求记录。</translation>
    </message>
</context>
<context>
    <name>MemorySecretStore</name>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>not stored</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Choose a model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>The model this conversation talks to: click to pick another</source>
        <translation>本对话使用的模型：点击可换一个</translation>
    </message>
</context>
<context>
    <name>ModelPickerPopup</name>
    <message>
        <source>Search models, or type any model name</source>
        <translation>搜索模型，或输入任意模型名</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Ask the gateway for its model list again</source>
        <translation>重新向网关获取模型列表</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>OpenAI base URL</source>
        <translation>OpenAI 基础 URL</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Anthropic base URL</source>
        <translation>Anthropic 基础 URL</translation>
    </message>
    <message>
        <source>Claude Code and the Anthropic SDKs take the base URL without /v1.</source>
        <translation>Claude Code 和 Anthropic SDK 使用不带 /v1 的基础 URL。</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>No problems: the gateway serves normally.</source>
        <translation>没有问题：网关正常提供服务。</translation>
    </message>
    <message>
        <source>The OpenAI base URL</source>
        <translation>OpenAI 基础 URL</translation>
    </message>
    <message>
        <source>The Anthropic base URL</source>
        <translation>Anthropic 基础 URL</translation>
    </message>
    <message>
        <source>The access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>The token is off: clients may send any key or none.</source>
        <translation>令牌已关闭：客户端可以发送任意密钥，或不发送。</translation>
    </message>
    <message>
        <source>From LLM_GATEWAY_TOKEN (environment). Clients send it as their API key.</source>
        <translation>来自环境变量 LLM_GATEWAY_TOKEN。客户端把它作为 API 密钥发送。</translation>
    </message>
    <message>
        <source>Kept in the system keychain. Clients send it as their API key.</source>
        <translation>保存在系统密钥环中。客户端把它作为 API 密钥发送。</translation>
    </message>
    <message>
        <source>Reading the token from the system keychain…</source>
        <translation>正在从系统密钥环读取令牌…</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n 个请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个令牌</translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation>改用端口 %1</translation>
    </message>
    <message>
        <source>The gateway now listens on port %1. Update the base URL in your tools (see Connect).</source>
        <translation>网关现在监听端口 %1。请更新你工具中的基础 URL（见“连接”）。</translation>
    </message>
    <message>
        <source>Change the port…</source>
        <translation>更改端口…</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Start GNOME Keyring</source>
        <translation>启动 GNOME 密钥环</translation>
    </message>
    <message>
        <source>Starting GNOME Keyring…</source>
        <translation>正在启动 GNOME 密钥环…</translation>
    </message>
    <message>
        <source>Copy the command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <source>The command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Read it again</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <source>Replace it with the settings in use</source>
        <translation>用当前生效的设置替换它</translation>
    </message>
    <message>
        <source>Saved. The broken file was kept as a backup beside it.</source>
        <translation>已保存。出错的文件已作为备份保留在旁边。</translation>
    </message>
    <message>
        <source>Enter the key…</source>
        <translation>输入密钥…</translation>
    </message>
    <message>
        <source>Turn it off</source>
        <translation>关闭它</translation>
    </message>
    <message>
        <source>The provider &apos;%1&apos; is off.</source>
        <translation>服务商“%1”已关闭。</translation>
    </message>
    <message>
        <source>Turn the token on</source>
        <translation>打开令牌</translation>
    </message>
    <message>
        <source>The access token is on: clients must send it.</source>
        <translation>访问令牌已打开：客户端必须发送它。</translation>
    </message>
    <message>
        <source>%1 is on the clipboard.</source>
        <translation>%1已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Turn the request log off</source>
        <translation>关闭请求日志</translation>
    </message>
    <message>
        <source>The request log is off: requests are no longer recorded.</source>
        <translation>请求日志已关闭：不再记录请求。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the parts of the Today line</comment>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>The request log will be shown here: every request with its model, provider, status, time and tokens.</source>
        <translation>这里将显示请求日志：每个请求的模型、服务商、状态、耗时和令牌数。</translation>
    </message>
    <message>
        <source>Token usage per provider, model and day will be shown here.</source>
        <translation>这里将按服务商、模型和日期显示令牌用量。</translation>
    </message>
</context>
<context>
    <name>ProblemMonitor</name>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Paused: API requests get 503 until you resume</source>
        <translation>已暂停：在你继续之前，API 请求会收到 503</translation>
    </message>
    <message>
        <source>Not serving</source>
        <translation>未在服务</translation>
    </message>
    <message>
        <source>Serving, but every request is refused</source>
        <translation>正在服务，但所有请求都被拒绝</translation>
    </message>
    <message>
        <source>Serving on %1</source>
        <translation>正在 %1 上提供服务</translation>
    </message>
    <message>
        <source>The port is set by %1, so it must be changed there.</source>
        <translation>端口由 %1 设置，必须在那里修改。</translation>
    </message>
    <message>
        <source>The gateway is not serving: it cannot listen on %1:%2.</source>
        <translation>网关没有在服务：无法在 %1:%2 上监听。</translation>
    </message>
    <message>
        <source>The new address could not be used; the gateway stays on %1.</source>
        <translation>新地址无法使用；网关仍在 %1 上。</translation>
    </message>
    <message>
        <source>The configuration file does not load: the last good settings stay in force.</source>
        <translation>配置文件无法加载：上一次有效的设置仍然生效。</translation>
    </message>
    <message>
        <source>No system keychain: keys cannot be saved.</source>
        <translation>没有系统密钥环：无法保存密钥。</translation>
    </message>
    <message>
        <source>No access token: every API request is refused.</source>
        <translation>没有访问令牌：所有 API 请求都会被拒绝。</translation>
    </message>
    <message>
        <source>The access token is off: any program on this computer can use your keys through the gateway.</source>
        <translation>访问令牌已关闭：本机上的任何程序都能通过网关使用你的密钥。</translation>
    </message>
    <message>
        <source>%1 has no API key: requests routed to it will fail.</source>
        <translation>%1 没有 API 密钥：路由到它的请求将会失败。</translation>
    </message>
    <message>
        <source>Enter its key, or turn the provider off if you do not use it.</source>
        <translation>请输入它的密钥；如果不用它，可以关闭该服务商。</translation>
    </message>
    <message numerus="yes">
        <source>Requests are served but not recorded (%n lost so far).</source>
        <translation>
            <numerusform>请求照常处理，但没有被记录（已丢失 %n 条）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProviderCheck</name>
    <message>
        <source>The gateway does not know this provider type.</source>
        <translation>网关不认识这种服务商类型。</translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation>CA 文件 %1 中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>The name %1 could not be found (DNS). Check the spelling of the base URL and that this computer is online.</source>
        <translation>找不到域名 %1（DNS）。请检查基础 URL 的拼写，以及本机是否联网。</translation>
    </message>
    <message>
        <source>Nothing answers at %1:%2 (connection refused). Is the server running, and is the port right?</source>
        <translation>%1:%2 没有响应（连接被拒绝）。服务器是否在运行？端口是否正确？</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s. Check the base URL, a firewall or a proxy in the way.</source>
        <translation>%1 在 %2 秒内没有响应。请检查基础 URL，以及中间的防火墙或代理。</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2. If the server uses a certificate from your own certificate authority, give its CA file.</source>
        <translation>与 %1 的安全连接失败：%2。如果该服务器使用你自己的证书颁发机构签发的证书，请提供其 CA 文件。</translation>
    </message>
    <message>
        <source>The request to %1 failed: %2</source>
        <translation>发往 %1 的请求失败：%2</translation>
    </message>
    <message>
        <source>It said: &quot;%1&quot;</source>
        <translation>它的回答是：“%1”</translation>
    </message>
    <message>
        <source>%1 refused the key (HTTP %2): check that the API key is right and active.</source>
        <translation>%1 拒绝了该密钥（HTTP %2）：请检查 API 密钥是否正确且有效。</translation>
    </message>
    <message>
        <source>%1 wants an API key (HTTP %2): enter one.</source>
        <translation>%1 需要 API 密钥（HTTP %2）：请输入。</translation>
    </message>
    <message>
        <source>%1 answered 404 Not Found: the base URL is probably wrong (Anthropic-compatible bases have no /v1, e.g. https://api.anthropic.com).</source>
        <translation>%1 返回 404 Not Found：基础 URL 可能有误（Anthropic 兼容的基础 URL 不带 /v1，例如 https://api.anthropic.com）。</translation>
    </message>
    <message>
        <source>%1 answered 404 Not Found: the base URL is probably wrong (OpenAI-compatible bases usually end in /v1).</source>
        <translation>%1 返回 404 Not Found：基础 URL 可能有误（OpenAI 兼容的基础 URL 通常以 /v1 结尾）。</translation>
    </message>
    <message>
        <source>%1 accepted the key but limits the rate right now (HTTP 429).</source>
        <translation>%1 接受了密钥，但目前正在限速（HTTP 429）。</translation>
    </message>
    <message>
        <source>%1 has a problem of its own (HTTP %2). Try again later.</source>
        <translation>%1 自身出了问题（HTTP %2）。请稍后再试。</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2.</source>
        <translation>%1 返回 HTTP %2。</translation>
    </message>
    <message>
        <source>%1 answered, but not with a model list (%2). Is this an %3 API, and is the base URL its root?</source>
        <translation>%1 有响应，但返回的不是模型列表（%2）。这是 %3 API 吗？基础 URL 是它的根地址吗？</translation>
    </message>
    <message>
        <source>Anthropic-compatible</source>
        <translation>Anthropic 兼容的</translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation>OpenAI 兼容的</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %1 offers %n model(s).</source>
        <translation>
            <numerusform>已连接：%1 提供 %n 个模型。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProviderKeyStore</name>
    <message>
        <source>The key of &apos;%1&apos; is set by the environment variable %2, which wins over the keychain; change it where it is set.</source>
        <translation>“%1”的密钥由环境变量 %2 设置，它优先于密钥环；请在设置它的地方修改。</translation>
    </message>
    <message>
        <source>The key is empty.</source>
        <translation>密钥为空。</translation>
    </message>
</context>
<context>
    <name>ProviderListModel</name>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>key set</source>
        <translation>已设置密钥</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>无密钥</translation>
    </message>
</context>
<context>
    <name>ProviderValidator</name>
    <message>
        <source>An id is needed: it names the provider in model names (id/model).</source>
        <translation>需要一个标识：模型名中用它来指明服务商（标识/模型）。</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only (no spaces or &apos;/&apos;).</source>
        <translation>只能使用字母、数字、“.”、“_”和“-”（不能有空格或“/”）。</translation>
    </message>
    <message>
        <source>Another provider already has this id.</source>
        <translation>已有其他服务商使用这个标识。</translation>
    </message>
    <message>
        <source>The base URL is needed, e.g. https://api.example.com/v1.</source>
        <translation>需要填写基础 URL，例如 https://api.example.com/v1。</translation>
    </message>
    <message>
        <source>The base URL must start with http:// or https:// and name a host.</source>
        <translation>基础 URL 必须以 http:// 或 https:// 开头，并包含主机名。</translation>
    </message>
    <message>
        <source>The base URL takes no query (?...) or fragment (#...).</source>
        <translation>基础 URL 不能带查询（?...）或片段（#...）。</translation>
    </message>
    <message>
        <source>This is the gateway&apos;s own address: requests would loop back to it. Give the provider&apos;s own URL.</source>
        <translation>这是网关自己的地址：请求会绕回网关。请填写服务商自己的 URL。</translation>
    </message>
    <message>
        <source>Anthropic-compatible bases usually have no /v1 (the gateway adds /v1/messages).</source>
        <translation>Anthropic 兼容的基础 URL 通常不带 /v1（网关会自动加上 /v1/messages）。</translation>
    </message>
    <message>
        <source>OpenAI-compatible bases usually end in /v1.</source>
        <translation>OpenAI 兼容的基础 URL 通常以 /v1 结尾。</translation>
    </message>
    <message>
        <source>Give the full path of the CA file.</source>
        <translation>请填写 CA 文件的完整路径。</translation>
    </message>
    <message>
        <source>The file does not exist or cannot be read.</source>
        <translation>文件不存在或无法读取。</translation>
    </message>
    <message>
        <source>The file holds no PEM certificate.</source>
        <translation>文件中没有 PEM 证书。</translation>
    </message>
    <message>
        <source>Line %1: write one header per line as &quot;Name: value&quot;.</source>
        <translation>第 %1 行：每行写一个请求头，格式为 &quot;Name: value&quot;。</translation>
    </message>
    <message>
        <source>Line %1: %2 carries a credential. Put the key in the API key field: it is kept in the system keychain, never in the configuration file.</source>
        <translation>第 %1 行：%2 携带凭据。请把密钥填在“API 密钥”一栏：它会保存在系统密钥环中，绝不会写入配置文件。</translation>
    </message>
    <message>
        <source>Line %1: a header value cannot contain a line break.</source>
        <translation>第 %1 行：请求头的值不能包含换行。</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>OpenAI-compatible (Chat Completions)</source>
        <translation>OpenAI 兼容（Chat Completions）</translation>
    </message>
    <message>
        <source>Anthropic-compatible (Messages)</source>
        <translation>Anthropic 兼容（Messages）</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>Extra headers</source>
        <translation>额外请求头</translation>
    </message>
    <message>
        <source>One per line, e.g. HTTP-Referer: https://example.com</source>
        <translation>每行一个，例如 HTTP-Referer: https://example.com</translation>
    </message>
    <message>
        <source>Extra CA file</source>
        <translation>额外 CA 文件</translation>
    </message>
    <message>
        <source>Only for a server with its own CA (PEM)</source>
        <translation>仅用于使用自有 CA 的服务器（PEM）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Speaks the OpenAI Responses API</source>
        <translation>支持 OpenAI Responses API</translation>
    </message>
    <message>
        <source>On: requests to /v1/responses are passed through to this provider unchanged. Off: the gateway translates them to Chat Completions.</source>
        <translation>开启：发往 /v1/responses 的请求原样转发给该服务商。关闭：网关把它们转换为 Chat Completions。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Fetch models</source>
        <translation>获取模型列表</translation>
    </message>
    <message>
        <source>Certificate authority file</source>
        <translation>证书颁发机构文件</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Custom OpenAI-compatible server…</source>
        <translation>自定义 OpenAI 兼容服务器…</translation>
    </message>
    <message>
        <source>Custom Anthropic-compatible server…</source>
        <translation>自定义 Anthropic 兼容服务器…</translation>
    </message>
    <message>
        <source>This is not a valid URL.</source>
        <translation>这不是有效的 URL。</translation>
    </message>
    <message>
        <source>In use: %1, set by %2 in the environment (it wins over this field).</source>
        <translation>实际使用：%1，由环境变量 %2 设置（优先于本栏）。</translation>
    </message>
    <message>
        <source>Model names %1/MODEL always go here; the key variable is %2.</source>
        <translation>模型名 %1/模型 总会发往这里；对应的密钥环境变量是 %2。</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>The key comes from %1 in the environment; change it where it is set.</source>
        <translation>密钥来自环境变量 %1；请在设置它的地方修改。</translation>
    </message>
    <message>
        <source>Stored in the system keychain when you apply.</source>
        <translation>应用时保存到系统密钥环。</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>无密钥</translation>
    </message>
    <message>
        <source>Removed from the keychain when you apply.</source>
        <translation>应用时从密钥环中删除。</translation>
    </message>
    <message>
        <source>Stored in the system keychain. Type a new key to replace it.</source>
        <translation>已保存在系统密钥环中。输入新密钥即可替换。</translation>
    </message>
    <message>
        <source>No key. The system keychain is unavailable, so a key cannot be stored now (see Overview); %1 in the environment works.</source>
        <translation>没有密钥。系统密钥环不可用，目前无法保存密钥（见“概览”）；可以使用环境变量 %1。</translation>
    </message>
    <message>
        <source>No key. Local servers (Ollama, LM Studio, vLLM) usually need none.</source>
        <translation>没有密钥。本地服务器（Ollama、LM Studio、vLLM）通常不需要。</translation>
    </message>
    <message>
        <source>Custom OpenAI-compatible</source>
        <translation>自定义 OpenAI 兼容</translation>
    </message>
    <message>
        <source>Custom Anthropic-compatible</source>
        <translation>自定义 Anthropic 兼容</translation>
    </message>
    <message>
        <source>Remove the provider &quot;%1&quot;?</source>
        <translation>删除服务商“%1”？</translation>
    </message>
    <message numerus="yes">
        <source>Its %n route(s) and alias(es) go too.</source>
        <translation>
            <numerusform>它的 %n 条路由和别名也会一并删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Its key is deleted from the keychain.</source>
        <translation>它的密钥会从密钥环中删除。</translation>
    </message>
    <message>
        <source>Remove provider</source>
        <translation>删除服务商</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the fields marked in red.</source>
        <translation>没有保存任何内容：请修正红色标出的字段。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>没有保存任何内容：%1</translation>
    </message>
    <message>
        <source>Saved. The gateway uses the new providers now.</source>
        <translation>已保存。网关现在使用新的服务商设置。</translation>
    </message>
    <message>
        <source>The key of &apos;%1&apos; was not stored: %2</source>
        <translation>“%1”的密钥未能保存：%2</translation>
    </message>
    <message>
        <source>Saved, keys included: the gateway uses them now.</source>
        <translation>已保存（包括密钥）：网关现在就会使用它们。</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>正在向 %1 获取模型列表…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
</context>
<context>
    <name>ReasoningKeyFile</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ReasoningView</name>
    <message>
        <source>Thinking…</source>
        <translation>正在思考…</translation>
    </message>
    <message numerus="yes">
        <source>Reasoning (%n words)</source>
        <translation>
            <numerusform>推理过程（%n 字）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestCurlCommand</name>
    <message>
        <source>The request body was not recorded: turn on recording of bodies in the request log settings to copy it too.</source>
        <translation>请求正文未被记录：在请求日志设置中打开“保存正文”后即可一并复制。</translation>
    </message>
</context>
<context>
    <name>RequestLogModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Sent to %1 as %2</source>
        <translation>以 %2 发往 %1</translation>
    </message>
    <message>
        <source>Time to the first token of a stream</source>
        <translation>流式响应到达第一个令牌所用的时间</translation>
    </message>
    <message>
        <source>Prompt tokens (cached ones included)</source>
        <translation>输入令牌（含缓存的令牌）</translation>
    </message>
    <message>
        <source>Completion tokens (reasoning included)</source>
        <translation>输出令牌（含推理令牌）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation>首令牌</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>输入令牌</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>输出令牌</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>RequestLogStore</name>
    <message>
        <source>The disk that holds the request log (%1) is full, so requests are served but not recorded. Free some disk space: recording resumes by itself.</source>
        <translation>存放请求日志（%1）的磁盘已满，请求照常处理但不会被记录。请释放一些磁盘空间：记录会自动恢复。</translation>
    </message>
    <message>
        <source>The request log %1 cannot be written (%2), so requests are served but not recorded. Make its folder writable, or turn the request log off in the settings.</source>
        <translation>请求日志 %1 无法写入（%2），请求照常处理但不会被记录。请让它所在的文件夹可写，或在设置中关闭请求日志。</translation>
    </message>
    <message>
        <source>Another program keeps the request log %1 locked, so requests are served but not recorded until it lets go. Close the program that holds it (another gateway, an SQLite browser).</source>
        <translation>另一个程序锁住了请求日志 %1，在它释放之前，请求照常处理但不会被记录。请关闭占用它的程序（另一个网关、SQLite 浏览器等）。</translation>
    </message>
    <message>
        <source>The request log %1 is damaged (%2) and could not be moved aside, so requests are served but not recorded. Delete the file to start a new log.</source>
        <translation>请求日志 %1 已损坏（%2），且无法移到一旁，请求照常处理但不会被记录。删除该文件即可开始新的日志。</translation>
    </message>
    <message>
        <source>The request log %1 cannot be written (%2), so requests are served but not recorded.</source>
        <translation>请求日志 %1 无法写入（%2），请求照常处理但不会被记录。</translation>
    </message>
    <message>
        <source>The request log %1 was damaged (%2). It was moved to %3 and a new log was started.</source>
        <translation>请求日志 %1 已损坏（%2）。它已被移到 %3，并已开始新的日志。</translation>
    </message>
</context>
<context>
    <name>RouteRuleModel</name>
    <message>
        <source>The provider &quot;%1&quot; is off: this rule is skipped.</source>
        <translation>服务商“%1”已关闭：这条规则会被跳过。</translation>
    </message>
    <message>
        <source>Send the model name upstream without the prefix</source>
        <translation>发往上游时去掉模型名的前缀</translation>
    </message>
    <message>
        <source>Model name starts with</source>
        <translation>模型名开头</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Strip prefix</source>
        <translation>去掉前缀</translation>
    </message>
</context>
<context>
    <name>RoutesPage</name>
    <message>
        <source>Where does a model name go?</source>
        <translation>某个模型名会发往哪里？</translation>
    </message>
    <message>
        <source>Type a model name, e.g. deepseek-chat or ollama/llama3.2</source>
        <translation>输入模型名，例如 deepseek-chat 或 ollama/llama3.2</translation>
    </message>
    <message>
        <source>Prefix rules</source>
        <translation>前缀规则</translation>
    </message>
    <message>
        <source>A model name goes to the provider of the longest prefix it starts with. Aliases and the form PROVIDER/MODEL come first. Drag rows to order them as you like.</source>
        <translation>模型名会发往与其开头匹配的最长前缀所对应的服务商。别名和“服务商/模型”写法优先。可以拖动行来随意排序。</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>Add alias</source>
        <translation>添加别名</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Rule %1 has no prefix.</source>
        <translation>第 %1 条规则没有前缀。</translation>
    </message>
    <message>
        <source>The prefix &quot;%1&quot; is there twice.</source>
        <translation>前缀“%1”出现了两次。</translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot; points to &quot;%2&quot;, which is not a provider.</source>
        <translation>规则“%1”指向“%2”，但它不是服务商。</translation>
    </message>
    <message>
        <source>Every alias needs a name and a model.</source>
        <translation>每个别名都需要名称和模型。</translation>
    </message>
    <message>
        <source>The alias &quot;%1&quot; is there twice.</source>
        <translation>别名“%1”出现了两次。</translation>
    </message>
    <message>
        <source>The alias &quot;%1&quot; points to &quot;%2&quot;, which is not a provider.</source>
        <translation>别名“%1”指向“%2”，但它不是服务商。</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the problems listed below the tables.</source>
        <translation>没有保存任何内容：请修正表格下方列出的问题。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>没有保存任何内容：%1</translation>
    </message>
    <message>
        <source>Saved. New requests follow these routes now.</source>
        <translation>已保存。新的请求现在按这些路由转发。</translation>
    </message>
    <message>
        <source>The alias &quot;%1&quot; points to &quot;%2&quot;, which is turned off or missing: requests get 404.</source>
        <translation>别名“%1”指向“%2”，但它已关闭或不存在：请求会收到 404。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names the provider &quot;%2&quot;, which is turned off: requests get 404.</source>
        <translation>“%1”指定的服务商“%2”已关闭：请求会收到 404。</translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;: requests get 404. Add a prefix rule or an alias, or write it as PROVIDER/%1.</source>
        <translation>没有规则匹配“%1”：请求会收到 404。请添加前缀规则或别名，或写成 服务商/%1。</translation>
    </message>
    <message>
        <source>the alias &quot;%1&quot;</source>
        <translation>别名“%1”</translation>
    </message>
    <message>
        <source>the form PROVIDER/MODEL</source>
        <translation>“服务商/模型”写法</translation>
    </message>
    <message>
        <source>the prefix &quot;%1&quot;</source>
        <translation>前缀“%1”</translation>
    </message>
    <message>
        <source>→ %1, sent upstream as &quot;%2&quot; (because of %3).</source>
        <translation>→ %1，以“%2”发往上游（依据：%3）。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Clients must send the access token (their &quot;API key&quot;)</source>
        <translation>客户端必须发送访问令牌（即它们的“API 密钥”）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>New token…</source>
        <translation>新令牌…</translation>
    </message>
    <message>
        <source>Web pages allowed to call the gateway</source>
        <translation>允许调用网关的网页</translation>
    </message>
    <message>
        <source>One origin per line, e.g. http://localhost:5173</source>
        <translation>每行一个来源，例如 http://localhost:5173</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Start LLM Gateway when I log in</source>
        <translation>登录时启动 LLM 网关</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Request log</source>
        <translation>请求日志</translation>
    </message>
    <message>
        <source>Record every request (model, provider, status, time, tokens)</source>
        <translation>记录每个请求（模型、服务商、状态、耗时、令牌数）</translation>
    </message>
    <message>
        <source>Also keep request and response bodies (keys and the token are removed)</source>
        <translation>同时保存请求和响应正文（会去除密钥和令牌）</translation>
    </message>
    <message>
        <source>Keep records for</source>
        <translation>记录保留</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>最多</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> records</source>
        <translation> 条</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>The access token is on the clipboard.</source>
        <translation>访问令牌已复制到剪贴板。</translation>
    </message>
    <message>
        <source>The new address could not be used, so the gateway stays where it was. %1</source>
        <translation>新地址无法使用，网关保持原地址。%1</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Set by %1; change it there.</source>
        <translation>由 %1 设置；请在那里修改。</translation>
    </message>
    <message>
        <source>127.0.0.1 keeps the gateway to this computer. Another address needs the access token.</source>
        <translation>127.0.0.1 让网关只对本机开放。使用其他地址需要访问令牌。</translation>
    </message>
    <message>
        <source>Applied at once. If the port is taken, the gateway stays on the old one and says so.</source>
        <translation>立即生效。如果端口已被占用，网关会留在原端口并给出提示。</translation>
    </message>
    <message>
        <source>The token comes from LLM_GATEWAY_TOKEN in the environment; change it there.</source>
        <translation>令牌来自环境变量 LLM_GATEWAY_TOKEN；请在那里修改。</translation>
    </message>
    <message>
        <source>Listening beyond this computer: the token must stay on.</source>
        <translation>正在对本机以外开放：令牌必须保持开启。</translation>
    </message>
    <message>
        <source>A new token replaces the old one at once: clients using the old one get 401 until you update them.</source>
        <translation>新令牌会立即替换旧令牌：使用旧令牌的客户端在更新之前会收到 401。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an origin: write scheme, host and port, e.g. http://localhost:5173 (no path, no *).</source>
        <translation>“%1”不是来源（origin）：请写出协议、主机和端口，例如 http://localhost:5173（不带路径，不能用 *）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address (or localhost).</source>
        <translation>“%1”不是 IP 地址（或 localhost）。</translation>
    </message>
    <message>
        <source>The access token can be off only while the gateway listens on 127.0.0.1.</source>
        <translation>只有当网关监听 127.0.0.1 时，才能关闭访问令牌。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>没有保存任何内容：%1</translation>
    </message>
    <message>
        <source>Saved, but start at login could not be changed: %1</source>
        <translation>已保存，但无法更改“登录时启动”：%1</translation>
    </message>
    <message>
        <source>Saved and in force.</source>
        <translation>已保存并生效。</translation>
    </message>
    <message>
        <source>New access token</source>
        <translation>新访问令牌</translation>
    </message>
    <message>
        <source>Make a new access token? The old one stops working at once: every client must be given the new one (see Connect).</source>
        <translation>生成新的访问令牌？旧令牌会立即失效：所有客户端都需要换用新令牌（见“连接”）。</translation>
    </message>
    <message>
        <source>A new access token is in force. Update your clients (see Connect).</source>
        <translation>新的访问令牌已生效。请更新你的客户端（见“连接”）。</translation>
    </message>
    <message>
        <source>No new token: %1</source>
        <translation>未生成新令牌：%1</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>永久</translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>environment read from %1</source>
        <translation>已从 %1 读取环境变量</translation>
    </message>
    <message>
        <source>configuration read from %1</source>
        <translation>已从 %1 读取配置</translation>
    </message>
    <message>
        <source>The configuration file %1 given with --config does not exist; the defaults are in use until settings are saved there.</source>
        <translation>通过 --config 指定的配置文件 %1 不存在；在设置保存到那里之前使用默认值。</translation>
    </message>
    <message>
        <source>The provider id &quot;%1&quot; must start with a letter or digit and contain only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>服务商标识“%1”必须以字母或数字开头，且只能包含字母、数字、“.”、“_”和“-”。</translation>
    </message>
    <message>
        <source>Two providers have the id &quot;%1&quot;; ids must be unique.</source>
        <translation>有两个服务商的标识都是“%1”；标识必须唯一。</translation>
    </message>
    <message>
        <source>Two routes have the prefix &quot;%1&quot;; only the first would be used.</source>
        <translation>有两条路由的前缀都是“%1”；只有第一条会生效。</translation>
    </message>
    <message>
        <source>Two aliases are named &quot;%1&quot;; names must be unique.</source>
        <translation>有两个别名都叫“%1”；名称必须唯一。</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Ask anything. Enter sends, Shift+Enter starts a new line; Esc stops a reply.</source>
        <translation>有问必答。Enter 发送，Shift+Enter 换行；Esc 停止回复。</translation>
    </message>
</context>
<context>
    <name>TrayShell</name>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>LLM Gateway — %1</source>
        <translation>LLM 网关 — %1</translation>
    </message>
    <message>
        <source>The OpenAI base URL</source>
        <translation>OpenAI 基础 URL</translation>
    </message>
    <message>
        <source>The Anthropic base URL</source>
        <translation>Anthropic 基础 URL</translation>
    </message>
    <message>
        <source>The access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>LLM Gateway is not serving</source>
        <translation>LLM 网关没有在服务</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation>打开控制面板</translation>
    </message>
    <message>
        <source>Open chat</source>
        <translation>打开聊天</translation>
    </message>
    <message>
        <source>Copy OpenAI base URL (…/v1)</source>
        <translation>复制 OpenAI 基础 URL（…/v1）</translation>
    </message>
    <message>
        <source>Copy Anthropic base URL (Claude Code)</source>
        <translation>复制 Anthropic 基础 URL（Claude Code）</translation>
    </message>
    <message>
        <source>Copy access token</source>
        <translation>复制访问令牌</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message numerus="yes">
        <source>(and %n more: see the dashboard)</source>
        <translation>
            <numerusform>（还有 %n 个：请查看控制面板）</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>%1 is on the clipboard.</source>
        <translation>%1已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Tokens per day</source>
        <translation>每日令牌用量</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>M tokens</source>
        <translation>百万令牌</translation>
    </message>
    <message>
        <source>k tokens</source>
        <translation>千令牌</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
</context>
<context>
    <name>UsageModel</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>(the gateway)</source>
        <translation>（网关）</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>No price set for %1 at %2: add one under &quot;prices&quot; in the provider&apos;s settings to see an estimate.</source>
        <translation>%2 上的 %1 未设置价格：在该服务商设置的 &quot;prices&quot; 中添加价格即可看到估算。</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Cached</source>
        <translation>缓存</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Est. cost</source>
        <translation>估算费用</translation>
    </message>
</context>
<context>
    <name>UsagePage</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Per provider and model:</source>
        <translation>按服务商和模型：</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n 个请求</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个令牌</translation>
    </message>
    <message>
        <source>about %1 (estimated)</source>
        <translation>约 %1（估算）</translation>
    </message>
    <message>
        <source>at least %1 (estimated)</source>
        <translation>至少 %1（估算）</translation>
    </message>
    <message>
        <source>No requests recorded yet.</source>
        <translation>还没有记录任何请求。</translation>
    </message>
    <message>
        <source>Not in the estimate, for want of a price: %1. Prices per million tokens go under &quot;prices&quot; in a provider&apos;s settings in the configuration file, e.g. &quot;prices&quot;: {&quot;gpt-4o&quot;: {&quot;input&quot;: 2.5, &quot;output&quot;: 10}}.</source>
        <translation>以下内容因没有价格而未计入估算：%1。每百万令牌的价格写在配置文件中服务商设置的 &quot;prices&quot; 里，例如 &quot;prices&quot;: {&quot;gpt-4o&quot;: {&quot;input&quot;: 2.5, &quot;output&quot;: 10}}。</translation>
    </message>
</context>
</TS>
