/**
 * The trigger's `webhook()` as n8n calls it for each delivery: accepted, token, refused, channel
 * filter, duplicates, one item per message. Longer than ~500 lines on purpose: every describe
 * drives the same real handler through the same context builder and registration fixtures below,
 * and the refusal table is the contract of the status codes the README documents.
 */
import { createHash } from 'crypto';

import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';

import { deliveryToken, tokenDigest } from '../../../../nodes/IntellixentTrigger/deliveryToken';
import {
	DUPLICATE_WINDOW,
	forgetDuplicatesInMemory,
} from '../../../../nodes/IntellixentTrigger/duplicates';
import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import { UNTRUSTED_PREFIX_LENGTH } from '../../../../nodes/IntellixentTrigger/refusedBody';
import { forgetRejectionWindows } from '../../../../nodes/IntellixentTrigger/rejectionLimit';
import type { WebhookContextOptions, WebhookTestContext } from '../../../helpers/fakeContext';
import {
	runWebhook,
	TEST_API_KEY,
	TEST_ASSISTANT_ID,
	TEST_WEBHOOK_ID,
	webhookContext,
} from '../../../helpers/fakeContext';

import type { JsonObject } from './samples';
import { emptyTranscript, whatsapp, widget } from './samples';

const OTHER_ASSISTANT_ID = '0a0b0c0d-1111-4222-8333-444455556666';

beforeEach(() => {
	forgetDuplicatesInMemory();
	forgetRejectionWindows();
});

function outputs(result: IWebhookResponseData): {
	accepted: INodeExecutionData[];
	rejected: INodeExecutionData[];
} {
	expect(result.workflowData).toBeDefined();
	const data = result.workflowData as INodeExecutionData[][];
	expect(data).toHaveLength(2);
	return { accepted: data[0], rejected: data[1] };
}

function expectNoResponseWritten(ctx: WebhookTestContext) {
	expect(ctx.sent.statusCodes).toEqual([]);
	expect(ctx.sent.jsonBodies).toEqual([]);
	expect(ctx.sent.otherWrites).toEqual([]);
}

function expectRefused(ctx: WebhookTestContext, status: number, error: string) {
	expect(ctx.sent.statusCodes).toEqual([status]);
	expect(ctx.sent.jsonBodies).toHaveLength(1);
	const body = ctx.sent.jsonBodies[0] as IDataObject;
	expect(body.error).toBe(error);
	expect(typeof body.message).toBe('string');
	expect(body.message).not.toBe('');
	expect(body.message).not.toContain('undefined');
	expect(ctx.mockLogger.warn).toHaveBeenCalledTimes(1);
	expect(ctx.mockLogger.warn.mock.calls[0][0]).toContain(`${status} (${error})`);
	return body;
}

async function deliverTwice(first: WebhookContextOptions, second: WebhookContextOptions = first) {
	const a = await runWebhook(first);
	const b = await runWebhook(second);
	return [a, b];
}

describe('webhook(): accepted deliveries', () => {
	it('starts one execution with the conversation on output 0 and answers with a JSON receipt', async () => {
		const { ctx, result } = await runWebhook({ body: widget() });
		const { accepted, rejected } = outputs(result);
		expect(accepted).toEqual([
			{
				json: {
					...widget(),
					duration_seconds: 1800,
					user_message_count: 1,
					assistant_message_count: 1,
				},
			},
		]);
		expect(rejected).toEqual([]);
		// n8n sends this as the HTTP answer (the description's responseData is '').
		expect(result.webhookResponse).toEqual({
			received: true,
			processed: true,
			conversation_id: widget().conversation_id,
		});
		expect(result.noWebhookResponse).toBeUndefined();
		expectNoResponseWritten(ctx);
		expect(ctx.mockLogger.warn).not.toHaveBeenCalled();
		expect(ctx.mockLogger.error).not.toHaveBeenCalled();
	});

	it.each([
		['flatRow', 1],
		['messages', 2],
		['conversation', 1],
	])('emits the %s shape (%i items)', async (outputShape, count) => {
		const { ctx, result } = await runWebhook({ body: widget(), parameters: { outputShape } });
		const { accepted, rejected } = outputs(result);
		expect(accepted).toHaveLength(count);
		for (const item of accepted) expect(item.json.conversation_id).toBe(widget().conversation_id);
		expect(rejected).toEqual([]);
		expectNoResponseWritten(ctx);
	});

	it('accepts a delivery without token when token verification is off, without reading the credential', async () => {
		const { ctx, result } = await runWebhook({
			body: widget(),
			query: {},
			parameters: { options: { verifyDeliveryToken: false } },
		});
		expect(outputs(result).accepted).toHaveLength(1);
		expectNoResponseWritten(ctx);
		expect(ctx.getCredentials).not.toHaveBeenCalled();
	});

	it('compares the assistant UUID case-insensitively', async () => {
		const upper = await runWebhook({
			body: widget(),
			parameters: { assistant: { __rl: true, mode: 'id', value: TEST_ASSISTANT_ID.toUpperCase() } },
		});
		expect(outputs(upper.result).accepted).toHaveLength(1);
		const lowerPayload = await runWebhook({
			body: { ...widget(), assistant_id: TEST_ASSISTANT_ID.toUpperCase() },
		});
		expect(outputs(lowerPayload.result).accepted).toHaveLength(1);
	});

	it('parses the raw body when n8n did not (other content type)', async () => {
		const { ctx, result } = await runWebhook({
			body: {},
			rawBody: JSON.stringify(whatsapp()),
			headers: { 'content-type': 'text/plain' },
		});
		expect(outputs(result).accepted[0].json.conversation_id).toBe(whatsapp().conversation_id);
		expectNoResponseWritten(ctx);
	});

	it.each(['json', 'binary', 'pairedItem'])(
		'keeps a payload field named %s inside the item (never mistaken for item wrapping)',
		async (field) => {
			for (const outputShape of ['conversation', 'flatRow', 'messages']) {
				const body = { ...widget(), [field]: 'sent by Intellixent' };
				body.transcript = [{ role: 'user', content: 'hi', [field]: 'in the message' }];
				const { result } = await runWebhook({ body, parameters: { outputShape } });
				const [item] = outputs(result).accepted;
				expect(Object.keys(item)).toEqual(['json']);
				expect(item.json.conversation_id).toBe(body.conversation_id);
				expect(item.json[field]).toEqual(
					outputShape === 'messages' ? 'in the message' : 'sent by Intellixent',
				);
			}
		},
	);
});

describe('webhook(): the token is checked against the registration, without the credential', () => {
	const token = (apiKey: string, assistantId = TEST_ASSISTANT_ID) =>
		deliveryToken(apiKey, { webhookId: TEST_WEBHOOK_ID, assistantId });
	const registered = (apiKey: string, assistantId = TEST_ASSISTANT_ID): IDataObject => ({
		registration: {
			assistantId,
			webhookUrl: 'https://n8n.example.com/webhook/x/webhook',
			test: false,
			registeredAt: '2026-11-27T10:00:00.000Z',
			tokenDigest: tokenDigest(token(apiKey, assistantId)),
		},
	});

	it('accepts the registered token without loading the credential', async () => {
		const { ctx, result } = await runWebhook({
			body: widget(),
			staticData: registered(TEST_API_KEY),
		});
		expect(outputs(result).accepted).toHaveLength(1);
		expect(ctx.getCredentials).not.toHaveBeenCalled();
	});

	it('refuses another token (401) without loading the credential', async () => {
		const { ctx } = await runWebhook({
			body: widget(),
			staticData: registered(TEST_API_KEY),
			query: { token: 'forged' },
		});
		expectRefused(ctx, 401, 'invalid_token');
		expect(ctx.getCredentials).not.toHaveBeenCalled();
	});

	it('after an API key change, the registered token counts until the workflow is published again', async () => {
		const staticData = registered('the-old-key');
		const old = await runWebhook({
			body: widget(),
			staticData,
			query: { token: token('the-old-key') },
		});
		expect(outputs(old.result).accepted).toHaveLength(1);
		const fresh = await runWebhook({
			body: widget(),
			staticData,
			query: { token: token(TEST_API_KEY) },
		});
		expectRefused(fresh.ctx, 401, 'invalid_token');
	});

	it('a damaged digest in static data refuses (401), it does not throw', async () => {
		const staticData = registered(TEST_API_KEY);
		(staticData.registration as IDataObject).tokenDigest = 'short';
		const { ctx } = await runWebhook({ body: widget(), staticData });
		expectRefused(ctx, 401, 'invalid_token');
	});

	it('derives the token from the credential when the registration is for another assistant', async () => {
		const { ctx, result } = await runWebhook({
			body: widget(),
			staticData: registered(TEST_API_KEY, OTHER_ASSISTANT_ID),
		});
		expect(outputs(result).accepted).toHaveLength(1);
		expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
	});

	it('derives the token from the credential for a registration without a digest (made by 0.1.0)', async () => {
		const staticData = registered(TEST_API_KEY);
		delete (staticData.registration as IDataObject).tokenDigest;
		const { ctx, result } = await runWebhook({ body: widget(), staticData });
		expect(outputs(result).accepted).toHaveLength(1);
		expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
	});
});

describe('webhook(): refused deliveries', () => {
	it('answers 401 invalid_token when the token is missing', async () => {
		const { ctx, result } = await runWebhook({ body: widget(), query: {} });
		const answer = expectRefused(ctx, 401, 'invalid_token');
		expect(answer.message).toMatch(/no token/);
		const { accepted, rejected } = outputs(result);
		expect(accepted).toEqual([]);
		expect(rejected).toHaveLength(1);
		expect(rejected[0].json).toMatchObject({
			reason: 'invalid_token',
			status_code: 401,
			authenticated: false,
		});
	});

	it.each<[string, IDataObject]>([
		['a wrong token', { token: 'wrong' }],
		['an empty token', { token: '' }],
		['a repeated token parameter', { token: ['a', 'b'] }],
		['a bracketed token parameter (token[x]=…)', { token: { x: 'y' } }],
		['a token parsed as an object with a length', { token: { length: '0' } }],
		[
			'the token of another assistant',
			{
				token: deliveryToken(TEST_API_KEY, {
					webhookId: TEST_WEBHOOK_ID,
					assistantId: OTHER_ASSISTANT_ID,
				}),
			},
		],
		[
			'the token of another trigger node',
			{
				token: deliveryToken(TEST_API_KEY, {
					webhookId: 'other-node',
					assistantId: TEST_ASSISTANT_ID,
				}),
			},
		],
		[
			'a token from another API key',
			{
				token: deliveryToken('another-key', {
					webhookId: TEST_WEBHOOK_ID,
					assistantId: TEST_ASSISTANT_ID,
				}),
			},
		],
	])('answers 401 invalid_token for %s', async (_name, query) => {
		const { ctx, result } = await runWebhook({ body: widget(), query });
		const { message } = expectRefused(ctx, 401, 'invalid_token');
		expect(message).toMatch(/token is wrong/);
		// n8n 2.x greys out Publish on a published, unchanged workflow: the advice that works.
		expect(message).toMatch(/unpublish the workflow, then publish it/);
		expect(outputs(result).accepted).toEqual([]);
	});

	it('accepts the token computed with deliveryToken for this node and assistant', async () => {
		const token = deliveryToken(TEST_API_KEY, {
			webhookId: TEST_WEBHOOK_ID,
			assistantId: TEST_ASSISTANT_ID,
		});
		const { ctx, result } = await runWebhook({ body: widget(), query: { token } });
		expect(outputs(result).accepted).toHaveLength(1);
		expectNoResponseWritten(ctx);
	});

	it('answers 400 invalid_json when the body is not JSON', async () => {
		const { ctx, result } = await runWebhook({ body: {}, rawBody: '{"a":' });
		expect(expectRefused(ctx, 400, 'invalid_json').message).toMatch(/not valid JSON/);
		expect(outputs(result).rejected[0].json).toMatchObject({
			reason: 'invalid_json',
			raw_body: '{"a":',
		});
	});

	it('answers 422 when the body is a JSON array (must be a JSON object)', async () => {
		const { ctx } = await runWebhook({ body: [widget()] });
		const answer = expectRefused(ctx, 422, 'invalid_payload');
		expect(answer.issues).toEqual([{ field: '(body)', problem: 'must be a JSON object' }]);
	});

	it('answers 422 naming every failing field', async () => {
		const body: JsonObject = { ...widget(), message_count: '8' };
		delete body.conversation_id;
		const { ctx, result } = await runWebhook({ body });
		const answer = expectRefused(ctx, 422, 'invalid_payload');
		expect((answer.issues as IDataObject[]).map((i) => i.field).sort()).toEqual([
			'conversation_id',
			'message_count',
		]);
		expect(answer.message).toContain('conversation_id is required');
		expect(answer.message).toContain('message_count must be a number');
		expect(outputs(result).rejected[0].json).toMatchObject({
			conversation_id: null,
			issues: answer.issues,
		});
	});

	it('answers 403 wrong_assistant for a conversation of another assistant', async () => {
		const { ctx, result } = await runWebhook({
			body: { ...widget(), assistant_id: OTHER_ASSISTANT_ID },
		});
		const answer = expectRefused(ctx, 403, 'wrong_assistant');
		expect(answer.message).toContain(OTHER_ASSISTANT_ID);
		expect(outputs(result).rejected[0].json).toMatchObject({
			reason: 'wrong_assistant',
			conversation_id: widget().conversation_id,
			authenticated: true,
		});
	});

	const id = widget().conversation_id;
	const refusals: Array<[string, WebhookContextOptions, number, string, unknown]> = [
		['missing token', { body: widget(), query: {} }, 401, 'invalid_token', null],
		['wrong token', { body: widget(), query: { token: 'nope' } }, 401, 'invalid_token', null],
		['invalid JSON', { body: {}, rawBody: '{"a":' }, 400, 'invalid_json', null],
		['array body', { body: [1, 2] }, 422, 'invalid_payload', null],
		['schema failure', { body: { ...widget(), transcript: 'none' } }, 422, 'invalid_payload', id],
		// Only a string is passed on as the item's conversation_id.
		[
			'numeric conversation_id',
			{ body: { ...widget(), conversation_id: 42 } },
			422,
			'invalid_payload',
			null,
		],
		['JSON null body', { body: null, rawBody: 'null' }, 422, 'invalid_payload', null],
		[
			'other assistant',
			{ body: { ...widget(), assistant_id: OTHER_ASSISTANT_ID } },
			403,
			'wrong_assistant',
			id,
		],
	];

	it.each(refusals)(
		'%s: one item on the Rejected output with the body, whole when the token proved the sender',
		async (_name, options, status, reason, conversationId) => {
			const { ctx, result } = await runWebhook(options);
			const answer = expectRefused(ctx, status, reason);
			const { accepted, rejected } = outputs(result);
			expect(result.noWebhookResponse).toBe(true);
			expect(accepted).toEqual([]);
			expect(rejected).toHaveLength(1);
			const sentRaw = (options.rawBody ?? JSON.stringify(options.body)) as string;
			const proven = reason !== 'invalid_token';
			const kept = proven ? sentRaw : sentRaw.slice(0, UNTRUSTED_PREFIX_LENGTH);
			expect(rejected[0].json).toEqual({
				rejected: true,
				reason,
				status_code: status,
				message: answer.message,
				issues: answer.issues ?? [],
				conversation_id: conversationId,
				received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				authenticated: proven,
				raw_body: kept,
				raw_body_truncated: kept !== sentRaw,
				raw_body_bytes: Buffer.byteLength(sentRaw),
				raw_body_sha256: createHash('sha256').update(sentRaw).digest('hex'),
				...(proven ? {} : { unrecorded_before: 0 }),
			});
		},
	);

	it.each(refusals)(
		'%s with recordRejected off: answered, no execution',
		async (_name, options, status, reason) => {
			const { ctx, result } = await runWebhook({
				...options,
				parameters: { options: { recordRejected: false } },
			});
			expectRefused(ctx, status, reason);
			expect(result).toEqual({ noWebhookResponse: true });
		},
	);

	it('keeps the raw body byte for byte, unicode included', async () => {
		const raw = '{"conversation_id": "ü", "transcript": "🙂 \u202E"}';
		const { result } = await runWebhook({
			body: JSON.parse(raw),
			rawBody: Buffer.from(raw, 'utf8'),
		});
		expect(outputs(result).rejected[0].json.raw_body).toBe(raw);
	});
});

describe('webhook(): channel filter', () => {
	it('acknowledges a widget conversation when only WhatsApp is wanted, without an execution', async () => {
		const { ctx, result } = await runWebhook({
			body: widget(),
			parameters: { channel: 'whatsapp' },
		});
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toEqual({
			received: true,
			processed: false,
			message: expect.stringContaining('WhatsApp'),
		});
		expectNoResponseWritten(ctx);
	});

	it('acknowledges a WhatsApp conversation when only the widget is wanted', async () => {
		const { result } = await runWebhook({ body: whatsapp(), parameters: { channel: 'widget' } });
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toMatchObject({
			processed: false,
			message:
				'Not processed: the trigger only takes web widget conversations, and this one came from whatsapp.',
		});
	});

	it('acknowledges a conversation without channel when a channel is wanted', async () => {
		const { result } = await runWebhook({
			body: { ...widget(), type: null },
			parameters: { channel: 'widget' },
		});
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toMatchObject({ processed: false });
	});

	it.each([
		['whatsapp', whatsapp],
		['widget', widget],
	])('lets a %s conversation through its own filter', async (channel, build) => {
		const { ctx, result } = await runWebhook({ body: build(), parameters: { channel } });
		expect(outputs(result).accepted).toHaveLength(1);
		expectNoResponseWritten(ctx);
	});
});

describe('webhook(): duplicate deliveries', () => {
	const withDuplicatesIgnored = (extra: WebhookContextOptions = {}): WebhookContextOptions => ({
		body: widget(),
		parameters: { options: { ignoreDuplicates: true } },
		...extra,
	});

	it('acknowledges the second delivery of a conversation (shared static data), without an execution', async () => {
		const staticData: IDataObject = {};
		const [first, second] = await deliverTwice(withDuplicatesIgnored({ staticData }));
		expect(outputs(first.result).accepted).toHaveLength(1);
		expect(second.result.workflowData).toBeUndefined();
		expect(second.result.webhookResponse).toEqual({
			received: true,
			processed: false,
			message: expect.stringContaining('already delivered'),
		});
		expectNoResponseWritten(second.ctx);
		expect(second.ctx.mockLogger.info).toHaveBeenCalledWith(
			expect.stringContaining('duplicate ignored'),
		);
		expect(staticData.recentConversationIds).toEqual([widget().conversation_id]);
	});

	it('answers the first delivery itself (200 receipt), so that n8n saves the changed static data', async () => {
		const { ctx, result } = await runWebhook(withDuplicatesIgnored());
		expect(outputs(result).accepted).toHaveLength(1);
		expect(result.noWebhookResponse).toBe(true);
		expect(result.webhookResponse).toBeUndefined();
		expect(ctx.sent.statusCodes).toEqual([200]);
		expect(ctx.sent.jsonBodies).toEqual([
			{ received: true, processed: true, conversation_id: widget().conversation_id },
		]);
	});

	it('recognises a duplicate from static data alone (another process, after a restart)', async () => {
		const staticData: IDataObject = {};
		await runWebhook(withDuplicatesIgnored({ staticData }));
		forgetDuplicatesInMemory();
		const second = await runWebhook(withDuplicatesIgnored({ staticData }));
		expect(second.result.workflowData).toBeUndefined();
		expect(second.result.webhookResponse).toMatchObject({ processed: false });
	});

	it('recognises a duplicate from process memory alone (fresh static data each time)', async () => {
		const [first, second] = await deliverTwice(
			withDuplicatesIgnored({ staticData: {} }),
			withDuplicatesIgnored({ staticData: {} }),
		);
		expect(outputs(first.result).accepted).toHaveLength(1);
		expect(second.result.workflowData).toBeUndefined();
		expect(second.result.webhookResponse).toMatchObject({ processed: false });
	});

	it('catches two deliveries of one conversation arriving at the same moment', async () => {
		const node = new IntellixentTrigger();
		const contexts = [
			webhookContext(withDuplicatesIgnored()),
			webhookContext(withDuplicatesIgnored()),
		];
		const results = await Promise.all(contexts.map((ctx) => node.webhook.call(ctx)));
		expect(results.filter((r) => r.workflowData !== undefined)).toHaveLength(1);
	});

	it('keeps duplicates of different triggers apart', async () => {
		await runWebhook(withDuplicatesIgnored());
		const other = await runWebhook(
			withDuplicatesIgnored({ node: { webhookId: 'another-trigger-node' } }),
		);
		expect(outputs(other.result).accepted).toHaveLength(1);
		const otherWorkflow = await runWebhook(
			withDuplicatesIgnored({ workflow: { id: 'another-workflow' } }),
		);
		expect(outputs(otherWorkflow.result).accepted).toHaveLength(1);
	});

	it('processes every delivery when duplicates are not ignored (the default)', async () => {
		const [first, second] = await deliverTwice({ body: widget() });
		expect(outputs(first.result).accepted).toHaveLength(1);
		expect(outputs(second.result).accepted).toHaveLength(1);
	});

	it('does not ignore duplicates in manual (test) mode', async () => {
		const staticData: IDataObject = {};
		const [first, second] = await deliverTwice(
			withDuplicatesIgnored({ staticData, mode: 'manual' }),
		);
		expect(outputs(first.result).accepted).toHaveLength(1);
		expect(outputs(second.result).accepted).toHaveLength(1);
		expect(staticData.recentConversationIds).toBeUndefined();
	});

	it(`keeps at most DUPLICATE_WINDOW (${DUPLICATE_WINDOW}) conversation ids, oldest dropped first`, async () => {
		const staticData: IDataObject = {};
		const node = new IntellixentTrigger();
		const id = (n: number) => `conversation-${n}`;
		const total = DUPLICATE_WINDOW + 5;
		for (let n = 1; n <= total; n++) {
			const ctx = webhookContext(
				withDuplicatesIgnored({ staticData, body: { ...widget(), conversation_id: id(n) } }),
			);
			const result = await node.webhook.call(ctx);
			expect(result.workflowData).toBeDefined();
		}
		const stored = staticData.recentConversationIds as string[];
		expect(stored).toHaveLength(DUPLICATE_WINDOW);
		expect(stored[0]).toBe(id(6));
		expect(stored[stored.length - 1]).toBe(id(total));

		const latest = await node.webhook.call(
			webhookContext(
				withDuplicatesIgnored({ staticData, body: { ...widget(), conversation_id: id(total) } }),
			),
		);
		expect(latest.workflowData).toBeUndefined();
		const oldest = await node.webhook.call(
			webhookContext(
				withDuplicatesIgnored({ staticData, body: { ...widget(), conversation_id: id(1) } }),
			),
		);
		expect(oldest.workflowData).toBeDefined();
		expect((staticData.recentConversationIds as string[]).length).toBe(DUPLICATE_WINDOW);
	});

	it('ignores garbage in the stored list', async () => {
		const staticData: IDataObject = {
			recentConversationIds: [1, null, { a: 1 }, widget().conversation_id],
		};
		const { result } = await runWebhook(withDuplicatesIgnored({ staticData }));
		expect(result.workflowData).toBeUndefined();
		forgetDuplicatesInMemory();
		const fresh = await runWebhook(
			withDuplicatesIgnored({ staticData: { recentConversationIds: 'not a list' } }),
		);
		expect(outputs(fresh.result).accepted).toHaveLength(1);
	});
});

describe('webhook(): one item per message', () => {
	it('acknowledges a conversation without messages, without an execution', async () => {
		const { ctx, result } = await runWebhook({
			body: emptyTranscript(),
			parameters: { outputShape: 'messages' },
		});
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toEqual({
			received: true,
			processed: false,
			message: expect.stringContaining('no messages'),
		});
		expectNoResponseWritten(ctx);
	});

	it('still starts an execution for an empty transcript in the other shapes', async () => {
		for (const outputShape of ['conversation', 'flatRow']) {
			const { result } = await runWebhook({ body: emptyTranscript(), parameters: { outputShape } });
			expect(outputs(result).accepted).toHaveLength(1);
		}
	});
});
