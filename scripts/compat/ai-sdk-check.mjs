#!/usr/bin/env node
// Drives the Vercel AI SDK's default OpenAI model (`openai(model)`, which speaks the Responses
// API) through the gateway: generateText and streamText with one tool, as its documentation
// shows, with store off as the gateway's README says. Prints PASS/FAIL per model and mode;
// exits 1 on any FAIL. Needs `ai`, `@ai-sdk/openai` and `zod` (LLMGW_NODE_MODULES).
// Usage: node ai-sdk-check.mjs BASE_URL TOKEN MODEL...
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.LLMGW_NODE_MODULES ?? process.cwd(), 'x.js'));
const { generateText, streamText, tool, stepCountIs } = await import(require.resolve('ai'));
const { createOpenAI } = await import(require.resolve('@ai-sdk/openai'));
const { z } = await import(require.resolve('zod'));
globalThis.AI_SDK_LOG_WARNINGS = false;

const [baseURL, apiKey, ...models] = process.argv.slice(2);
const openai = createOpenAI({ baseURL, apiKey });
const secret = 'the secret word is pelican';
const tools = {
  read_file: tool({ description: 'Reads a file', inputSchema: z.object({ path: z.string() }),
                    execute: async () => `first line\n${secret}` }),
};

let failed = false;
for (const model of models) {
  for (const mode of ['generateText', 'streamText']) {
    const label = `ai-sdk ${mode} ${model}`;
    try {
      const options = { model: openai(model), prompt: 'What does notes.txt say?', tools,
                        stopWhen: stepCountIs(3), providerOptions: { openai: { store: false } } };
      let text;
      if (mode === 'generateText') {
        text = (await generateText(options)).text;
      } else {
        let streamError;
        const result = streamText({ ...options, onError: ({ error }) => { streamError = error; } });
        text = await result.text;
        if (streamError) throw streamError;
      }
      if (!text.includes(secret)) throw new Error(`answer "${text}" does not quote the tool output`);
      console.log(`PASS ${label}`);
    } catch (e) {
      failed = true;
      console.log(`FAIL ${label}: ${e.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
