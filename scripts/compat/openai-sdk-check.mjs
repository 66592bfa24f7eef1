#!/usr/bin/env node
// Drives the official `openai` npm SDK's responses.create (whole and streamed) through the
// gateway, one tool round trip per model: the first call must come back with a function
// call, the second (with the call's output) with text that quotes it. Prints PASS/FAIL per
// model and mode; exits 1 on any FAIL. Needs the `openai` package (NODE_PATH or a sibling
// node_modules). Usage: node openai-sdk-check.mjs BASE_URL TOKEN MODEL...
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.LLMGW_NODE_MODULES ?? process.cwd(), 'x.js'));
const { default: OpenAI } = await import(require.resolve('openai'));

const [baseURL, apiKey, ...models] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const tools = [{ type: 'function', name: 'read_file', description: 'Reads a file',
                 parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
               { type: 'web_search' }];
const secret = 'the secret word is pelican';

async function run(model, stream) {
  const first = { model, instructions: 'Use the tools.', input: [{ role: 'user', content: 'What does notes.txt say?' }], tools, store: false, stream };
  let response;
  if (stream) {
    const events = [];
    for await (const event of await client.responses.create(first)) events.push(event);
    const types = events.map(e => e.type);
    for (const needed of ['response.created', 'response.in_progress', 'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done', 'response.completed'])
      if (!types.includes(needed)) throw new Error(`stream lacks ${needed}: ${types.join(',')}`);
    events.forEach((e, i) => { if (e.sequence_number !== i) throw new Error(`sequence_number ${e.sequence_number} at ${i}`); });
    response = events.at(-1).response;
  } else {
    response = await client.responses.create(first);
  }
  const call = response.output.find(item => item.type === 'function_call');
  if (!call) throw new Error(`no function_call in ${JSON.stringify(response.output)}`);
  if (!response.usage || typeof response.usage.input_tokens !== 'number') throw new Error('no usage');
  const second = { ...first, input: [...first.input, ...response.output, { type: 'function_call_output', call_id: call.call_id, output: secret }] };
  let text;
  if (stream) {
    // The SDK's own accumulating helper must accept the stream as well.
    const runner = client.responses.stream({ ...second, stream: undefined });
    let deltas = '';
    runner.on('response.output_text.delta', e => { deltas += e.delta; });
    const final = await runner.finalResponse();
    text = final.output_text;
    if (deltas !== text) throw new Error(`deltas "${deltas}" differ from output_text "${text}"`);
  } else {
    text = (await client.responses.create(second)).output_text;
  }
  if (!text.includes(secret)) throw new Error(`answer "${text}" does not quote the tool output`);
}

let failed = false;
for (const model of models) {
  for (const stream of [false, true]) {
    const label = `openai-sdk responses.create ${stream ? 'stream' : 'whole '} ${model}`;
    try { await run(model, stream); console.log(`PASS ${label}`); }
    catch (e) { failed = true; console.log(`FAIL ${label}: ${e.message}`); }
  }
}
process.exit(failed ? 1 : 0);
