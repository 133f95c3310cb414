/**
 * The scripted OpenAI-compatible server the agent e2e tests point n8n's OpenAI Chat Model at
 * (test/e2e/harness/openaiScript.js): it answers each chat-completions or Responses API call with the next scripted
 * step, as JSON or as server-sent events when the body asks for a stream, records every request,
 * and answers an unscripted call with a fixed text it counts.
 */
import {
	quoteToolResults,
	startOpenAiScript,
	toolsOffered,
	UNSCRIPTED_TEXT,
	type OpenAiScript,
} from './openaiScript';

let server: OpenAiScript;

beforeAll(async () => {
	server = await startOpenAiScript();
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const post = (body: unknown) =>
	fetch(`${server.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
		body: JSON.stringify(body),
	});

/** A JSON answer, untyped: the tests read OpenAI's shapes field by field. */
const readJson = async (res: Response): Promise<any> => res.json();

const toolsBody = {
	model: 'gpt-scripted',
	messages: [{ role: 'user', content: 'send it' }],
	tools: [{ type: 'function', function: { name: 'Send', description: 'd', parameters: {} } }],
};

it('answers the scripted tool call, then quotes the tool result, and records both bodies', async () => {
	server.script([
		{ toolCalls: [{ name: 'Send', arguments: { phone: '+34600000001' } }] },
		quoteToolResults('Sent:'),
	]);
	const first = await readJson(await post(toolsBody));
	expect(first.choices[0].finish_reason).toBe('tool_calls');
	const call = first.choices[0].message.tool_calls[0];
	expect(call.function).toEqual({ name: 'Send', arguments: '{"phone":"+34600000001"}' });

	const second = await readJson(
		await post({
			...toolsBody,
			messages: [
				...toolsBody.messages,
				{ role: 'assistant', content: null, tool_calls: [call] },
				{ role: 'tool', tool_call_id: call.id, content: '{"message_id":7}' },
			],
		}),
	);
	expect(second.choices[0]).toMatchObject({
		finish_reason: 'stop',
		message: { role: 'assistant', content: 'Sent: {"message_id":7}' },
	});
	expect(server.completions().map((b) => b.tools[0].function.name)).toEqual(['Send', 'Send']);
	expect(server.requests()[0].headers.authorization).toBe('Bearer sk-test');
	expect(server.remaining()).toBe(0);
	expect(server.unscripted()).toBe(0);
});

it('streams a tool call as server-sent events when the body asks for a stream', async () => {
	server.script([{ toolCalls: [{ name: 'Send', arguments: { a: 1 } }] }]);
	const res = await post({ ...toolsBody, stream: true });
	expect(res.headers.get('content-type')).toBe('text/event-stream');
	const events = (await res.text()).split('\n\n').filter(Boolean);
	expect(events.at(-1)).toBe('data: [DONE]');
	const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')));
	expect(chunks[0].choices[0].delta.tool_calls[0]).toMatchObject({
		index: 0,
		function: { name: 'Send', arguments: '{"a":1}' },
	});
	expect(chunks[1].choices[0].finish_reason).toBe('tool_calls');
});

it('answers an unscripted call with a final text and counts it; serves the model list', async () => {
	const body = await readJson(await post(toolsBody));
	expect(body.choices[0].message.content).toBe(UNSCRIPTED_TEXT);
	expect(server.unscripted()).toBe(1);
	const models = await readJson(await fetch(`${server.baseUrl}/models`));
	expect(models.data.map((m: { id: string }) => m.id)).toEqual([server.model]);
});

it('refuses a body without messages and a route it does not serve', async () => {
	expect((await post({ model: 'x' })).status).toBe(400);
	expect((await fetch(`${server.baseUrl}/embeddings`, { method: 'POST' })).status).toBe(404);
});

it('answers the Responses API too: a function_call item, then text quoting the function_call_output', async () => {
	server.script([
		{ toolCalls: [{ name: 'Send', arguments: { phone: '+34600000002' } }] },
		quoteToolResults('Sent:'),
	]);
	const call = (body: unknown) =>
		fetch(`${server.baseUrl}/responses`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		}).then(readJson);
	const tools = [
		{ type: 'function', name: 'Send', description: 'd', parameters: { type: 'object' } },
	];
	const input = [{ role: 'user', content: 'send it' }];
	const first = await call({ model: 'm', input, tools });
	expect(first.output).toEqual([
		expect.objectContaining({
			type: 'function_call',
			name: 'Send',
			arguments: '{"phone":"+34600000002"}',
		}),
	]);
	const second = await call({
		model: 'm',
		tools,
		input: [
			...input,
			first.output[0],
			{
				type: 'function_call_output',
				call_id: first.output[0].call_id,
				output: '{"message_id":8}',
			},
		],
	});
	expect(second.output[0].content[0].text).toBe('Sent: {"message_id":8}');
	expect(server.completions().map((b) => toolsOffered(b)[0])).toEqual([
		{ name: 'Send', description: 'd', parameters: { type: 'object' } },
		{ name: 'Send', description: 'd', parameters: { type: 'object' } },
	]);
	const streamed = await fetch(`${server.baseUrl}/responses`, {
		method: 'POST',
		body: JSON.stringify({ model: 'm', input, stream: true }),
	});
	expect(streamed.status).toBe(400);
});
