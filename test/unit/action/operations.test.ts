/**
 * The Intellixent action node, every resource and operation, against the emulator through
 * n8n-core's real HTTP helpers: what each sends, what each outputs (paired with its item), the
 * messages of each documented failure, Continue On Fail, and the WhatsApp pacing under 5/s.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';
import { IntellixentTrigger } from '../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import * as api from '../../../nodes/shared/intellixentApi';
import { startEmulator } from '../../emulator';
import { executeContext } from '../../helpers/executeContext';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const API_KEY = 'ix-action-key-5f1a';
const node = new Intellixent();
let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, apiKey: API_KEY });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(() => {
	emulator.reset();
	jest.restoreAllMocks();
	jest.replaceProperty(api, 'DEFAULT_RETRY_POLICY', {
		attempts: 3,
		baseDelayMs: 20,
		maxDelayMs: 1500,
		timeoutMs: 2000,
	});
});

const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(
	parameters: IDataObject | ((i: number) => IDataObject),
	options: { items?: number; continueOnFail?: boolean } = {},
): Promise<INodeExecutionData[]> {
	const ctx = executeContext({
		baseUrl: emulator.url,
		apiKey: API_KEY,
		parameters: typeof parameters === 'function' ? parameters : () => parameters,
		...options,
	});
	const [output] = await node.execute.call(ctx);
	return output;
}

async function failure(parameters: IDataObject): Promise<NodeApiError | NodeOperationError> {
	const error = await run(parameters).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error instanceof NodeApiError || error instanceof NodeOperationError).toBe(true);
	const { message, description } = error as NodeApiError;
	for (const text of [message, description ?? '']) {
		expect(text).not.toContain(API_KEY);
		expect(text).not.toMatch(/undefined|\n\s+at |publish/i);
	}
	return error as NodeApiError;
}

const pairedIndex = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
const json = (output: INodeExecutionData[]) => output.map((item) => item.json);
const apiCalls = (path: string) => emulator.requests().filter((r) => r.path === path);

describe('description', () => {
	it('is usable as an AI tool; the trigger is not', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(new IntellixentTrigger().description.usableAsTool).toBeUndefined();
	});

	it('describes every operation for an agent (description and action)', () => {
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		const options = operations.flatMap((p) => p.options ?? []) as unknown as IDataObject[];
		expect(options).toHaveLength(11);
		for (const option of options) {
			expect(String(option.description).length).toBeGreaterThan(30);
			expect(option.action).toBeTruthy();
		}
	});
});

it('each resource locator has its own name (n8n validates a value against the first property of its name)', () => {
	const locators = node.description.properties.filter((p) => p.type === 'resourceLocator');
	const names = locators.map((p) => p.name);
	expect(new Set(names).size).toBe(names.length);
});

describe('Assistant', () => {
	it('Get Many with a search and a limit: only matching assistants, no more than the limit', async () => {
		const output = await run({
			resource: 'assistant',
			operation: 'getAll',
			search: 'ASSISTANT',
			returnAll: false,
			limit: 2,
		});
		expect(json(output).map((a) => a.name)).toEqual(['Sales Assistant', 'Booking Assistant']);
		expect(output.every((item) => pairedIndex(item) === 0)).toBe(true);
	});

	it('Get Many with Return All pages through every assistant', async () => {
		const output = await run({ resource: 'assistant', operation: 'getAll', returnAll: true });
		expect(output).toHaveLength(emulator.assistants.length);
		expect(apiCalls('/api/user/assistants/get')[0].query).toMatchObject({ per_page: '100' });
	});

	it('Delete removes the assistant; a missing one is a 404 naming it', async () => {
		const output = await run({ resource: 'assistant', operation: 'delete', assistant: rl(128) });
		expect(json(output)).toEqual([
			{ deleted: true, id: 128, message: 'Assistant deleted successfully' },
		]);
		expect(emulator.deletedAssistants()).toEqual([128]);
		const error = await failure({ resource: 'assistant', operation: 'delete', assistant: rl(999) });
		expect(error.message).toBe(
			'Could not delete assistant 999: assistant 999 was not found in this Intellixent account (404)',
		);
	});
});

describe('Call', () => {
	it('Get returns the call, simplified by default', async () => {
		const call = emulator.startCall({ type: 'outbound', client_phone_number: '+34600000001' });
		emulator.endCall(call.id, { status: 'completed' });
		const [simple] = json(
			await run({ resource: 'call', operation: 'get', callId: String(call.id) }),
		);
		expect(simple).toMatchObject({ id: call.id, status: 'completed', type: 'outbound' });
		expect(simple).not.toHaveProperty('transcript');
		const [full] = json(
			await run({ resource: 'call', operation: 'get', callId: String(call.id), simple: false }),
		);
		expect(typeof full.transcript).toBe('string');
	});

	it('Get Many sends the documented filters and returns the matching calls', async () => {
		const a = emulator.startCall({ type: 'inbound', client_phone_number: '+34600000002' });
		emulator.startCall({ type: 'outbound', client_phone_number: '+34600000003' });
		const output = await run({
			resource: 'call',
			operation: 'getAll',
			returnAll: true,
			filters: {
				type: 'inbound',
				phoneNumber: '+34600000002',
				assistant: rl(127),
				dateFrom: '2020-01-01T00:00:00',
				dateTo: '2099-12-31T10:00:00',
			},
		});
		expect(json(output).map((c) => c.id)).toEqual([a.id]);
		expect(apiCalls('/api/user/calls')[0].query).toMatchObject({
			type: 'inbound',
			phone_number: '+34600000002',
			assistant_id: '127',
			date_from: '2020-01-01',
			date_to: '2099-12-31',
		});
	});

	it('Get of a call that does not exist: 404 naming the call', async () => {
		const error = await failure({ resource: 'call', operation: 'get', callId: '424242' });
		expect(error.message).toMatch(/call 424242 was not found/);
	});
});

describe('Campaign', () => {
	it('Start and Stop change the campaign status', async () => {
		const started = json(await run({ resource: 'campaign', operation: 'start', campaignId: 7 }));
		expect(started[0]).toMatchObject({ campaign_id: 7, status: 'in-progress', success: true });
		const stopped = json(await run({ resource: 'campaign', operation: 'stop', campaignId: 7 }));
		expect(stopped[0]).toMatchObject({ campaign_id: 7, status: 'stopped' });
	});

	it('a campaign without leads: 422 with what Intellixent said and advice to fix the parameter', async () => {
		const error = await failure({ resource: 'campaign', operation: 'start', campaignId: 8 });
		expect(error.message).toContain('Campaign has no leads.');
		expect(error.description).toMatch(/correct that parameter/);
	});
});

const template = (i = 0): IDataObject => ({
	resource: 'whatsapp',
	operation: 'sendTemplate',
	sender: rl(12),
	templateId: 501,
	recipientPhone: `+3460000${String(i).padStart(4, '0')}`,
	recipientName: 'Ana',
	variables: { variable: [{ name: '1', value: 'Ana' }] },
});

describe('WhatsApp', () => {
	it('Get Senders: online ones by default, all with Include Offline', async () => {
		const online = json(await run({ resource: 'whatsapp', operation: 'getSenders' }));
		expect(online.map((s) => s.id)).toEqual([12]);
		const all = json(
			await run({ resource: 'whatsapp', operation: 'getSenders', includeOffline: true }),
		);
		expect(all.map((s) => s.id)).toEqual([12, 13]);
	});

	it('Send Template Message sends the documented body', async () => {
		const [sent] = json(await run(template()));
		expect(sent).toMatchObject({ success: true, status: 'sent' });
		expect(emulator.whatsappSends()[0]).toMatchObject({
			kind: 'template',
			sender_id: 12,
			template_id: 501,
			recipient_phone: '+34600000000',
			recipient_name: 'Ana',
			variables: { '1': 'Ana' },
		});
	});

	it('Send Free-Form Message outputs the session status', async () => {
		emulator.openWhatsAppSession('+34611111111');
		const [sent] = json(
			await run({
				resource: 'whatsapp',
				operation: 'sendFreeForm',
				sender: rl(12),
				recipientPhone: '+34611111111',
				message: 'Thanks for your message!',
			}),
		);
		expect(sent.session_status).toMatchObject({ is_open: true, can_send_freeform: true });
	});

	it.each([
		[
			'SENDER_NOT_FOUND',
			{ sender: rl(99) },
			/sender was not found.*404 SENDER_NOT_FOUND/,
			/Get Senders/,
		],
		['SENDER_OFFLINE', { sender: rl(13) }, /sender is offline.*503 SENDER_OFFLINE/, /Reconnect/],
		['template not approved', { templateId: 502 }, /template is not approved.*422/, /approved/],
	])('%s: a message to act on, and no retry', async (_name, change, message, advice) => {
		const error = await failure({ ...template(), ...change });
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(advice);
		expect(apiCalls('/api/user/whatsapp/send')).toHaveLength(1);
	});

	it('SESSION_EXPIRED: advises a template', async () => {
		const error = await failure({
			resource: 'whatsapp',
			operation: 'sendFreeForm',
			sender: rl(12),
			recipientPhone: '+34699999999',
			message: 'Hello',
		});
		expect(error.message).toMatch(/24-hour WhatsApp window is closed.*SESSION_EXPIRED/);
		expect(error.description).toMatch(/Send Template Message/);
	});

	it('insufficient balance: 402 with advice to top up', async () => {
		emulator.setWhatsAppBalance(0);
		const error = await failure(template());
		expect(error.message).toMatch(/insufficient balance.*402/);
		expect(error.description).toMatch(/Top up/);
	});

	it('50 items: every send recorded, none refused with 429 (paced under 5 a second)', async () => {
		const output = await run(template, { items: 50 });
		expect(output).toHaveLength(50);
		expect(output.map((item) => pairedIndex(item))).toEqual(
			Array.from({ length: 50 }, (_, i) => i),
		);
		expect(emulator.whatsappSends()).toHaveLength(50);
		expect(emulator.whatsappRateLimited()).toBe(0);
	}, 60_000);

	it('a 429 from sends of elsewhere is waited out (Retry-After), not shown to the user', async () => {
		// Five sends made by "another workflow" fill the current second.
		for (let i = 0; i < 5; i++) await run(template(100 + i));
		const output = await run(template(200));
		expect(json(output)[0]).toMatchObject({ success: true });
		expect(emulator.whatsappRateLimited()).toBeGreaterThanOrEqual(1);
	}, 20_000);
});

describe('Conversation-Ended Webhook', () => {
	const uuid = 'f9e8d7c6-b5a4-3210-fedc-ba9876543210';

	it('Enable registers the URL; Disable removes it', async () => {
		const enabled = json(
			await run({
				resource: 'conversationEndedWebhook',
				operation: 'enable',
				webhookAssistant: rl(uuid),
				webhookUrl: 'https://example.com/hooks/ended',
			}),
		);
		expect(enabled[0]).toMatchObject({ enabled: true, api_form: 'path' });
		expect(emulator.registrations()[uuid].webhook_url).toBe('https://example.com/hooks/ended');
		await run({
			resource: 'conversationEndedWebhook',
			operation: 'disable',
			webhookAssistant: rl(uuid),
		});
		expect(emulator.registrations()[uuid]).toBeUndefined();
	});

	it('Enable with a URL that is not http(s): refused before any request', async () => {
		const error = await failure({
			resource: 'conversationEndedWebhook',
			operation: 'enable',
			webhookAssistant: rl(uuid),
			webhookUrl: 'ftp://example.com',
		});
		expect(error.message).toBe('Webhook URL must be an http:// or https:// address');
		expect(emulator.requests()).toHaveLength(0);
	});
});

describe('Continue On Fail', () => {
	it('a failed item becomes an error item paired with it; the others still run', async () => {
		const output = await run((i) => (i === 1 ? { ...template(i), sender: rl(99) } : template(i)), {
			items: 3,
			continueOnFail: true,
		});
		expect(output.map((item) => pairedIndex(item))).toEqual([0, 1, 2]);
		expect(output[1].json.error).toMatch(/sender was not found/);
		expect(output[0].json.success).toBe(true);
		expect(output[2].json.success).toBe(true);
	});

	it('without it, the error names the item that failed', async () => {
		const error = await run((i) => (i === 1 ? { ...template(i), sender: rl(99) } : template(i)), {
			items: 2,
		}).then(
			() => undefined,
			(e: NodeApiError) => e,
		);
		expect(error?.context.itemIndex).toBe(1);
	});
});

describe('unknown resources and operations fail loudly and send nothing', () => {
	it.each([
		['campaign', 'pause', { campaignId: 7 }],
		['call', 'delete', { callId: 7 }],
		['assistant', 'create', { assistant: rl(3) }],
		['whatsapp', 'sendVoice', { sender: rl(1), recipientPhone: '+34600000000' }],
		['conversationEndedWebhook', 'toggle', { webhookAssistant: rl('x') }],
	])('%s with the operation %j', async (resource, operation, extra) => {
		const error = await failure({ resource, operation, ...extra });
		expect(error.message).toBe(`Unknown operation "${operation}" for the resource "${resource}"`);
		expect(error.description).toContain('Nothing was sent.');
		expect(emulator.requests()).toHaveLength(0);
	});

	it('an unknown resource, and one named like an object property, are refused', async () => {
		for (const resource of ['voicemail', 'constructor', 'toString']) {
			const error = await failure({ resource, operation: 'get' });
			expect(error.message).toBe(`Unknown resource "${resource}"`);
		}
		expect(emulator.requests()).toHaveLength(0);
	});

	it.each(['..', '.', '7/../8', ' 7 x'])(
		'a Call ID %j from an expression or an agent is refused before any request',
		async (callId) => {
			const error = await failure({ resource: 'call', operation: 'get', callId });
			expect(error.message).toBe('Call ID must be a positive whole number');
			expect(emulator.requests()).toHaveLength(0);
		},
	);

	it.each(['..', '.', '../assistants'])(
		'a webhook assistant %j is refused before any request',
		async (uuid) => {
			const error = await failure({
				resource: 'conversationEndedWebhook',
				operation: 'disable',
				webhookAssistant: rl(uuid),
			});
			expect(error.message).toBe('Assistant must be an assistant UUID');
			expect(emulator.requests()).toHaveLength(0);
		},
	);
});

describe('a write is never repeated unless it certainly did not arrive', () => {
	const template = {
		resource: 'whatsapp',
		operation: 'sendTemplate',
		sender: rl(12),
		templateId: 501,
		recipientPhone: '+34600000001',
	};

	it.each([500, 502, 503, 504])(
		'a template send answered %i is sent once, and the error says the outcome is unknown',
		async (status) => {
			emulator.injectFault({ endpoint: 'sendTemplate', kind: 'status', status, times: 3 });
			const error = await failure(template);
			expect(apiCalls('/api/user/whatsapp/send')).toHaveLength(1);
			expect(error.message).toContain('(the outcome is unknown)');
			expect(error.message).toContain('tried once');
			expect(error.description).toContain('the message may have gone out');
		},
	);

	it('with Continue On Fail the item says outcome: unknown, for a workflow to branch on', async () => {
		emulator.injectFault({ endpoint: 'sendTemplate', kind: 'status', status: 502, times: 3 });
		const output = await run(template, { continueOnFail: true });
		expect(output).toHaveLength(1);
		expect(output[0].json.outcome).toBe('unknown');
		expect(apiCalls('/api/user/whatsapp/send')).toHaveLength(1);
	});

	it('a 429 is a refusal: the send is asked again and then goes out once', async () => {
		emulator.injectFault({ endpoint: 'sendTemplate', kind: 'status', status: 429, times: 1 });
		const output = await run(template);
		expect(output).toHaveLength(1);
		expect(apiCalls('/api/user/whatsapp/send')).toHaveLength(2);
		expect(emulator.whatsappSends()).toHaveLength(1);
	});

	it('an assistant delete answered 503 is sent once', async () => {
		emulator.injectFault({ endpoint: 'deleteAssistant', kind: 'status', status: 503, times: 3 });
		const error = await failure({ resource: 'assistant', operation: 'delete', assistant: rl(3) });
		expect(emulator.requests().filter((r) => r.method === 'DELETE')).toHaveLength(1);
		expect(error.message).toContain('(the outcome is unknown)');
	});

	it('a read (Get Many calls) answered 503 is still asked again', async () => {
		emulator.injectFault({ endpoint: 'calls', kind: 'status', status: 503, times: 1 });
		await run({ resource: 'call', operation: 'getAll', returnAll: false, limit: 5 });
		expect(apiCalls('/api/user/calls')).toHaveLength(2);
	});
});

describe('a message quotes a phone number within bounds', () => {
	it('a 10 kB multi-line phone number gives a one-line message of bounded length', async () => {
		emulator.injectFault({ endpoint: 'sendTemplate', kind: 'status', status: 422, times: 1 });
		const phone = `+34${'6\n'.repeat(5000)}`;
		const error = await failure({
			resource: 'whatsapp',
			operation: 'sendTemplate',
			sender: rl(12),
			templateId: 501,
			recipientPhone: phone,
		});
		expect(error.message).not.toContain('\n');
		expect(error.message.length).toBeLessThan(400);
		expect(error.message).toContain('send the WhatsApp template to +34');
	});
});
