// A scripted LLM provider for scripts/compat.sh (not used in CI): it speaks the Anthropic
// Messages API or OpenAI Chat Completions (by --dialect), records every request it receives
// (JSON lines: method, path, headers, body) and plays one tool loop:
//   1. a request whose tools include a file-reading tool and that holds no tool result yet
//      -> the model asks to read COMPAT_FILE (one tool call);
//   2. a request that holds the tool result -> the model answers with the result's text;
//   3. anything else (titles, topic checks...) -> a short text answer.
// Streams when the request asks. Usage: node fake-upstream.mjs --dialect anthropic|openai
//   --port N --record FILE [--file PATH]
import http from 'node:http';
import fs from 'node:fs';

const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) =>
        arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const dialect = args.dialect || 'anthropic';
const filePath = args.file || process.env.COMPAT_FILE || '/tmp/notes.txt';
const record = args.record || '/dev/null';
let counter = 0;

const readTools = ['Read', 'read_file', 'shell', 'exec_command'];

function toolNames(body) {
    return (body.tools || []).map(t => t.name || (t.function && t.function.name)).filter(Boolean);
}

// The text of the tool result in the conversation, if there is one.
function toolResult(body) {
    const texts = [];
    for (const m of body.messages || []) {
        if (m.role === 'tool')
            texts.push(typeof m.content === 'string' ? m.content : JSON.stringify(m.content));
        if (Array.isArray(m.content)) {
            for (const b of m.content) {
                if (b.type === 'tool_result')
                    texts.push(typeof b.content === 'string' ? b.content
                        : (b.content || []).map(c => c.text || '').join(''));
            }
        }
    }
    return texts.length ? texts.join('\n') : null;
}

function plan(body) {
    const result = toolResult(body);
    if (result !== null)
        return { text: `The file says: ${result.replace(/^\s*\d+[→\t]/gm, '').trim()}` };
    const tool = toolNames(body).find(n => readTools.includes(n));
    if (tool)
        return { text: 'Let me read the file.', tool, input: { file_path: filePath } };
    return { text: 'OK.' };
}

function anthropicMessage(model, p) {
    const content = [{ type: 'text', text: p.text }];
    if (p.tool)
        content.push({ type: 'tool_use', id: `toolu_compat_${counter}`, name: p.tool, input: p.input });
    return {
        id: `msg_compat_${counter}`, type: 'message', role: 'assistant', model, content,
        stop_reason: p.tool ? 'tool_use' : 'end_turn', stop_sequence: null,
        usage: { input_tokens: 120, output_tokens: 20 },
    };
}

function anthropicEvents(model, p) {
    const message = anthropicMessage(model, p);
    const events = [['message_start', { type: 'message_start', message: { ...message, content: [],
        stop_reason: null, usage: { input_tokens: 120, output_tokens: 1 } } }]];
    message.content.forEach((block, index) => {
        if (block.type === 'text') {
            events.push(['content_block_start', { type: 'content_block_start', index,
                content_block: { type: 'text', text: '' } }]);
            events.push(['content_block_delta', { type: 'content_block_delta', index,
                delta: { type: 'text_delta', text: block.text } }]);
        } else {
            events.push(['content_block_start', { type: 'content_block_start', index,
                content_block: { ...block, input: {} } }]);
            events.push(['content_block_delta', { type: 'content_block_delta', index,
                delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } }]);
        }
        events.push(['content_block_stop', { type: 'content_block_stop', index }]);
    });
    events.push(['message_delta', { type: 'message_delta',
        delta: { stop_reason: message.stop_reason, stop_sequence: null },
        usage: { output_tokens: 20 } }]);
    events.push(['message_stop', { type: 'message_stop' }]);
    return events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

function openAiCompletion(model, p) {
    const message = { role: 'assistant', content: p.text };
    if (p.tool)
        message.tool_calls = [{ id: `call_compat_${counter}`, type: 'function',
            function: { name: p.tool, arguments: JSON.stringify(p.input) } }];
    return {
        id: `chatcmpl-compat-${counter}`, object: 'chat.completion', created: 1764500000, model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: p.tool ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140 },
    };
}

function openAiEvents(model, p) {
    const chunk = (delta, finish = null) => ({ id: `chatcmpl-compat-${counter}`,
        object: 'chat.completion.chunk', created: 1764500000, model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    const out = [chunk({ role: 'assistant', content: '' }),
        chunk({ reasoning_content: 'The user wants the file.' }), chunk({ content: p.text })];
    if (p.tool) {
        const args = JSON.stringify(p.input);
        out.push(chunk({ tool_calls: [{ index: 0, id: `call_compat_${counter}`, type: 'function',
            function: { name: p.tool, arguments: '' } }] }));
        out.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, 10) } }] }));
        out.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(10) } }] }));
    }
    out.push(chunk({}, p.tool ? 'tool_calls' : 'stop'));
    out.push({ id: `chatcmpl-compat-${counter}`, object: 'chat.completion.chunk',
        created: 1764500000, model, choices: [],
        usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140 } });
    return [...out.map(c => `data: ${JSON.stringify(c)}\n\n`), 'data: [DONE]\n\n'];
}

function models() {
    return dialect === 'anthropic'
        ? { data: ['claude-sonnet-4-5', 'claude-haiku-4-5'].map(id => ({ type: 'model', id,
            display_name: id, created_at: '2025-09-29T00:00:00Z' })), has_more: false }
        : { object: 'list', data: ['deepseek-chat', 'gpt-4o-mini'].map(id => ({ id,
            object: 'model', created: 1764500000, owned_by: 'compat' })) };
}

http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body = {};
        try { body = raw ? JSON.parse(raw) : {}; } catch { body = {}; }
        ++counter;
        fs.appendFileSync(record, JSON.stringify({ n: counter, method: req.method, path: req.url,
            headers: req.headers, body }) + '\n');
        if (req.method === 'GET' && req.url.includes('/models')) {
            res.writeHead(200, { 'content-type': 'application/json' });
            return res.end(JSON.stringify(models()));
        }
        if (req.url.includes('count_tokens')) {
            res.writeHead(200, { 'content-type': 'application/json' });
            return res.end(JSON.stringify({ input_tokens: 120 }));
        }
        const p = plan(body);
        const model = body.model || 'unknown';
        if (body.stream) {
            res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
            const events = dialect === 'anthropic' ? anthropicEvents(model, p) : openAiEvents(model, p);
            for (const e of events)
                res.write(e);
            return res.end();
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(dialect === 'anthropic' ? anthropicMessage(model, p)
            : openAiCompletion(model, p)));
    });
}).listen(Number(args.port || 0), '127.0.0.1', function () {
    console.log(`fake ${dialect} upstream on 127.0.0.1:${this.address().port}`);
});
