/**
 * The webhook lifecycle as n8n drives it: `webhookMethods.default.checkExists/create/delete`
 * called with a hook context, asserting the Intellixent requests and the static-data record.
 * Longer than ~500 lines on purpose: publish, test listen and unpublish share the emulator-like
 * answer fixtures and the static-data checks below, and they are one lifecycle.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import { deliveryToken, tokenDigest } from '../../../../nodes/IntellixentTrigger/deliveryToken';
import { DEFAULT_BASE_URL } from '../../../../nodes/shared/intellixentApi';
import {
	answer,
	ASSISTANT_ID,
	defaultParameters,
	FAKE_API_KEY,
	hookContext,
	networkError,
	NODE_WEBHOOK_ID,
	ok,
	OTHER_ASSISTANT_ID,
	PRODUCTION_URL,
	requestedWaits,
	TEST_URL,
	type HookContext,
	type HookContextOptions,
	instantSleep,
} from '../../../helpers/fakeContext';

instantSleep();

const { checkExists, create, delete: remove } = new IntellixentTrigger().webhookMethods.default;

const ENABLE_URL = `${DEFAULT_BASE_URL}/api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook`;
const DISABLE_URL = `${DEFAULT_BASE_URL}/api/assistants/${ASSISTANT_ID}/disable-conversation-ended-webhook`;
const EXPECTED_TOKEN = deliveryToken(FAKE_API_KEY, {
	webhookId: NODE_WEBHOOK_ID,
	assistantId: ASSISTANT_ID,
});

const PROBE_HEADER = 'x-intellixent-trigger-probe';

/**
 * The guard remembers, per process, which workflow/node published which assistant: each test
 * gets its own workflow id so that memory never leaks from one test into another.
 */
let workflowCounter = 0;
let workflowId = 'wf-0';

function production(options: HookContextOptions = {}): HookContext {
	return hookContext({
		activationMode: 'activate',
		workflowActive: true,
		webhookUrl: PRODUCTION_URL,
		workflowId,
		...options,
	});
}

/** As n8n 2.40 runs a test listen: workflow inactive, the test URL. */
function testListen(options: HookContextOptions = {}): HookContext {
	return hookContext({
		activationMode: 'manual',
		workflowActive: false,
		webhookUrl: TEST_URL,
		workflowId,
		...options,
	});
}

function record(
	overrides: Partial<{ assistantId: string; webhookUrl: string; test: boolean }> = {},
): IDataObject {
	return {
		registration: {
			assistantId: ASSISTANT_ID,
			webhookUrl: PRODUCTION_URL,
			test: false,
			registeredAt: '2026-01-01T00:00:00.000Z',
			...overrides,
		},
	};
}

async function failure(promise: Promise<unknown>): Promise<Error> {
	const outcome = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(outcome).toBeInstanceOf(Error);
	return outcome as Error;
}

function allLogged(context: HookContext): string {
	return context.mock.logged().join('\n');
}

beforeEach(() => {
	(sleep as unknown as jest.Mock).mockClear();
	workflowId = `wf-${++workflowCounter}`;
});

describe('checkExists', () => {
	it('always answers false, without any request, even with a registration recorded', async () => {
		const context = production({ staticData: record() });
		await expect(checkExists.call(context)).resolves.toBe(false);
		await expect(checkExists.call(hookContext())).resolves.toBe(false);
		expect(context.mock.requests).toHaveLength(0);
	});
});

describe('create (publish)', () => {
	it('enables the webhook with the production URL plus the delivery token', async () => {
		const context = production({ http: [ok()] });
		await expect(create.call(context)).resolves.toBe(true);

		expect(context.mock.requests).toHaveLength(1);
		const { credentialType, options } = context.mock.requests[0];
		expect(credentialType).toBe('intellixentApi');
		expect(options.method).toBe('POST');
		expect(options.url).toBe(ENABLE_URL);
		expect(options.body).toEqual({ webhook_url: `${PRODUCTION_URL}?token=${EXPECTED_TOKEN}` });
		expect(JSON.stringify(options)).not.toContain(FAKE_API_KEY);
	});

	it('records {assistantId, webhookUrl (without token), test: false, registeredAt, tokenDigest} in static data', async () => {
		const before = Date.now();
		const context = production({ http: [ok()] });
		await create.call(context);

		const saved = context.mock.staticData.registration as IDataObject;
		expect(saved).toEqual({
			assistantId: ASSISTANT_ID,
			webhookUrl: PRODUCTION_URL,
			test: false,
			registeredAt: expect.any(String),
			tokenDigest: tokenDigest(EXPECTED_TOKEN),
			// The documented path form worked at this Base URL: unpublish disables the same way.
			api: { baseUrl: DEFAULT_BASE_URL, form: 'path' },
		});
		// One-way: neither the token nor the key is stored.
		expect(JSON.stringify(context.mock.staticData)).not.toContain(EXPECTED_TOKEN);
		expect(JSON.stringify(context.mock.staticData)).not.toContain(FAKE_API_KEY);
		const at = Date.parse(saved.registeredAt as string);
		expect(new Date(at).toISOString()).toBe(saved.registeredAt);
		expect(at).toBeGreaterThanOrEqual(before - 1000);
		expect(at).toBeLessThanOrEqual(Date.now() + 1000);
	});

	it('registers the bare URL when verifyDeliveryToken is off', async () => {
		const context = production({
			parameters: { ...defaultParameters(), options: { verifyDeliveryToken: false } },
			http: [ok()],
		});
		await create.call(context);
		expect(context.mock.requests[0].options.body).toEqual({ webhook_url: PRODUCTION_URL });
		expect((context.mock.staticData.registration as IDataObject).webhookUrl).toBe(PRODUCTION_URL);
		expect((context.mock.staticData.registration as IDataObject).tokenDigest).toBeUndefined();
	});

	it('the token is bound to the node webhookId and the assistant', async () => {
		const other = production({
			parameters: defaultParameters(OTHER_ASSISTANT_ID),
			node: { webhookId: '0d9c4f3a-1111-4222-8333-944455556666' },
			webhookUrl: 'https://n8n.example.com/webhook/0d9c4f3a-1111-4222-8333-944455556666/webhook',
			http: [ok()],
		});
		await create.call(other);
		const registered = new URL(
			(other.mock.requests[0].options.body as IDataObject).webhook_url as string,
		);
		expect(registered.searchParams.get('token')).toBe(
			deliveryToken(FAKE_API_KEY, {
				webhookId: '0d9c4f3a-1111-4222-8333-944455556666',
				assistantId: OTHER_ASSISTANT_ID,
			}),
		);
		expect(registered.searchParams.get('token')).not.toBe(EXPECTED_TOKEN);
	});

	it('accepts an assistant picked from the list and trims a pasted ID', async () => {
		const fromList = production({
			parameters: {
				...defaultParameters(),
				assistant: {
					__rl: true,
					mode: 'list',
					value: ASSISTANT_ID,
					cachedResultName: 'Support bot',
				},
			},
			http: [ok()],
		});
		await create.call(fromList);
		expect(fromList.mock.requests[0].options.url).toBe(ENABLE_URL);

		const pasted = production({
			parameters: defaultParameters(`  ${ASSISTANT_ID.toUpperCase()} `),
			http: [ok()],
		});
		await create.call(pasted);
		expect(pasted.mock.requests[0].options.url).toBe(
			`${DEFAULT_BASE_URL}/api/assistants/${ASSISTANT_ID.toUpperCase()}/enable-conversation-ended-webhook`,
		);
	});

	it.each([
		['127', '"127" is not an assistant ID: Intellixent assistant IDs are UUIDs'],
		['support bot', '"support bot" is not an assistant ID: Intellixent assistant IDs are UUIDs'],
		['', 'No assistant selected'],
		['   ', 'No assistant selected'],
	])('refuses assistant %j with a readable message and no request', async (value, message) => {
		const context = production({ parameters: defaultParameters(value), http: [ok()] });
		const error = await failure(create.call(context));
		expect(error).toBeInstanceOf(NodeOperationError);
		// A publish error carries its advice in the message too (publishErrors.ts).
		expect(error.message.startsWith(`${message}. Choose the assistant from the list`)).toBe(true);
		expect((error as NodeOperationError).description).toBe(error.message);
		expect(context.mock.requests).toHaveLength(0);
		expect(context.mock.staticData).toEqual({});
	});

	it('refuses when n8n gives no webhook URL', async () => {
		const context = production({ webhookUrl: null, http: [ok()] });
		const error = await failure(create.call(context));
		expect(error.message).toBe('n8n did not provide a webhook URL for this node');
		expect(context.mock.requests).toHaveLength(0);
	});

	it.each([
		'http://localhost:5678/webhook/x/webhook',
		'http://127.0.0.1:5678/webhook/x/webhook',
		'http://[::1]:5678/webhook/x/webhook',
		'http://0.0.0.0:5678/webhook/x/webhook',
	])(
		'refuses the unreachable webhook URL %s when Intellixent is remote (mentions WEBHOOK_URL)',
		async (url) => {
			const context = production({ webhookUrl: url, http: [ok()] });
			const error = await failure(create.call(context));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message.startsWith("Intellixent cannot reach this n8n's webhook URL. ")).toBe(
				true,
			);
			expect(error.message).toContain('WEBHOOK_URL');
			expect((error as NodeOperationError).description).toContain('WEBHOOK_URL');
			expect((error as NodeOperationError).description).toContain('portal.intellixent.ai');
			expect(context.mock.requests).toHaveLength(0);
			expect(context.mock.staticData).toEqual({});
		},
	);

	it.each(['http://127.0.0.1:9999', 'http://localhost:8080/api/'])(
		'allows a local webhook URL when the credential points at a local Intellixent (%s)',
		async (baseUrl) => {
			const context = production({
				webhookUrl: 'http://localhost:5678/webhook/x/webhook',
				credentials: { apiKey: FAKE_API_KEY, baseUrl },
				http: [ok()],
			});
			await expect(create.call(context)).resolves.toBe(true);
			const origin = new URL(baseUrl).origin;
			expect(context.mock.requests[0].options.url).toBe(
				`${origin}/api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook`,
			);
		},
	);

	it.each([
		[
			401,
			{ message: 'Unauthenticated.' },
			'Intellixent rejected the API key (401 Unauthenticated)',
			1,
		],
		[
			404,
			{ message: 'Assistant not found' },
			`assistant ${ASSISTANT_ID} was not found in this Intellixent account (404)`,
			1,
		],
		[
			422,
			{ errors: { webhook_url: ['The webhook url field is required.'] } },
			'webhook_url: The webhook url field is required.',
			1,
		],
		[
			429,
			{ message: 'Too Many Attempts.' },
			'Intellixent is rate-limiting requests (429, tried 3 times)',
			3,
		],
		[500, { message: 'Server Error' }, 'Intellixent had a server error (500, tried 3 times)', 3],
		[503, undefined, 'Intellixent had a server error (503, tried 3 times)', 3],
	])(
		'activation error %i propagates as a readable NodeApiError',
		async (status, body, words, attempts) => {
			const context = production({
				http: Array.from({ length: attempts }, () => answer(status, body)),
			});
			const error = await failure(create.call(context));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toContain('Could not register the webhook with Intellixent');
			expect(error.message).toContain(words);
			expect((error as NodeApiError).httpCode).toBe(String(status));
			expect(context.mock.requests).toHaveLength(attempts);
			expect(context.mock.staticData).toEqual({});
			expect(`${error.message} ${(error as NodeApiError).description}`).not.toContain(FAKE_API_KEY);
			expect(`${error.message} ${(error as NodeApiError).description}`).not.toContain(
				EXPECTED_TOKEN,
			);
		},
	);

	it('a network failure on publish propagates, naming the code', async () => {
		const context = production({
			http: [networkError('ECONNRESET'), networkError('ECONNRESET'), networkError('ECONNRESET')],
		});
		const error = await failure(create.call(context));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('could not be reached (ECONNRESET)');
		expect(context.mock.staticData).toEqual({});
	});

	it('re-publishing overwrites the previous record', async () => {
		const staticData = record({
			assistantId: OTHER_ASSISTANT_ID,
			webhookUrl: 'https://old.example.com/webhook/x/webhook',
		});
		const context = production({ staticData, http: [ok()] });
		await create.call(context);
		expect(staticData.registration).toMatchObject({
			assistantId: ASSISTANT_ID,
			webhookUrl: PRODUCTION_URL,
			test: false,
		});
	});
});

describe('create in "listen for test event" (activationMode manual)', () => {
	const REFUSAL = "Can't listen for a test event while this workflow is published";

	it('refuses while the workflow is published, without any request', async () => {
		const context = testListen({ workflowActive: true, http: [ok()] });
		const error = await failure(create.call(context));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(REFUSAL);
		expect(error.message.toLowerCase()).toContain(
			"can't listen for a test event while this workflow is published",
		);
		expect((error as NodeOperationError).description).toContain('Unpublish the workflow');
		expect(context.mock.requests).toHaveLength(0);
		expect(context.mock.staticData).toEqual({});
	});

	it('refuses while a production registration for the same assistant is recorded (even if n8n says inactive)', async () => {
		const staticData = record();
		const context = testListen({ workflowActive: false, staticData, http: [ok()] });
		const error = await failure(create.call(context));
		expect(error.message).toBe(REFUSAL);
		expect(context.mock.requests).toHaveLength(0);
		expect(staticData).toEqual(record());
	});

	it('refuses on a published workflow whose recorded registration is for the same assistant', async () => {
		const context = testListen({ workflowActive: true, staticData: record(), http: [ok()] });
		await expect(create.call(context)).rejects.toThrow(REFUSAL);
		expect(context.mock.requests).toHaveLength(0);
	});

	it('allows it when the production registration is for another assistant and the workflow is not published', async () => {
		const staticData = record({ assistantId: OTHER_ASSISTANT_ID });
		const context = testListen({ staticData, http: [ok()] });
		await expect(create.call(context)).resolves.toBe(true);
		expect(context.mock.requests).toHaveLength(1);
		expect(context.mock.requests[0].options.url).toBe(ENABLE_URL);
	});

	it('allows it over a stale test registration for the same assistant', async () => {
		const context = testListen({
			staticData: record({ webhookUrl: TEST_URL, test: true }),
			http: [ok()],
		});
		await expect(create.call(context)).resolves.toBe(true);
	});

	it('on an unpublished workflow: registers the test URL (with token) and records test: true', async () => {
		const context = testListen({ http: [ok()] });
		await expect(create.call(context)).resolves.toBe(true);
		expect(context.mock.requests).toHaveLength(1);
		expect(context.mock.requests[0].options.url).toBe(ENABLE_URL);
		expect(context.mock.requests[0].options.body).toEqual({
			webhook_url: `${TEST_URL}?token=${EXPECTED_TOKEN}`,
		});
		expect(context.mock.staticData.registration).toMatchObject({
			assistantId: ASSISTANT_ID,
			webhookUrl: TEST_URL,
			test: true,
		});
	});

	it('matches the recorded assistant case-insensitively', async () => {
		const context = testListen({
			staticData: record({ assistantId: ASSISTANT_ID.toUpperCase() }),
			http: [ok()],
		});
		await expect(create.call(context)).rejects.toThrow(REFUSAL);
		expect(context.mock.requests).toHaveLength(0);
	});

	describe('when n8n hides the published state (inactive workflow, empty static data, as n8n 2.40 does)', () => {
		it('refuses when this process published the same trigger for the same assistant', async () => {
			await create.call(production({ http: [ok()] }));
			const context = testListen({ staticData: {}, http: [ok()] });
			await expect(create.call(context)).rejects.toThrow(REFUSAL);
			expect(context.mock.requests).toHaveLength(0);
		});

		it('allows it again once that workflow was unpublished', async () => {
			const staticData: IDataObject = {};
			await create.call(production({ staticData, http: [ok()] }));
			await expect(remove.call(production({ staticData, http: [ok()] }))).resolves.toBe(true);
			const context = testListen({ staticData: {}, http: [ok()] });
			await expect(create.call(context)).resolves.toBe(true);
			expect(context.mock.requests).toHaveLength(1);
		});

		it('allows it when this process published the trigger for another assistant', async () => {
			await create.call(
				production({ parameters: defaultParameters(OTHER_ASSISTANT_ID), http: [ok()] }),
			);
			const context = testListen({ staticData: {}, http: [ok()] });
			await expect(create.call(context)).resolves.toBe(true);
		});

		it('the publish of another workflow does not block this one', async () => {
			await create.call(production({ workflowId: 'some-other-workflow', http: [ok()] }));
			await expect(create.call(testListen({ staticData: {}, http: [ok()] }))).resolves.toBe(true);
		});

		it('probes the production URL with the delivery token (not the API key) and refuses when a published trigger of the same assistant answers', async () => {
			const context = testListen({
				staticData: {},
				plainHttp: [answer(200, { probe: 'intellixent-trigger', same_assistant: true })],
				http: [ok()],
			});
			await expect(create.call(context)).rejects.toThrow(REFUSAL);
			expect(context.mock.requests).toHaveLength(0);

			expect(context.mock.plainRequests).toHaveLength(1);
			const probe = context.mock.plainRequests[0];
			expect(probe.method).toBe('POST');
			expect(probe.url).toBe(PRODUCTION_URL);
			expect(probe.headers?.[PROBE_HEADER]).toBe(EXPECTED_TOKEN);
			expect(JSON.stringify(probe)).not.toContain(FAKE_API_KEY);
			expect(Object.keys(probe.headers ?? {}).map((h) => h.toLowerCase())).not.toContain(
				'authorization',
			);
			expect(probe.timeout).toBeLessThanOrEqual(5000);
		});

		it.each([
			[
				'a published trigger of another assistant',
				answer(200, { probe: 'intellixent-trigger', same_assistant: false }),
			],
			[
				'nothing published (404)',
				answer(404, { message: 'The requested webhook is not registered.' }),
			],
			['some other webhook', answer(200, { message: 'Workflow was started' })],
			['a probe that fails', networkError('ECONNREFUSED')],
		])('allows it when the probe finds %s', async (_label, probeAnswer) => {
			const context = testListen({ staticData: {}, plainHttp: [probeAnswer], http: [ok()] });
			await expect(create.call(context)).resolves.toBe(true);
			expect(context.mock.plainRequests).toHaveLength(1);
			expect(context.mock.requests).toHaveLength(1);
			expect(allLogged(context)).not.toContain(FAKE_API_KEY);
		});

		it('does not probe on publish', async () => {
			const context = production({ http: [ok()] });
			await create.call(context);
			expect(context.mock.plainRequests).toHaveLength(0);
		});
	});

	it("the refused test listen's clean-up leaves the published registration alone", async () => {
		const staticData = record();
		const context = testListen({ workflowActive: true, staticData, http: [ok()] });
		await expect(create.call(context)).rejects.toThrow(REFUSAL);
		await expect(remove.call(context)).resolves.toBe(true);
		expect(context.mock.requests).toHaveLength(0);
		expect(staticData).toEqual(record());
		expect(context.mock.logged('info').join('\n')).toContain(
			`assistant ${ASSISTANT_ID} is registered to ${PRODUCTION_URL}`,
		);
	});
});

describe('delete (unpublish / end of test listen)', () => {
	it('disables the webhook when static data records this exact URL, and clears the record', async () => {
		const staticData = record();
		const context = production({ staticData, http: [ok()] });
		await expect(remove.call(context)).resolves.toBe(true);

		expect(context.mock.requests).toHaveLength(1);
		const { credentialType, options } = context.mock.requests[0];
		expect(credentialType).toBe('intellixentApi');
		expect(options.method).toBe('POST');
		expect(options.url).toBe(DISABLE_URL);
		expect(options.body).toBeUndefined();
		expect(staticData).toEqual({});
	});

	it('publish then unpublish: enable, then disable, and nothing left recorded', async () => {
		const staticData: IDataObject = {};
		await create.call(production({ staticData, http: [ok()] }));
		const context = production({ staticData, http: [ok()] });
		await expect(remove.call(context)).resolves.toBe(true);
		expect(context.mock.requests.map((r) => r.options.url)).toEqual([DISABLE_URL]);
		expect(staticData).toEqual({});
	});

	it('test listen then stop: disables the test registration', async () => {
		const staticData: IDataObject = {};
		await create.call(testListen({ staticData, http: [ok()] }));
		const context = testListen({ staticData, http: [ok()] });
		await expect(remove.call(context)).resolves.toBe(true);
		expect(context.mock.requests.map((r) => r.options.url)).toEqual([DISABLE_URL]);
		expect(staticData).toEqual({});
	});

	it('leaves the assistant alone when nothing is recorded (no request, true, logs why)', async () => {
		const context = production({ http: [ok()] });
		await expect(remove.call(context)).resolves.toBe(true);
		expect(context.mock.requests).toHaveLength(0);
		const info = context.mock.logged('info').join('\n');
		expect(info).toContain('no registration recorded');
		expect(info).toContain('left as it is');
		expect(info).toContain('Intellixent Trigger');
	});

	it('leaves the assistant alone when the record is for another URL (no request, true, logs why)', async () => {
		const staticData = record({ webhookUrl: 'https://other.example.com/webhook/y/webhook' });
		const context = production({ staticData, http: [ok()] });
		await expect(remove.call(context)).resolves.toBe(true);
		expect(context.mock.requests).toHaveLength(0);
		expect(staticData).toEqual(
			record({ webhookUrl: 'https://other.example.com/webhook/y/webhook' }),
		);
		const info = context.mock.logged('info').join('\n');
		expect(info).toContain(
			`assistant ${ASSISTANT_ID} is registered to https://other.example.com/webhook/y/webhook`,
		);
		expect(info).toContain(`not to ${PRODUCTION_URL}`);
	});

	it('404 on disable counts as done: true, record cleared, no retry', async () => {
		const staticData = record();
		const context = production({
			staticData,
			http: [answer(404, { message: 'Assistant not found' })],
		});
		await expect(remove.call(context)).resolves.toBe(true);
		expect(context.mock.requests).toHaveLength(1);
		expect(staticData).toEqual({});
		expect(context.mock.logged('info').join('\n')).toContain(
			`assistant ${ASSISTANT_ID} no longer exists`,
		);
		expect(context.mock.logger.warn).not.toHaveBeenCalled();
	});

	it('log lines escape control characters in node names and server text (no forged log lines)', async () => {
		const context = production({
			staticData: record(),
			node: { name: 'Trigger\nERROR forged line' },
			http: [
				answer(500, { message: 'Server\r\nError\u001b[31m' }),
				answer(500, { message: 'Server\r\nError' }),
			],
		});
		await expect(remove.call(context)).resolves.toBe(false);
		const warning = context.mock.logged('warn')[0];
		expect(warning).toContain('node "Trigger\\nERROR forged line"');
		for (const control of ['\r', '\n', '\u001b']) expect(warning).not.toContain(control);
	});

	it('500 on disable: returns false (never throws), at most 2 short attempts, warns naming the assistant', async () => {
		const staticData = record();
		const context = production({
			staticData,
			http: [
				answer(500, { message: 'Server Error' }),
				answer(500, { message: 'Server Error' }),
				ok(),
			],
		});
		await expect(remove.call(context)).resolves.toBe(false);

		expect(context.mock.requests.length).toBeGreaterThanOrEqual(1);
		expect(context.mock.requests.length).toBeLessThanOrEqual(2);
		for (const wait of requestedWaits()) expect(wait).toBeLessThanOrEqual(2000);
		expect(context.mock.requests[0].options.timeout).toBeLessThan(15_000);

		expect(context.mock.logger.warn).toHaveBeenCalledTimes(1);
		const warning = context.mock.logged('warn')[0];
		expect(warning).toContain(`could not switch off the webhook of assistant ${ASSISTANT_ID}`);
		expect(warning).toContain('Intellixent had a server error (500');
		expect(warning).toContain('unpublished anyway');
		expect(allLogged(context)).not.toContain(FAKE_API_KEY);
		expect(staticData).toEqual(record());
	});

	it('a Retry-After on disable is capped at the short unpublish limit', async () => {
		const context = production({
			staticData: record(),
			http: [answer(503, {}, { 'retry-after': '120' }), answer(503, {})],
		});
		await expect(remove.call(context)).resolves.toBe(false);
		expect(requestedWaits()).toEqual([2000]);
	});

	it('network failure on disable: returns false and warns, without the API key', async () => {
		const staticData = record();
		const context = production({
			staticData,
			http: [networkError('ETIMEDOUT'), networkError('ETIMEDOUT'), ok()],
		});
		await expect(remove.call(context)).resolves.toBe(false);
		expect(context.mock.requests.length).toBeLessThanOrEqual(2);
		const warning = context.mock.logged('warn').join('\n');
		expect(warning).toContain(`assistant ${ASSISTANT_ID}`);
		expect(warning).toContain('ETIMEDOUT');
		expect(allLogged(context)).not.toContain(FAKE_API_KEY);
		expect(allLogged(context)).not.toContain(EXPECTED_TOKEN);
	});

	it('401 on disable: returns false and warns that the key was rejected', async () => {
		const context = production({
			staticData: record(),
			http: [answer(401, { message: 'Unauthenticated.' })],
		});
		await expect(remove.call(context)).resolves.toBe(false);
		expect(context.mock.requests).toHaveLength(1);
		expect(context.mock.logged('warn').join('\n')).toContain('rejected the API key');
	});

	it('no log line of a whole publish/unpublish cycle contains the API key or the token', async () => {
		const staticData: IDataObject = {};
		const contexts = [
			production({ staticData, http: [ok()] }),
			production({ staticData, http: [answer(500, {}), answer(500, {})] }),
			production({ staticData, webhookUrl: TEST_URL, http: [] }),
		];
		await create.call(contexts[0]);
		await remove.call(contexts[1]);
		await remove.call(contexts[2]);
		for (const context of contexts) {
			expect(allLogged(context)).not.toContain(FAKE_API_KEY);
			expect(allLogged(context)).not.toContain(EXPECTED_TOKEN);
		}
		expect(contexts[1].mock.logger.warn).toHaveBeenCalled();
		expect(contexts[2].mock.logger.info).toHaveBeenCalled();
	});
});

describe('a failed publish says what failed and what to do in the message and in the description', () => {
	// n8n 2.40 shows a failed publish's message only, n8n 1.123 a NodeApiError's description only.
	it('a wrong API key at publish: both fields name the 401 and the credential to fix', async () => {
		const context = production({ http: [answer(401, { message: 'Unauthenticated.' })] });
		const error = (await failure(create.call(context))) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		for (const text of [error.message, error.description]) {
			expect(text).toContain('rejected the API key (401 Unauthenticated)');
			expect(text).toContain('Check the API key in the Intellixent API credential');
		}
	});

	it('a test listen keeps them apart: the node view shows both', async () => {
		const context = testListen({ http: [answer(401, { message: 'Unauthenticated.' })] });
		const error = (await failure(create.call(context))) as NodeApiError;
		expect(error.message).toBe(
			'Could not register the webhook with Intellixent: Intellixent rejected the API key (401 Unauthenticated)',
		);
		expect(error.description).toContain('Check the API key in the Intellixent API credential');
	});
});
