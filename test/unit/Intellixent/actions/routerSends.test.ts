/**
 * The router and the WhatsApp sends without HTTP (router.test.ts and whatsapp.test.ts run them
 * against the emulator): the exact bodies and paths sent, how often, the pacing waits of paced
 * operations only, what each item outputs and is paired with, Continue On Fail's error items, and
 * the refusals made before any request, with their exact words.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { router } from '../../../../nodes/Intellixent/actions/router';
import { DEFAULT_BASE_URL } from '../../../../nodes/shared/intellixentApi';
import {
	answer,
	executeContext,
	instantSleep,
	networkError,
	ok,
	type ScriptedAnswer,
} from '../../../helpers/fakeContext';

instantSleep();

const sleepMock = sleep as unknown as jest.Mock;
beforeEach(() => sleepMock.mockClear());

const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

interface Sent {
	method: string;
	url: string;
	body: unknown;
}

function node(
	parameters: (i: number) => IDataObject,
	http: ScriptedAnswer[],
	options: { items?: number; continueOnFail?: boolean } = {},
) {
	const context = executeContext({
		baseUrl: DEFAULT_BASE_URL,
		apiKey: 'ix-router-key-77c1',
		parameters,
		...options,
	});
	const sent: Sent[] = [];
	const queue = [...http];
	(context as unknown as { helpers: IDataObject }).helpers = {
		httpRequestWithAuthentication: jest.fn(async (_type: string, request: Sent) => {
			sent.push({ method: request.method, url: request.url, body: request.body });
			const next = queue.shift();
			if (next === undefined) throw new Error('no scripted answer left');
			if (next instanceof Error) throw next;
			return { headers: {}, body: undefined, ...next };
		}),
	};
	return {
		run: async (): Promise<INodeExecutionData[]> =>
			(await router.call(context as IExecuteFunctions))[0],
		sent,
	};
}

async function refusal(run: () => Promise<unknown>): Promise<NodeOperationError | NodeApiError> {
	const error = await run().then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error instanceof NodeOperationError || error instanceof NodeApiError).toBe(true);
	return error as NodeOperationError;
}

const template = (i: number): IDataObject => ({
	resource: 'whatsapp',
	operation: 'sendTemplate',
	sender: rl(12),
	templateId: 501,
	recipientPhone: ` +3460000000${i} `,
});

const freeForm = (message: string | null | undefined): IDataObject => ({
	resource: 'whatsapp',
	operation: 'sendFreeForm',
	sender: rl(12),
	recipientPhone: '+34600000009',
	message,
});

const SEND_URL = `${DEFAULT_BASE_URL}/api/user/whatsapp/send`;
const FREEFORM_URL = `${DEFAULT_BASE_URL}/api/user/whatsapp/send-freeform`;

describe('Send Template Message', () => {
	it('sends sender, template and trimmed phone only, when nothing else is given', async () => {
		const { run, sent } = node(template, [ok({ success: true, id: 1 })]);
		expect(await run()).toEqual([{ json: { success: true, id: 1 }, pairedItem: { item: 0 } }]);
		expect(sent).toEqual([
			{
				method: 'POST',
				url: SEND_URL,
				body: { sender_id: 12, template_id: 501, recipient_phone: '+34600000000' },
			},
		]);
	});

	it('adds the trimmed name and the variables with a name (trimmed), values as given', async () => {
		const { run, sent } = node(
			() => ({
				...template(0),
				recipientName: '  Ana  ',
				variables: {
					variable: [
						{ name: ' 1 ', value: 'Ana' },
						{ name: '   ', value: 'dropped' },
						{ value: 'no name' },
						{ name: 'city' },
					],
				},
			}),
			[ok({ success: true })],
		);
		await run();
		expect(sent[0].body).toEqual({
			sender_id: 12,
			template_id: 501,
			recipient_phone: '+34600000000',
			recipient_name: 'Ana',
			variables: { 1: 'Ana', city: '' },
		});
	});

	it('a blank name and only nameless variables are left out', async () => {
		const { run, sent } = node(
			() => ({
				...template(0),
				recipientName: '   ',
				variables: { variable: [{ name: ' ', value: 'x' }] },
			}),
			[ok({ success: true })],
		);
		await run();
		expect(sent[0].body).toEqual({
			sender_id: 12,
			template_id: 501,
			recipient_phone: '+34600000000',
		});
	});

	it('an empty phone is refused before any request, with advice', async () => {
		const { run, sent } = node(() => ({ ...template(0), recipientPhone: '   ' }), []);
		const error = await refusal(run);
		expect(error.message).toBe(
			"Recipient Phone is empty: give the customer's phone number in E.164 format, + and the country code (e.g. +34612345678)",
		);
		expect(error.description).toBe(
			"Set the customer's phone number with its country code (e.g. +34612345678). After an Intellixent Trigger, the expression {{ $json.customer_phone }} gives it for WhatsApp conversations (web-widget conversations have none).",
		);
		expect(error.context.itemIndex).toBe(0);
		expect(sent).toHaveLength(0);
	});

	it('a missing phone is refused the same way', async () => {
		const params = template(0);
		delete params.recipientPhone;
		const { run, sent } = node(() => params, []);
		expect((await refusal(run)).message).toMatch(/^Recipient Phone is empty/);
		expect(sent).toHaveLength(0);
	});

	it('a failed send quotes the recipient in its message', async () => {
		const { run } = node(template, [answer(422, { message: 'The template is not approved.' })]);
		const error = await refusal(run);
		expect(error.message).toContain('Could not send the WhatsApp template to +34600000000: ');
	});
});

describe('Send Free-Form Message', () => {
	it('sends sender, phone and the message as given', async () => {
		const { run, sent } = node(() => freeForm('  Hello  '), [ok({ success: true, session: {} })]);
		expect(await run()).toEqual([
			{ json: { success: true, session: {} }, pairedItem: { item: 0 } },
		]);
		expect(sent).toEqual([
			{
				method: 'POST',
				url: FREEFORM_URL,
				body: { sender_id: 12, recipient_phone: '+34600000009', message: '  Hello  ' },
			},
		]);
	});

	it('takes 4,096 characters; 4,097 are refused before any request, saying how many', async () => {
		const exact = node(() => freeForm('a'.repeat(4096)), [ok({ success: true })]);
		await exact.run();
		expect(exact.sent).toHaveLength(1);
		const over = node(() => freeForm('a'.repeat(4097)), []);
		const error = await refusal(over.run);
		expect(error.message).toBe(
			'Message is too long (4097 characters): shorten it to at most 4096 characters',
		);
		expect(error.description).toBe('WhatsApp free-form messages take 1 to 4096 characters.');
		expect(error.context.itemIndex).toBe(0);
		expect(over.sent).toHaveLength(0);
	});

	it.each([[''], ['   '], [undefined], [null]])(
		'a message of %j is refused as empty',
		async (message) => {
			const { run, sent } = node(() => freeForm(message), []);
			const error = await refusal(run);
			expect(error.message).toBe('Message is empty: give the text to send (1 to 4096 characters)');
			expect(sent).toHaveLength(0);
		},
	);

	it('a failed send quotes the recipient in its message', async () => {
		const { run } = node(() => freeForm('Hi'), [answer(422, { message: 'Session expired.' })]);
		expect((await refusal(run)).message).toContain(
			'Could not send the WhatsApp message to +34600000009: ',
		);
	});

	it('a long phone is quoted within 40 characters', async () => {
		const phone = `+${'1'.repeat(200)}`;
		const { run } = node(
			() => ({ ...freeForm('Hi'), recipientPhone: phone }),
			[answer(422, { message: 'bad phone' })],
		);
		const error = await refusal(run);
		expect(error.message).not.toContain(phone);
		const quoted = /message to (\S*)/.exec(error.message)?.[1] ?? '';
		expect(quoted).toMatch(/^\+1{10}/);
		expect(quoted.length).toBeLessThanOrEqual(45);
	});
});

describe('the router', () => {
	it('pairs each result with its item, a list result item by item, and runs every item once', async () => {
		const { run, sent } = node(
			() => ({ resource: 'whatsapp', operation: 'getSenders', includeOffline: true }),
			[
				ok({
					success: true,
					data: [
						{ id: 1, status: 'online' },
						{ id: 2, status: 'offline' },
					],
				}),
				ok({ success: true, data: [{ id: 3, status: 'online' }] }),
			],
			{ items: 2 },
		);
		const output = await run();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
		expect(output.map((item) => item.json.id)).toEqual([1, 2, 3]);
		expect(sent).toHaveLength(2);
		// Get Senders is not a send: no pacing.
		expect(sleepMock).not.toHaveBeenCalled();
	});

	it('paces sends: every send after the first waits for its turn', async () => {
		const { run, sent } = node(template, [ok({ a: 1 }), ok({ a: 2 }), ok({ a: 3 })], { items: 3 });
		const output = await run();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sent.map((s) => (s.body as IDataObject).recipient_phone)).toEqual([
			'+34600000000',
			'+34600000001',
			'+34600000002',
		]);
		expect(sleepMock).toHaveBeenCalledTimes(2);
		for (const [ms] of sleepMock.mock.calls) {
			expect(ms).toBeGreaterThan(200);
			expect(ms).toBeLessThanOrEqual(250);
		}
	});

	it('paces free-form sends as well', async () => {
		const { run, sent } = node(() => freeForm('Hi'), [ok({ a: 1 }), ok({ a: 2 })], { items: 2 });
		await run();
		expect(sent).toHaveLength(2);
		expect(sleepMock).toHaveBeenCalledTimes(1);
		expect(sleepMock.mock.calls[0][0]).toBeGreaterThan(200);
	});

	it('without Continue On Fail, the first failure stops the run, naming its item', async () => {
		const { run, sent } = node(
			(i) => (i === 1 ? { ...template(i), recipientPhone: '' } : template(i)),
			[ok({ a: 1 }), ok({ a: 3 })],
			{ items: 3 },
		);
		const error = await refusal(run);
		expect(error.context.itemIndex).toBe(1);
		expect(sent).toHaveLength(1);
	});

	it('an API error keeps the item it already names', async () => {
		const { run } = node(template, [answer(404, { message: 'gone' })], { items: 1 });
		const error = await refusal(run);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context.itemIndex).toBe(0);
	});

	it('an error of another kind becomes a NodeOperationError naming the item', async () => {
		const { run } = node(
			(i) => (i === 1 ? { ...template(i), templateId: 'x' } : template(i)),
			[ok({ a: 1 })],
			{ items: 2 },
		);
		const error = await refusal(run);
		expect(error.context.itemIndex).toBe(1);
	});

	it('with Continue On Fail: error items with message, description and outcome when unknown', async () => {
		const { run, sent } = node(
			(i) => (i === 1 ? { ...template(i), recipientPhone: '' } : template(i)),
			[networkError('ECONNRESET', 'socket hang up'), answer(429), answer(429), answer(429)],
			{ items: 3, continueOnFail: true },
		);
		const output = await run();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(Object.keys(output[0].json).sort()).toEqual(['description', 'error', 'outcome']);
		expect(output[0].json.outcome).toBe('unknown');
		expect(output[0].json.error).toContain('(the outcome is unknown)');
		expect(output[1].json).toEqual({
			error:
				"Recipient Phone is empty: give the customer's phone number in E.164 format, + and the country code (e.g. +34612345678)",
			description: expect.stringContaining('{{ $json.customer_phone }}'),
		});
		expect(output[2].json.outcome).toBeUndefined();
		expect(output[2].json.error).toContain('rate-limiting');
		expect(sent).toHaveLength(4);
	});

	it('an error without a description gives an error item without one', async () => {
		const { run } = node(
			() => ({ resource: 'whatsapp', operation: 'getSenders' }),
			[new Error('plain failure')],
			{ continueOnFail: true },
		);
		const output = await run();
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toEqual(expect.any(String));
	});

	it('an unknown resource: refused, naming the resources there are', async () => {
		for (const resource of ['voicemail', 'hasOwnProperty', '__proto__']) {
			const { run, sent } = node(() => ({ resource, operation: 'get' }), []);
			const error = await refusal(run);
			expect(error.message).toBe(`Unknown resource "${resource}"`);
			expect(error.description).toBe(
				'The Intellixent node has the resources assistant, call, campaign, whatsapp, conversationEndedWebhook. Choose one of them (a workflow imported from elsewhere or built by an AI agent may name another).',
			);
			expect(sent).toHaveLength(0);
		}
	});

	it('an unknown operation: refused, naming the operations of the resource', async () => {
		for (const operation of ['sendVoice', 'constructor']) {
			const { run, sent } = node(() => ({ resource: 'whatsapp', operation }), []);
			const error = await refusal(run);
			expect(error.message).toBe(`Unknown operation "${operation}" for the resource "whatsapp"`);
			expect(error.description).toBe(
				'Nothing was sent. The resource "whatsapp" has the operations getSenders, sendFreeForm, sendTemplate: choose one of them.',
			);
			expect(sent).toHaveLength(0);
		}
	});

	it('no items: no request, no output', async () => {
		const { run, sent } = node(template, [], { items: 0 });
		expect(await run()).toEqual([]);
		expect(sent).toHaveLength(0);
	});
});
