// @ts-check
'use strict';
/**
 * A scripted OpenAI-compatible model server, so that a real n8n AI Agent can run with the
 * Intellixent tool and no network: n8n's OpenAI Chat Model node (its `openAiApi` credential's
 * Base URL pointed here) calls POST /v1/chat/completions, and this server answers each call with
 * the next step of the test's script instead of a model's guess. Deterministic: the same script
 * gives the same answers, whatever the request says.
 *
 * Why a script and not a fake model: the point of the agent tests is what n8n sends the model
 * (tool names, descriptions, parameter schemas) and what n8n does with the model's choice (the
 * send the emulator records). A script makes the model's choice the test's choice.
 *
 * Served: POST /v1/chat/completions, answered as JSON or, when the body asks for `stream: true`,
 * as server-sent events in OpenAI's chunk format (LangChain's ChatOpenAI streams when n8n asks
 * it to); POST /v1/responses, the Responses API, which the OpenAI Chat Model node uses from its
 * version 1.3 on unless "Use Responses API" is switched off (JSON only: a streamed Responses call
 * is refused with 400, so that a test that needs it sees why); GET /v1/models (what the
 * credential test and the model list call). Every request is
 * recorded (method, path, headers, parsed body), so that a test can assert on what the model
 * was given and search it for secrets. Bodies are capped (MAX_BODY_BYTES); an unscripted call is
 * answered with a fixed text and counted, so that a test sees it instead of hanging.
 * Part of the e2e harness (test/e2e/harness/index.js); unit test beside it (openaiScript.test.ts).
 */
const http = require('node:http');

const { HOST } = require('../../../tools/process');

/** A request body larger than this is refused with 413 (a run sends a few kilobytes). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** What an unscripted call gets: a final answer, so the agent stops instead of looping. */
const UNSCRIPTED_TEXT = 'unscripted call: the test script has no step left';
const MODEL_ID = 'gpt-scripted';

/**
 * @typedef {{ name: string, arguments: Record<string, unknown> }} ScriptedToolCall
 * @typedef {{ toolCalls: ScriptedToolCall[] } | { text: string }} ScriptedReply
 * @typedef {ScriptedReply | ((body: any) => ScriptedReply)} ScriptStep
 *   a reply, or a function of the request body (e.g. quoting the last tool result)
 * @typedef {{ method: string, path: string, headers: Record<string, string | string[] | undefined>, body: any, raw: string }} RecordedRequest
 * @typedef {{ role: string, content: string, tool_call_id?: string }} ToolMessage
 */

/**
 * The tool messages the model is answering now: those after the last assistant message.
 * @param {any} body a chat-completions request body
 * @returns {ToolMessage[]}
 */
function latestToolResults(body) {
	if (body && Array.isArray(body.input)) return latestFunctionOutputs(body.input);
	const messages = Array.isArray(body && body.messages) ? body.messages : [];
	/** @type {ToolMessage[]} */
	const results = [];
	for (let i = messages.length - 1; i >= 0 && messages[i].role !== 'assistant'; i--) {
		if (messages[i].role === 'tool') results.unshift(messages[i]);
	}
	return results.map((m) => ({ ...m, content: contentText(m.content) }));
}

/**
 * The same for a Responses API input: the function_call_output items at its end (LangChain sends
 * the model's function_call items, then one output per call).
 * @param {any[]} input
 * @returns {ToolMessage[]}
 */
function latestFunctionOutputs(input) {
	/** @type {ToolMessage[]} */
	const results = [];
	for (let i = input.length - 1; i >= 0; i--) {
		const item = input[i] || {};
		if (item.type === 'function_call_output') {
			results.unshift({
				role: 'tool',
				content: contentText(item.output),
				tool_call_id: item.call_id,
			});
		} else break;
	}
	return results;
}

/**
 * A message's content as text (OpenAI allows a string or an array of text parts).
 * @param {unknown} content
 * @returns {string}
 */
function contentText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part) => (part && typeof part.text === 'string' ? part.text : '')).join('');
	return content == null ? '' : JSON.stringify(content);
}

/**
 * The tools a model call offered, in either API's shape (chat completions nest them under
 * `function`, the Responses API does not).
 * @param {any} body
 * @returns {Array<{ name: string, description: string, parameters: any }>}
 */
function toolsOffered(body) {
	const tools = Array.isArray(body && body.tools) ? body.tools : [];
	return tools.map((/** @type {any} */ tool) => {
		const fn = tool.function || tool;
		return { name: fn.name, description: fn.description, parameters: fn.parameters };
	});
}

/**
 * A step that answers with text quoting every tool result the model just got.
 * @param {string} prefix
 * @returns {ScriptStep}
 */
function quoteToolResults(prefix) {
	return (body) => ({
		text: `${prefix} ${latestToolResults(body)
			.map((m) => m.content)
			.join(' | ')}`,
	});
}

/**
 * @param {ScriptedReply} reply
 * @param {number} n the call's number, for stable ids
 */
function completionMessage(reply, n) {
	if ('text' in reply)
		return { message: { role: 'assistant', content: reply.text }, finish: 'stop' };
	return {
		message: {
			role: 'assistant',
			content: null,
			tool_calls: reply.toolCalls.map((call, i) => ({
				id: `call_${n}_${i}`,
				type: 'function',
				function: { name: call.name, arguments: JSON.stringify(call.arguments) },
			})),
		},
		finish: 'tool_calls',
	};
}

/**
 * A Responses API answer: one function_call item per tool call, or one assistant message.
 * @param {ScriptedReply} reply
 * @param {number} n the call's number, for stable ids
 */
function responsesAnswer(reply, n) {
	const output =
		'text' in reply
			? [
					{
						type: 'message',
						id: `msg_${n}`,
						role: 'assistant',
						status: 'completed',
						content: [{ type: 'output_text', text: reply.text, annotations: [] }],
					},
				]
			: reply.toolCalls.map((call, i) => ({
					type: 'function_call',
					id: `fc_${n}_${i}`,
					call_id: `call_${n}_${i}`,
					name: call.name,
					arguments: JSON.stringify(call.arguments),
					status: 'completed',
				}));
	return {
		id: `resp_scripted_${n}`,
		object: 'response',
		created_at: 1764700000 + n,
		status: 'completed',
		model: MODEL_ID,
		output,
		usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
	};
}

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

/**
 * The same answer as server-sent events: one chunk with the role and the content or the tool
 * calls (whole, as OpenAI's last delta may be), one with the finish reason, one with the usage,
 * then [DONE].
 * @param {ReturnType<typeof completionMessage>} answer
 * @param {string} id
 * @param {number} created
 */
function sseChunks(answer, id, created) {
	const base = { id, object: 'chat.completion.chunk', created, model: MODEL_ID };
	const { message } = answer;
	const delta = message.tool_calls
		? {
				role: 'assistant',
				content: null,
				tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
			}
		: { role: 'assistant', content: message.content };
	const chunks = [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: answer.finish }] },
		{ ...base, choices: [], usage },
	];
	return chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
}

/**
 * Start the server on 127.0.0.1 (port 0: a free one).
 * @param {{ port?: number }} [options]
 */
async function startOpenAiScript({ port = 0 } = {}) {
	/** @type {RecordedRequest[]} */
	const recorded = [];
	/** @type {ScriptStep[]} */
	let steps = [];
	let unscripted = 0;
	let calls = 0;

	/**
	 * @param {any} body
	 * @returns {ScriptedReply}
	 */
	function nextReply(body) {
		const step = steps.shift();
		if (!step) {
			unscripted++;
			return { text: UNSCRIPTED_TEXT };
		}
		return typeof step === 'function' ? step(body) : step;
	}

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {string} raw
	 */
	function answer(req, res, raw) {
		const path = (req.url || '').split('?')[0];
		/** @type {any} */
		let body;
		try {
			body = raw ? JSON.parse(raw) : undefined;
		} catch {
			body = undefined;
		}
		recorded.push({ method: req.method || '', path, headers: { ...req.headers }, body, raw });
		const json = (/** @type {number} */ status, /** @type {unknown} */ value) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(value));
		};
		if (req.method === 'GET' && /^(\/v1)?\/models$/.test(path)) {
			return json(200, {
				object: 'list',
				data: [{ id: MODEL_ID, object: 'model', created: 0, owned_by: 'intellixent-tests' }],
			});
		}
		if (req.method === 'POST' && /^(\/v1)?\/chat\/completions$/.test(path)) {
			if (!body || !Array.isArray(body.messages))
				return json(400, {
					error: { message: 'messages is required', type: 'invalid_request_error' },
				});
			const n = ++calls;
			const reply = completionMessage(nextReply(body), n);
			const id = `chatcmpl-scripted-${n}`;
			const created = 1764700000 + n;
			if (body.stream === true) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				return res.end(sseChunks(reply, id, created));
			}
			return json(200, {
				id,
				object: 'chat.completion',
				created,
				model: MODEL_ID,
				choices: [
					{ index: 0, message: reply.message, finish_reason: reply.finish, logprobs: null },
				],
				usage,
			});
		}
		if (req.method === 'POST' && /^(\/v1)?\/responses$/.test(path)) {
			if (!body || body.input === undefined)
				return json(400, {
					error: { message: 'input is required', type: 'invalid_request_error' },
				});
			if (body.stream === true)
				return json(400, {
					error: {
						message: 'a streamed Responses call is not scripted',
						type: 'invalid_request_error',
					},
				});
			return json(200, responsesAnswer(nextReply(body), ++calls));
		}
		return json(404, {
			error: { message: `not served: ${req.method} ${path}`, type: 'not_found' },
		});
	}

	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const parts = [];
		let size = 0;
		let refused = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES && !refused) {
				refused = true;
				res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
				res.end(JSON.stringify({ error: { message: `body over ${MAX_BODY_BYTES} bytes` } }));
				req.destroy();
			}
			if (!refused) parts.push(chunk);
		});
		req.on('end', () => {
			if (!refused) answer(req, res, Buffer.concat(parts).toString('utf8'));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, HOST, () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const origin = `http://${HOST}:${address.port}`;

	return {
		/** What the `openAiApi` credential's Base URL must be. */
		baseUrl: `${origin}/v1`,
		model: MODEL_ID,
		/**
		 * Replace the script: each chat-completions call takes the next step.
		 * @param {ScriptStep[]} next
		 */
		script(next) {
			steps = [...next];
		},
		/** Steps not used yet. */
		remaining: () => steps.length,
		/** Calls answered after the script ran out. */
		unscripted: () => unscripted,
		/** Every request since the last reset, oldest first. */
		requests: () => recorded.slice(),
		/** The bodies of the model calls (chat completions or responses) since the last reset, oldest first. */
		completions: () =>
			recorded
				.filter((r) => r.method === 'POST' && /(chat\/completions|responses)$/.test(r.path))
				.map((r) => r.body),
		reset() {
			recorded.length = 0;
			steps = [];
			unscripted = 0;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve(undefined));
			}),
	};
}

/** @typedef {Awaited<ReturnType<typeof startOpenAiScript>>} OpenAiScript */

module.exports = {
	startOpenAiScript,
	latestToolResults,
	quoteToolResults,
	toolsOffered,
	UNSCRIPTED_TEXT,
};
