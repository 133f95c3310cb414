/**
 * The webhook lifecycle with what real installations also hand it: damaged or older static-data
 * records, n8n re-registering (activation mode `init`) over such records, a workflow without an
 * id, no webhook URL at unpublish, a missing credential, and a failure after an API-form fallback.
 * Each case pins one behaviour that a mutation run (npm run test:mutation) showed no other test
 * pinned; the lifecycle itself is in registration.test.ts and takeover.test.ts.
 */
import type { IDataObject, WorkflowActivateMode } from 'n8n-workflow';

import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import { getRegistration, triggerKey } from '../../../../nodes/IntellixentTrigger/registration';
import {
	answer,
	ASSISTANT_ID,
	FAKE_API_KEY,
	hookContext,
	ok,
	OTHER_ASSISTANT_ID,
	PRODUCTION_URL,
	TEST_URL,
	type HookContext,
	type HookContextOptions,
	instantSleep,
} from '../../../helpers/fakeContext';

instantSleep();

const { create, delete: remove } = new IntellixentTrigger().webhookMethods.default;

/** Who registered what is remembered per process: each test gets its own Base URL and workflow. */
let counter = 0;
let base = '';
let workflowId = '';
beforeEach(() => {
	counter++;
	base = `https://records-${counter}.example.com`;
	workflowId = `wf-records-${counter}`;
});

function context(
	activationMode: WorkflowActivateMode,
	options: HookContextOptions = {},
): HookContext {
	return hookContext({
		activationMode,
		workflowActive: activationMode !== 'manual',
		webhookUrl: activationMode === 'manual' ? TEST_URL : PRODUCTION_URL,
		workflowId,
		credentials: { apiKey: FAKE_API_KEY, baseUrl: base },
		...options,
	});
}

/** A production record of ASSISTANT_ID for PRODUCTION_URL, with `overrides` (any type: damage). */
function record(overrides: IDataObject = {}): IDataObject {
	return {
		registration: {
			assistantId: ASSISTANT_ID,
			webhookUrl: PRODUCTION_URL,
			test: false,
			registeredAt: '2026-01-01T00:00:00.000Z',
			api: { baseUrl: base, form: 'path' },
			...overrides,
		},
	};
}

/** This trigger's context as n8n hands it for a workflow that has no id (never saved). */
function withoutWorkflowId(ctx: HookContext): HookContext {
	const workflow = ctx.getWorkflow();
	ctx.getWorkflow = () => ({ ...workflow, id: undefined }) as unknown as typeof workflow;
	return ctx;
}

const registeredAt = (ctx: HookContext) =>
	(ctx.mock.staticData.registration as IDataObject).registeredAt;

describe('a damaged registration record', () => {
	it.each([
		['a string', 'junk'],
		['a number', 42],
		['true', true],
		['null', null],
	])('is no registration when it is %s', (_name, value) => {
		expect(getRegistration({ registration: value } as IDataObject)).toBeUndefined();
	});

	it('a string in its place: unpublishing leaves the assistant alone and says no registration is recorded', async () => {
		const ctx = context('activate', { staticData: { registration: 'junk' } });
		await expect(remove.call(ctx)).resolves.toBe(true);
		expect(ctx.mock.requests).toHaveLength(0);
		expect(ctx.mock.logged('info').join('\n')).toContain('no registration recorded for this URL');
	});
});

describe("n8n's re-registration (mode init) over unusual records", () => {
	it('with no record at all: registers, claiming the assistant now', async () => {
		const ctx = context('init', { http: [ok()] });
		await expect(create.call(ctx)).resolves.toBe(true);
		expect(Date.parse(registeredAt(ctx) as string)).toBeGreaterThan(Date.now() - 60_000);
	});

	it('keeps the recorded claim time of an intact record of the same assistant', async () => {
		const ctx = context('init', { staticData: record(), http: [ok()] });
		await create.call(ctx);
		expect(registeredAt(ctx)).toBe('2026-01-01T00:00:00.000Z');
	});

	it('a record whose assistant ID is not a string: registers, claiming the assistant now', async () => {
		const ctx = context('init', { staticData: record({ assistantId: 42 }), http: [ok()] });
		await expect(create.call(ctx)).resolves.toBe(true);
		expect(registeredAt(ctx)).not.toBe('2026-01-01T00:00:00.000Z');
		expect((ctx.mock.staticData.registration as IDataObject).assistantId).toBe(ASSISTANT_ID);
	});

	it('a claim time that is not a string (2026, which Date.parse would read as a year) is not kept', async () => {
		const ctx = context('init', { staticData: record({ registeredAt: 2026 }), http: [ok()] });
		await create.call(ctx);
		expect(typeof registeredAt(ctx)).toBe('string');
		expect(Date.parse(registeredAt(ctx) as string)).toBeGreaterThan(Date.now() - 60_000);
	});
});

describe('test listens', () => {
	it('listening, stopping, then listening again on an unpublished workflow: both listens register', async () => {
		// A test listen must not be remembered as a publish: the second listen would be refused.
		const first = context('manual', { http: [ok()] });
		await expect(create.call(first)).resolves.toBe(true);
		const stop = context('manual', { staticData: first.mock.staticData, http: [ok()] });
		await expect(remove.call(stop)).resolves.toBe(true);
		const second = context('manual', { staticData: stop.mock.staticData, http: [ok()] });
		await expect(create.call(second)).resolves.toBe(true);
		expect(second.mock.requests.map((r) => r.options.url)).toEqual([
			`${base}/api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook`,
		]);
	});

	it('allowed on a published workflow whose published version serves another assistant', async () => {
		// The editor's assistant changed: listening for it does not touch the published one.
		const ctx = context('manual', {
			workflowActive: true,
			staticData: record({ assistantId: OTHER_ASSISTANT_ID }),
			http: [ok()],
		});
		await expect(create.call(ctx)).resolves.toBe(true);
	});
});

describe('log lines when n8n leaves something out', () => {
	it('a workflow without an id, and no webhook URL at unpublish: "?" in their place', async () => {
		const ctx = withoutWorkflowId(context('activate', { webhookUrl: null, staticData: record() }));
		await expect(remove.call(ctx)).resolves.toBe(true);
		expect(ctx.mock.requests).toHaveLength(0);
		expect(ctx.mock.logged('info')).toEqual([
			`Intellixent Trigger (workflow ?, node "Intellixent Trigger"): assistant ${ASSISTANT_ID} is registered to ${PRODUCTION_URL}, not to ?, so it was left as it is`,
		]);
	});

	it('a takeover by a workflow without an id is described as "workflow ?"', async () => {
		const x = context('activate', {
			node: { webhookId: 'x-hook', name: 'X' },
			webhookUrl: 'https://n8n.example.com/webhook/x-hook/webhook',
			http: [ok()],
		});
		await create.call(x);
		const y = withoutWorkflowId(context('activate', { node: { name: 'Y' }, http: [ok()] }));
		await create.call(y);

		const unpublishX = context('activate', {
			node: { webhookId: 'x-hook', name: 'X' },
			webhookUrl: 'https://n8n.example.com/webhook/x-hook/webhook',
			staticData: x.mock.staticData,
		});
		await expect(remove.call(unpublishX)).resolves.toBe(true);
		expect(unpublishX.mock.logged('info').join('\n')).toContain(
			`was registered later by workflow ?, node "Y"`,
		);
	});

	it('a workflow without an id keys its trigger by the node alone', () => {
		const ctx = withoutWorkflowId(context('activate', { node: { webhookId: 'hook-1' } }));
		expect(triggerKey(ctx)).toBe('/hook-1');
	});
});

describe('unpublishing with an older record or a failing API', () => {
	it('a record from before the Base URL was recorded (no api) still sees that another workflow took over', async () => {
		const x = context('activate', {
			node: { webhookId: 'x-hook', name: 'X' },
			webhookUrl: 'https://n8n.example.com/webhook/x-hook/webhook',
			staticData: record({
				webhookUrl: 'https://n8n.example.com/webhook/x-hook/webhook',
				api: undefined,
			}),
		});
		delete (x.mock.staticData.registration as IDataObject).api;
		await create.call(context('activate', { node: { name: 'Y' }, http: [ok()] }));

		await expect(remove.call(x)).resolves.toBe(true);
		expect(x.mock.requests).toHaveLength(0);
		expect(x.mock.logged('info').join('\n')).toContain('so its webhook was left switched on');
	});

	it('a failure without a fallback is logged with its message only', async () => {
		const ctx = context('activate', {
			staticData: record(),
			http: [answer(500, { message: 'Server Error' }), answer(500, { message: 'Server Error' })],
		});
		await expect(remove.call(ctx)).resolves.toBe(false);
		expect(ctx.mock.logged('warn').join('\n')).toContain(
			': Could not remove the webhook from Intellixent: Intellixent had a server error (500, tried 2 times). The workflow was unpublished anyway;',
		);
	});

	it('a failure after the fallback to the other API form adds which forms were tried, and only that', async () => {
		const ctx = context('activate', {
			staticData: record(),
			http: [
				answer(404, {
					message: `The route api/assistants/${ASSISTANT_ID}/disable-conversation-ended-webhook could not be found.`,
				}),
				ok({
					current_page: 1,
					last_page: 1,
					per_page: 100,
					total: 1,
					data: [{ id: 205, uuid: ASSISTANT_ID, name: 'A' }],
				}),
				answer(500, { message: 'Server Error' }),
				answer(500, { message: 'Server Error' }),
			],
		});
		await expect(remove.call(ctx)).resolves.toBe(false);
		const warning = ctx.mock.logged('warn').join('\n');
		expect(warning).toContain(
			'Intellixent had a server error (500, tried 2 times) (Forms tried: 1) the path form POST',
		);
		expect(warning).toContain(
			'2) the body form POST /api/user/assistants/disable-conversation-ended-webhook {assistant_id: 205} answered 500 "Server Error".). The workflow was unpublished anyway;',
		);
	});

	it('a missing credential: false and a warning naming it, never a crash', async () => {
		const ctx = context('activate', { staticData: record() });
		(ctx.getCredentials as jest.Mock).mockRejectedValue(
			new Error('Node does not have any credentials set for "intellixentApi"'),
		);
		await expect(remove.call(ctx)).resolves.toBe(false);
		expect(ctx.mock.logged('warn').join('\n')).toContain(
			`could not switch off the webhook of assistant ${ASSISTANT_ID}: Node does not have any credentials set for "intellixentApi". The workflow was unpublished anyway;`,
		);
	});
});
