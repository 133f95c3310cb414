/**
 * Takeover: workflow X registers assistant A, workflow Y registers A later (and takes it
 * over: Intellixent keeps one URL per assistant), then X is unpublished. X must leave A alone.
 * Also: n8n re-registering published workflows (n8n 1.x at start, a new multi-main leader) must
 * not hand A back to X, and unpublishing disables with the API form that enabled.
 */
import type { IDataObject, WorkflowActivateMode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import {
	answer,
	ASSISTANT_ID,
	FAKE_API_KEY,
	hookContext,
	ok,
	type HookContext,
	type ScriptedAnswer,
	instantSleep,
} from '../../../helpers/fakeContext';

instantSleep();

const { create, delete: remove } = new IntellixentTrigger().webhookMethods.default;

/** Who registered what is remembered per process: each test gets its own Base URL. */
let baseCounter = 0;
let base = '';
beforeEach(() => {
	(sleep as unknown as jest.Mock).mockClear();
	base = `https://takeover-${++baseCounter}.example.com`;
});

interface Trigger {
	workflowId: string;
	webhookId: string;
	url: string;
	staticData: IDataObject;
}

function trigger(name: string): Trigger {
	const webhookId = `${name}0000-0000-4000-8000-000000000000`.slice(0, 36);
	return {
		workflowId: `wf-${name}`,
		webhookId,
		url: `https://n8n.example.com/webhook/${webhookId}/webhook`,
		staticData: {},
	};
}

function on(
	t: Trigger,
	http: ScriptedAnswer[],
	activationMode: WorkflowActivateMode = 'activate',
): HookContext {
	return hookContext({
		activationMode,
		workflowActive: true,
		workflowId: t.workflowId,
		node: { webhookId: t.webhookId, name: `Trigger ${t.workflowId}` },
		webhookUrl: t.url,
		staticData: t.staticData,
		credentials: { apiKey: FAKE_API_KEY, baseUrl: base },
		http,
	});
}

/** What a trigger's static data says after it registered A at this test's Base URL. */
function recorded(
	t: Trigger,
	registeredAt = '2026-01-01T00:00:00.000Z',
	api: IDataObject = { baseUrl: base, form: 'path' },
) {
	t.staticData.registration = {
		assistantId: ASSISTANT_ID,
		webhookUrl: t.url,
		test: false,
		registeredAt,
		api,
	};
}

const registration = (t: Trigger) =>
	t.staticData.registration as IDataObject & { registeredAt: string };
const ENABLE = () => `${base}/api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook`;
const DISABLE = () => `${base}/api/assistants/${ASSISTANT_ID}/disable-conversation-ended-webhook`;
const paths = (context: HookContext) => context.mock.requests.map((r) => r.options.url);

describe('a trigger whose assistant was taken over', () => {
	it('X publishes A, Y publishes A, X unpublishes: no disable, true, X forgets its record, the log says why', async () => {
		const x = trigger('aaaa');
		const y = trigger('bbbb');
		await create.call(on(x, [ok()]));
		await create.call(on(y, [ok()]));

		const unpublishX = on(x, []);
		await expect(remove.call(unpublishX)).resolves.toBe(true);
		expect(unpublishX.mock.requests).toHaveLength(0);
		expect(x.staticData).toEqual({});
		const info = unpublishX.mock.logged('info').join('\n');
		expect(info).toContain(
			`assistant ${ASSISTANT_ID} was registered later by workflow wf-bbbb, node "Trigger wf-bbbb"`,
		);
		expect(info).toContain(y.url);
		expect(info).toContain('left switched on');
		expect(info).not.toContain(FAKE_API_KEY);

		// Y is still the holder: its own unpublish switches the webhook off.
		const unpublishY = on(y, [ok()]);
		await expect(remove.call(unpublishY)).resolves.toBe(true);
		expect(paths(unpublishY)).toEqual([DISABLE()]);
		expect(y.staticData).toEqual({});
	});

	it('X publishing again takes A back: then Y is the one that leaves it alone', async () => {
		const x = trigger('aaaa');
		const y = trigger('bbbb');
		await create.call(on(x, [ok()]));
		await create.call(on(y, [ok()]));
		await create.call(on(x, [ok()]));

		const unpublishY = on(y, []);
		await expect(remove.call(unpublishY)).resolves.toBe(true);
		expect(unpublishY.mock.requests).toHaveLength(0);
		const unpublishX = on(x, [ok()]);
		await remove.call(unpublishX);
		expect(paths(unpublishX)).toEqual([DISABLE()]);
	});

	it('the holder unpublishing first, then the earlier one: each disables (nobody holds A any more)', async () => {
		const x = trigger('aaaa');
		const y = trigger('bbbb');
		await create.call(on(x, [ok()]));
		await create.call(on(y, [ok()]));
		const unpublishY = on(y, [ok()]);
		await remove.call(unpublishY);
		expect(paths(unpublishY)).toEqual([DISABLE()]);
		// Nobody holds A in this process any more; X's record still says it registered A.
		const unpublishX = on(x, [ok()]);
		await remove.call(unpublishX);
		expect(paths(unpublishX)).toEqual([DISABLE()]);
	});

	it('another assistant or another Base URL is not a takeover', async () => {
		const x = trigger('aaaa');
		const y = trigger('bbbb');
		await create.call(on(x, [ok()]));
		const elsewhere = hookContext({
			activationMode: 'activate',
			workflowId: y.workflowId,
			node: { webhookId: y.webhookId },
			webhookUrl: y.url,
			staticData: y.staticData,
			credentials: { apiKey: FAKE_API_KEY, baseUrl: `${base}.other` },
			http: [ok()],
		});
		await create.call(elsewhere);
		const unpublishX = on(x, [ok()]);
		await remove.call(unpublishX);
		expect(paths(unpublishX)).toEqual([DISABLE()]);
	});

	it('without any knowledge in this process (n8n 2.x after a restart), the record decides: disable', async () => {
		const x = trigger('aaaa');
		recorded(x);
		const unpublishX = on(x, [ok()]);
		await expect(remove.call(unpublishX)).resolves.toBe(true);
		expect(paths(unpublishX)).toEqual([DISABLE()]);
	});
});

describe('n8n re-registering published workflows (init at n8n 1.x start, leadershipChange)', () => {
	it.each(['init', 'leadershipChange'] as const)(
		'%s: the newer claim re-registers first, the older one then leaves A to it (no request) and logs it',
		async (mode) => {
			const x = trigger('aaaa');
			const y = trigger('bbbb');
			recorded(x, '2026-01-01T00:00:00.000Z');
			recorded(y, '2026-01-02T00:00:00.000Z');
			const yAgain = on(y, [ok()], mode);
			await create.call(yAgain);
			expect(paths(yAgain)).toEqual([ENABLE()]);
			// The claim time is kept, not renewed.
			expect(registration(y).registeredAt).toBe('2026-01-02T00:00:00.000Z');

			const xAgain = on(x, [ok()], mode);
			await expect(create.call(xAgain)).resolves.toBe(true);
			expect(xAgain.mock.requests).toHaveLength(0);
			expect(registration(x).registeredAt).toBe('2026-01-01T00:00:00.000Z');
			expect(xAgain.mock.logged('info').join('\n')).toContain(
				`assistant ${ASSISTANT_ID} was registered later by workflow wf-bbbb, node "Trigger wf-bbbb"`,
			);

			// And X's unpublish afterwards leaves Y alone.
			const unpublishX = on(x, []);
			await expect(remove.call(unpublishX)).resolves.toBe(true);
			expect(unpublishX.mock.requests).toHaveLength(0);
		},
	);

	it('init: the older claim re-registering first is overtaken by the newer one, which then holds A', async () => {
		const x = trigger('aaaa');
		const y = trigger('bbbb');
		recorded(x, '2026-01-01T00:00:00.000Z');
		recorded(y, '2026-01-02T00:00:00.000Z');
		const xAgain = on(x, [ok()], 'init');
		await create.call(xAgain);
		const yAgain = on(y, [ok()], 'init');
		await create.call(yAgain);
		expect(paths(xAgain)).toEqual([ENABLE()]);
		expect(paths(yAgain)).toEqual([ENABLE()]);
		const unpublishX = on(x, []);
		await remove.call(unpublishX);
		expect(unpublishX.mock.requests).toHaveLength(0);
	});

	it('a publish (not a re-registration) always claims anew, even over a newer holder', async () => {
		const x = trigger('aaaa');
		const y = trigger('bbbb');
		recorded(x, '2026-01-01T00:00:00.000Z');
		await create.call(on(y, [ok()]));
		const publishX = on(x, [ok()], 'activate');
		await create.call(publishX);
		expect(paths(publishX)).toEqual([ENABLE()]);
		expect(Date.parse(registration(x).registeredAt)).toBeGreaterThan(
			Date.parse('2026-01-02T00:00:00.000Z'),
		);
	});

	it.each([
		['a damaged claim time', { registeredAt: 'yesterday' }],
		['a test registration', { test: true }],
		['another assistant', { assistantId: 'f9e8d7c6-b5a4-3210-fedc-ba9876543210' }],
	])('init with %s in static data claims anew (now)', async (_label, change) => {
		const x = trigger('aaaa');
		recorded(x, '2026-01-01T00:00:00.000Z');
		Object.assign(x.staticData.registration as IDataObject, change);
		const before = Date.now();
		await create.call(on(x, [ok()], 'init'));
		expect(Date.parse(registration(x).registeredAt)).toBeGreaterThanOrEqual(before - 1000);
	});
});

describe('unpublish uses the API form that enabled', () => {
	it('enabled through the body form: disables through the body form with the same integer id, no list, no path form', async () => {
		const x = trigger('aaaa');
		const publish = on(x, [
			answer(404, {
				message: `The route api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook could not be found.`,
			}),
			ok({
				current_page: 1,
				last_page: 1,
				per_page: 100,
				total: 1,
				data: [{ id: 205, uuid: ASSISTANT_ID, name: 'A' }],
			}),
			ok({ message: 'Conversation ended webhook enabled successfully', data: [] }),
		]);
		await create.call(publish);
		expect(registration(x).api).toEqual({ baseUrl: base, form: 'body', assistantNumericId: 205 });

		const unpublish = on(x, [
			ok({ message: 'Conversation ended webhook disabled successfully', data: [] }),
		]);
		await expect(remove.call(unpublish)).resolves.toBe(true);
		expect(paths(unpublish)).toEqual([
			`${base}/api/user/assistants/disable-conversation-ended-webhook`,
		]);
		expect(unpublish.mock.requests[0].options.body).toEqual({ assistant_id: 205 });
		expect(x.staticData).toEqual({});
	});

	it('re-publishing at the same Base URL goes straight to the recorded form', async () => {
		const x = trigger('aaaa');
		recorded(x, undefined, { baseUrl: base, form: 'body', assistantNumericId: 205 });
		const publish = on(x, [ok()]);
		await create.call(publish);
		expect(paths(publish)).toEqual([
			`${base}/api/user/assistants/enable-conversation-ended-webhook`,
		]);
		expect(publish.mock.requests[0].options.body).toMatchObject({ assistant_id: 205 });
	});

	it('neither form served on unpublish: false and a warning naming both answers, never "no longer exists"', async () => {
		const x = trigger('aaaa');
		recorded(x, undefined, { baseUrl: base, form: 'body', assistantNumericId: 205 });
		const unpublish = on(x, [answer(404, '<html>404</html>'), answer(405, {})]);
		await expect(remove.call(unpublish)).resolves.toBe(false);
		const warning = unpublish.mock.logged('warn').join('\n');
		expect(warning).toContain(
			'serves neither documented form of disable-conversation-ended-webhook',
		);
		expect(warning).toContain('Forms tried: 1) the body form');
		expect(warning).toContain('2) the path form');
		expect(unpublish.mock.logged('info').join('\n')).not.toContain('no longer exists');
		expect(x.staticData.registration).toBeDefined();
	});
});
