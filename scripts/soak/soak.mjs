#!/usr/bin/env node
// The soak run behind scripts/soak.sh (not part of CI): one gateway binary, a fake
// OpenAI-compatible upstream in this process, and N mixed requests from keep-alive clients:
// whole answers and streams on all three client APIs (Chat Completions passed through,
// Messages and Responses translated), upstream errors (429 with Retry-After, 500, a stream
// that breaks off), and clients that leave mid-stream or before the answer. It samples the
// gateway's resident memory and open descriptors from /proc as it goes.
//
// Pass/fail: every request got the answer its kind expects; RSS at the end is within 10% of
// RSS after the first 10% of the requests; the descriptors at the end (clients gone, upstream
// connections closed) are no more than at the start.
//
// Usage: node soak.mjs --gateway BIN [--requests N] [--concurrency C] [--samples K]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const gatewayBin = args.gateway;
const total = Number(args.requests ?? 100000);
const concurrency = Number(args.concurrency ?? 32);
const samples = Number(args.samples ?? 20);
const token = 'soak-token-0123456789abcdef';
if (!gatewayBin) {
  console.error('usage: soak.mjs --gateway BIN [--requests N] [--concurrency C]');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// The fake upstream: Chat Completions, whole or streamed; the model name says how to answer.

const upstreamSockets = new Set();
function chunk(id, delta, finish = null) {
  return `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1767225600, model: 'soak-model',
    choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

const upstream = http.createServer({ keepAlive: true }, (req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', d => { body += d; });
  req.on('end', () => {
    let request = {};
    try { request = JSON.parse(body); } catch { /* answered below */ }
    const model = String(request.model ?? '');
    const id = `chatcmpl-${Math.random().toString(36).slice(2, 10)}`;
    if (model.includes('ratelimit')) {
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '3' });
      res.end(JSON.stringify({ error: { message: 'Rate limit reached, retry in 3s', type: 'rate_limit_error', code: 'rate_limit_exceeded' } }));
      return;
    }
    if (model.includes('failure')) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'The server had an error', type: 'server_error' } }));
      return;
    }
    if (!request.stream) {
      const answer = JSON.stringify({ id, object: 'chat.completion', created: 1767225600, model: 'soak-model',
        choices: [{ index: 0, message: { role: 'assistant', content: 'All is well. '.repeat(8) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 12, completion_tokens: 24, total_tokens: 36 } });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
      res.end(answer);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    const pieces = model.includes('slow') ? 40 : 12;
    const pause = model.includes('slow') ? 5 : 0;
    let i = 0;
    const next = () => {
      if (res.destroyed) return;
      if (model.includes('broken') && i === 4) {
        res.socket?.destroy(); // breaks off mid-stream
        return;
      }
      if (i < pieces) {
        res.write(chunk(id, i === 0 ? { role: 'assistant', content: '' } : { content: `token ${i} ` }));
        i += 1;
        if (pause) setTimeout(next, pause); else setImmediate(next);
        return;
      }
      res.write(chunk(id, {}, 'stop'));
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1767225600, model: 'soak-model', choices: [],
        usage: { prompt_tokens: 12, completion_tokens: pieces, total_tokens: 12 + pieces } })}\n\n`);
      res.end('data: [DONE]\n\n');
    };
    next();
  });
});
upstream.on('connection', s => { upstreamSockets.add(s); s.on('close', () => upstreamSockets.delete(s)); });
await new Promise(resolve => upstream.listen(0, '127.0.0.1', resolve));
const upstreamPort = upstream.address().port;

// ---------------------------------------------------------------------------------------------
// The gateway, as a user runs it.

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'llmgw-soak-'));
for (const dir of ['config', 'data', 'run']) fs.mkdirSync(path.join(home, dir), { recursive: true, mode: 0o700 });
fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({
  version: 1,
  providers: [{ id: 'soakup', type: 'openai', baseUrl: `http://127.0.0.1:${upstreamPort}/v1` }],
  routes: [{ prefix: 'soak-', provider: 'soakup' }],
}));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
  !k.endsWith('_API_KEY') && !k.endsWith('_API_BASE') && !k.startsWith('LLM_GATEWAY')));
Object.assign(env, { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'),
  XDG_RUNTIME_DIR: path.join(home, 'run'), LLM_GATEWAY_TOKEN: token, SOAKUP_API_KEY: 'sk-soak-upstream-key-000' });
const gateway = spawn(gatewayBin, ['--headless', '--port', '0', '--config', path.join(home, 'config.json')],
  { env, stdio: ['ignore', 'ignore', 'pipe'] });
let gatewayLog = '';
const gatewayPort = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`the gateway did not start:\n${gatewayLog}`)), 30000);
  gateway.stderr.setEncoding('utf8');
  gateway.stderr.on('data', d => {
    gatewayLog = (gatewayLog + d).slice(-20000);
    const m = gatewayLog.match(/serving on http:\/\/127\.0\.0\.1:(\d+)/);
    if (m) { clearTimeout(timer); resolve(Number(m[1])); }
  });
  gateway.on('exit', code => reject(new Error(`the gateway exited (${code}):\n${gatewayLog}`)));
});
const pid = gateway.pid;

function rssKb() {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m);
  return m ? Number(m[1]) : -1;
}
function fdCount() {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

// ---------------------------------------------------------------------------------------------
// The mix. Each kind says what it sends and what a correct answer is.

const chatBody = (model, stream) => JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'Say something.' }] });
const kinds = [
  { name: 'chat json', weight: 20, path: '/v1/chat/completions', body: () => chatBody('soak-json', false), status: 200, expect: b => b.includes('"chat.completion"') },
  { name: 'chat stream', weight: 20, path: '/v1/chat/completions', body: () => chatBody('soak-stream', true), status: 200, expect: b => b.endsWith('data: [DONE]\n\n') },
  { name: 'messages stream', weight: 10, path: '/v1/messages', body: () => JSON.stringify({ model: 'soak-stream', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'Hi' }] }), status: 200, expect: b => b.includes('event: message_stop') },
  { name: 'messages json', weight: 5, path: '/v1/messages', body: () => JSON.stringify({ model: 'soak-json', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }), status: 200, expect: b => b.includes('"type":"message"') },
  { name: 'responses stream', weight: 10, path: '/v1/responses', body: () => JSON.stringify({ model: 'soak-stream', stream: true, input: 'Hi' }), status: 200, expect: b => b.includes('event: response.completed') },
  { name: 'upstream 429', weight: 5, path: '/v1/chat/completions', body: () => chatBody('soak-ratelimit', false), status: 429, expect: b => b.includes('Rate limit') },
  { name: 'upstream 500', weight: 5, path: '/v1/chat/completions', body: () => chatBody('soak-failure', true), status: 502, expect: b => b.includes('"error"') },
  { name: 'stream breaks off', weight: 5, path: '/v1/chat/completions', body: () => chatBody('soak-broken', true), status: 200, expect: b => b.includes('"error"') && !b.includes('[DONE]') },
  { name: 'client leaves mid-stream', weight: 8, path: '/v1/chat/completions', body: () => chatBody('soak-slow', true), abort: 'first-chunk' },
  { name: 'client leaves before the answer', weight: 4, path: '/v1/chat/completions', body: () => chatBody('soak-slow', true), abort: 'after-send' },
  { name: 'bad request', weight: 3, path: '/v1/chat/completions', body: () => '{"model": "soak-json", "messages": 5}', status: 400, expect: b => b.includes('messages') },
  { name: 'health', weight: 5, path: '/health', method: 'GET', status: 200, expect: b => b.includes('ok') },
];
const schedule = kinds.flatMap((k, i) => Array(k.weight).fill(i));

let agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const counts = new Map(kinds.map(k => [k.name, 0]));
const failures = [];
let started = 0;
let finished = 0;

function one(kind) {
  return new Promise(resolve => {
    const body = kind.body ? kind.body() : undefined;
    const req = http.request({ host: '127.0.0.1', port: gatewayPort, path: kind.path, method: kind.method ?? 'POST', agent,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}) } });
    let settled = false;
    const done = failure => {
      if (settled) return;
      settled = true;
      if (failure && failures.length < 20) failures.push(`${kind.name}: ${failure}`);
      else if (failure) failures.push(null);
      resolve();
    };
    req.on('error', e => done(kind.abort ? null : e.message));
    req.on('response', res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', d => {
        text += d;
        if (kind.abort === 'first-chunk') { req.destroy(); done(null); }
      });
      res.on('error', e => done(kind.abort ? null : e.message));
      res.on('end', () => {
        if (kind.abort) return done(null);
        if (res.statusCode !== kind.status) return done(`status ${res.statusCode}, wanted ${kind.status}: ${text.slice(0, 300)}`);
        if (!kind.expect(text)) return done(`unexpected body: ${text.slice(-300)}`);
        done(null);
      });
    });
    if (kind.abort === 'after-send') {
      req.end(body, () => setTimeout(() => { req.destroy(); done(null); }, 1));
    } else {
      req.end(body);
    }
  });
}

const curve = [];
const sampleEvery = Math.max(1, Math.floor(total / samples));
const baselineAt = Math.max(1, Math.floor(total / 10));
let baselineRss = -1;
// One request first: the request log opens its database and WAL files with the first record
// and keeps them open by design; they are not a leak.
await one(kinds.find(k => k.name === 'chat json'));
await new Promise(r => setTimeout(r, 1000));
const fdStart = fdCount();
const rssStart = rssKb();
let fdPeak = fdStart;
const t0 = Date.now();

async function worker() {
  while (started < total) {
    const n = started++;
    const kind = kinds[schedule[(n * 7919) % schedule.length]];
    await one(kind);
    counts.set(kind.name, counts.get(kind.name) + 1);
    finished += 1;
    if (finished % sampleEvery === 0 || finished === baselineAt) {
      const rss = rssKb();
      fdPeak = Math.max(fdPeak, fdCount());
      if (finished === baselineAt) baselineRss = rss;
      if (finished % sampleEvery === 0) {
        curve.push([finished, rss]);
        process.stderr.write(`  ${String(finished).padStart(7)} requests  RSS ${(rss / 1024).toFixed(1)} MB  ` +
          `${Math.round(finished / ((Date.now() - t0) / 1000))} req/s\n`);
      }
    }
  }
}

console.log(`soak: ${total} requests, ${concurrency} at a time, gateway pid ${pid} on port ${gatewayPort}`);
console.log(`soak: at start RSS ${(rssStart / 1024).toFixed(1)} MB, ${fdStart} open descriptors`);
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (Date.now() - t0) / 1000;
const rssEnd = rssKb();

// The clients leave and the upstream closes its keep-alive connections: the gateway must be
// back to the descriptors it started with.
agent.destroy();
for (const s of upstreamSockets) s.destroy();
let fdEnd = fdCount();
for (let i = 0; i < 100 && fdEnd > fdStart; i += 1) {
  await new Promise(r => setTimeout(r, 100));
  fdEnd = fdCount();
}
await new Promise(r => setTimeout(r, 10000));
const rssRested = rssKb();

gateway.kill('SIGTERM');
const exitCode = await new Promise(resolve => gateway.on('exit', code => resolve(code)));
upstream.close();
fs.rmSync(home, { recursive: true, force: true });

const mb = kb => (kb / 1024).toFixed(1);
const failed = failures.length;
console.log(`soak: ${finished} requests in ${seconds.toFixed(0)} s (${Math.round(finished / seconds)} req/s), ${failed} failed`);
for (const [name, n] of counts) console.log(`  ${name.padEnd(32)} ${n}`);
for (const f of failures.filter(Boolean)) console.log(`  FAILED ${f}`);
const drift = (rssEnd - baselineRss) / baselineRss;
console.log(`soak: RSS after ${baselineAt} requests ${mb(baselineRss)} MB, at the end ${mb(rssEnd)} MB ` +
  `(${(drift * 100).toFixed(1)}%), 10 s later ${mb(rssRested)} MB`);
console.log(`soak: open descriptors at start ${fdStart}, peak ${fdPeak}, at the end ${fdEnd}`);
console.log(`soak: gateway exit code ${exitCode}`);
console.log('soak: RSS curve (requests -> MB)');
const max = Math.max(...curve.map(([, r]) => r));
for (const [n, r] of curve) console.log(`  ${String(n).padStart(7)}  ${mb(r).padStart(6)}  ${'#'.repeat(Math.round((r / max) * 50))}`);

const ok = failed === 0 && drift <= 0.10 && fdEnd <= fdStart && exitCode === 0;
console.log(ok ? 'soak: PASS' : 'soak: FAIL');
process.exit(ok ? 0 : 1);
