#!/usr/bin/env node
// A scripted fake provider for the compatibility runs (not part of CI). One port, three
// dialects, each in its provider's documented wire format:
//   OpenAI Chat Completions  POST /chat/v1/chat/completions      (base .../chat/v1)
//   Anthropic Messages       POST /anthropic/v1/messages          (base .../anthropic)
//   OpenAI Responses         POST /responses/v1/responses         (base .../responses/v1)
// The script: while the conversation holds no tool result, the model asks for one tool call
// that reads FILE (with whatever shell-like tool the client declared); once the result is
// there, it answers with a sentence that quotes the result's last line. Streams and whole
// answers both; every request is written to DIR/NNN-<dialect>.json.
// Usage: node codex-fake-provider.mjs --file notes.txt --record DIR  (prints "PORT <n>")
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const file = args.file ?? 'notes.txt';
const recordDir = args.record;
let counter = 0;

function toolCallFor(tools) {
  const names = tools.map(t => t.name ?? t.function?.name).filter(Boolean);
  if (names.includes('exec_command')) return { name: 'exec_command', args: { cmd: `cat ${file}` } };
  if (names.includes('shell_command')) return { name: 'shell_command', args: { command: `cat ${file}` } };
  if (names.includes('shell')) return { name: 'shell', args: { command: ['cat', file] } };
  if (names.includes('read_file')) return { name: 'read_file', args: { path: file } };
  if (names.length > 0) return { name: names[0], args: { path: file } };
  return null;
}

function lastLine(text) {
  const lines = String(text).split('\n').map(l => l.trim()).filter(Boolean);
  return lines.length ? lines[lines.length - 1] : '';
}

function textOf(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(p => p.text ?? p.content ?? '').map(textOf).join('\n');
  return '';
}

// What the model does next: { call } or { text }.
function decide(toolResult, tools) {
  if (toolResult !== undefined) return { text: `The file says: ${lastLine(toolResult)}` };
  const call = toolCallFor(tools);
  return call ? { call } : { text: 'No tools were offered.' };
}

function sse(res, events) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const e of events) res.write(e);
  res.end();
}

function chat(req, res) {
  const toolMessage = [...req.messages].reverse().find(m => m.role === 'tool');
  const step = decide(toolMessage ? textOf(toolMessage.content) : undefined, req.tools ?? []);
  const id = `chatcmpl-fake${counter}`;
  const model = req.model;
  const usage = { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110, prompt_tokens_details: { cached_tokens: 40 } };
  const toolCall = step.call && { id: `call_fake${counter}`, type: 'function', function: { name: step.call.name, arguments: JSON.stringify(step.call.args) } };
  if (!req.stream) {
    const message = step.call
      ? { role: 'assistant', content: null, reasoning_content: 'I need to read the file.', tool_calls: [toolCall] }
      : { role: 'assistant', content: step.text };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, object: 'chat.completion', created: 1, model, choices: [{ index: 0, message, finish_reason: step.call ? 'tool_calls' : 'stop' }], usage }));
    return;
  }
  const chunk = (delta, finish = null, extra = {}) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  const events = [chunk({ role: 'assistant', content: '' })];
  if (step.call) {
    events.push(chunk({ reasoning_content: 'I need to ' }), chunk({ reasoning_content: 'read the file.' }));
    const args = toolCall.function.arguments;
    events.push(chunk({ tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: toolCall.function.name, arguments: '' } }] }));
    events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, 5) } }] }));
    events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(5) } }] }));
    events.push(chunk({}, 'tool_calls'));
  } else {
    const words = step.text.split(/(?<= )/);
    for (const w of words) events.push(chunk({ content: w }));
    events.push(chunk({}, 'stop'));
  }
  if (req.stream_options?.include_usage)
    events.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model, choices: [], usage })}\n\n`);
  events.push('data: [DONE]\n\n');
  sse(res, events);
}

function anthropic(req, res) {
  let toolResult;
  for (const m of req.messages) {
    if (m.role !== 'user' || !Array.isArray(m.content)) continue;
    for (const b of m.content) if (b.type === 'tool_result') toolResult = textOf(b.content);
  }
  const step = decide(toolResult, (req.tools ?? []).map(t => ({ name: t.name })));
  const id = `msg_fake${counter}`;
  const model = req.model;
  const usage = { input_tokens: 60, cache_read_input_tokens: 40, output_tokens: 10 };
  const content = step.call
    ? [{ type: 'thinking', thinking: 'I need to read the file.', signature: 'sig-fake-anthropic' },
       { type: 'tool_use', id: `toolu_fake${counter}`, name: step.call.name, input: step.call.args }]
    : [{ type: 'text', text: step.text }];
  const stopReason = step.call ? 'tool_use' : 'end_turn';
  if (!req.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, type: 'message', role: 'assistant', model, content, stop_reason: stopReason, stop_sequence: null, usage }));
    return;
  }
  const ev = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const events = [ev('message_start', { message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 60, cache_read_input_tokens: 40, output_tokens: 1 } } })];
  content.forEach((block, index) => {
    if (block.type === 'thinking') {
      events.push(ev('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
      events.push(ev('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: block.thinking } }));
      events.push(ev('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } }));
    } else if (block.type === 'tool_use') {
      events.push(ev('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }));
      const json = JSON.stringify(block.input);
      events.push(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(0, 4) } }));
      events.push(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(4) } }));
    } else {
      events.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const w of block.text.split(/(?<= )/)) events.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text: w } }));
    }
    events.push(ev('content_block_stop', { index }));
  });
  events.push(ev('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 10 } }));
  events.push(ev('message_stop', {}));
  sse(res, events);
}

function responses(req, res) {
  const items = typeof req.input === 'string' ? [] : req.input;
  const output = [...items].reverse().find(i => i.type === 'function_call_output');
  const step = decide(output ? textOf(output.output) : undefined, (req.tools ?? []).filter(t => t.type === 'function'));
  const id = `resp_fake${counter}`;
  const base = { id, object: 'response', created_at: 1, model: req.model, error: null, incomplete_details: null, instructions: req.instructions ?? null, parallel_tool_calls: true, tools: req.tools ?? [], tool_choice: req.tool_choice ?? 'auto', store: false, metadata: {}, usage: null };
  const usage = { input_tokens: 100, input_tokens_details: { cached_tokens: 40 }, output_tokens: 10, output_tokens_details: { reasoning_tokens: 4 }, total_tokens: 110 };
  const outputItems = step.call
    ? [{ id: 'rs_fake', type: 'reasoning', summary: [{ type: 'summary_text', text: 'I need to read the file.' }] },
       { id: 'fc_fake', type: 'function_call', status: 'completed', call_id: `call_fake${counter}`, name: step.call.name, arguments: JSON.stringify(step.call.args) }]
    : [{ id: 'msg_fake', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: step.text, annotations: [], logprobs: [] }] }];
  if (!req.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...base, status: 'completed', output: outputItems, usage }));
    return;
  }
  let seq = 0;
  const ev = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...data })}\n\n`;
  const events = [ev('response.created', { response: { ...base, status: 'in_progress', output: [] } }),
                  ev('response.in_progress', { response: { ...base, status: 'in_progress', output: [] } })];
  outputItems.forEach((item, output_index) => {
    if (item.type === 'message') {
      events.push(ev('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } }));
      events.push(ev('response.content_part.added', { item_id: item.id, output_index, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } }));
      events.push(ev('response.output_text.delta', { item_id: item.id, output_index, content_index: 0, delta: item.content[0].text, logprobs: [] }));
      events.push(ev('response.output_text.done', { item_id: item.id, output_index, content_index: 0, text: item.content[0].text, logprobs: [] }));
      events.push(ev('response.content_part.done', { item_id: item.id, output_index, content_index: 0, part: item.content[0] }));
    } else if (item.type === 'function_call') {
      events.push(ev('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', arguments: '' } }));
      events.push(ev('response.function_call_arguments.delta', { item_id: item.id, output_index, delta: item.arguments }));
      events.push(ev('response.function_call_arguments.done', { item_id: item.id, output_index, arguments: item.arguments }));
    } else {
      events.push(ev('response.output_item.added', { output_index, item: { ...item, summary: [] } }));
    }
    events.push(ev('response.output_item.done', { output_index, item }));
  });
  events.push(ev('response.completed', { response: { ...base, status: 'completed', output: outputItems, usage } }));
  sse(res, events);
}

const server = http.createServer((request, res) => {
  let body = '';
  request.on('data', c => { body += c; });
  request.on('end', () => {
    counter += 1;
    const url = request.url.split('?')[0];
    let json = null;
    try { json = body ? JSON.parse(body) : null; } catch { /* recorded as text below */ }
    const dialect = url.startsWith('/chat/') ? 'chat' : url.startsWith('/anthropic/') ? 'anthropic' : url.startsWith('/responses/') ? 'responses' : 'other';
    if (recordDir) {
      fs.mkdirSync(recordDir, { recursive: true });
      fs.writeFileSync(path.join(recordDir, `${String(counter).padStart(3, '0')}-${dialect}.json`),
        JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body: json ?? body }, null, 2));
    }
    if (request.method === 'GET' && url.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model' }] }));
      return;
    }
    if (request.method !== 'POST' || !json) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no such path ${url}`, type: 'invalid_request_error' } }));
      return;
    }
    if (url === '/chat/v1/chat/completions') return chat(json, res);
    if (url === '/anthropic/v1/messages') return anthropic(json, res);
    if (url === '/responses/v1/responses') return responses(json, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `no such path ${url}`, type: 'invalid_request_error' } }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
