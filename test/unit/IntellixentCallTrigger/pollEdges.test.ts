/**
 * poll() against the in-process fake API at the edges the other poll tests leave: a tick while
 * the same trigger's poll runs (skipped, and the guard released after), polls of two workflows at
 * once (both run), the list order and last page kept in the cursor, exactly ten unknown or gone
 * calls (all named, no ellipsis), and Fetch Test Event over unreadable rows and equal end times.
 */
import { createFakeCallApi, fakeSetup, MINUTE, pollIds, warnings } from './fakePoll';
import { IntellixentCallTrigger } from '../../../nodes/IntellixentCallTrigger/IntellixentCallTrigger.node';
import { pollContext } from '../../helpers/fakeContext';

const ago = (ms: number) => Date.now() - ms;
const trigger = new IntellixentCallTrigger();

/** Holds every detail request until `release()`; `started` resolves at the first one. */
function heldDetails(api: ReturnType<typeof createFakeCallApi>) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let started!: () => void;
	const first = new Promise<void>((resolve) => (started = resolve));
	api.onDetail(async () => {
		started();
		await held;
	});
	return { release, started: first };
}

describe('polls that overlap', () => {
	it('a tick while the same trigger polls does nothing; the guard is released after', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		await pollIds(s);
		const id = api.add(ago(MINUTE));
		api.end(id);
		const hold = heldDetails(api);
		const running = pollIds(s);
		await hold.started;
		expect(await trigger.poll.call(pollContext(s))).toBeNull();
		expect(s.logs).toContainEqual({
			level: 'info',
			message:
				'Intellixent Call Trigger skipped a poll: the previous poll of this trigger is still running',
		});
		hold.release();
		expect(await running).toEqual([id]);
		const later = api.add(ago(MINUTE));
		api.end(later);
		expect(await pollIds(s)).toEqual([later]);
	});

	it('the same trigger in two workflows polls in both at once', async () => {
		const api = createFakeCallApi();
		const [a, b] = ['wf-a', 'wf-b'].map((workflowId) => fakeSetup(api, { workflowId }));
		await pollIds(a);
		await pollIds(b);
		const id = api.add(ago(MINUTE));
		api.end(id);
		const hold = heldDetails(api);
		const first = pollIds(a);
		await hold.started;
		const second = pollIds(b);
		hold.release();
		expect(await Promise.all([first, second])).toEqual([[id], [id]]);
	});
});

describe('what the cursor keeps of the list', () => {
	it('the order found and, oldest first, the last page', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (let i = 0; i < 250; i++) api.add(ago(100 * MINUTE) + i * 1000);
		const s = fakeSetup(api);
		await pollIds(s);
		expect(s.staticData.callCursor).toMatchObject({ order: 'oldest', lastPage: 3 });
	});
});

describe('warnings that name calls', () => {
	it('exactly ten unknown statuses are all named, without an ellipsis', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		for (let i = 1; i <= 10; i++)
			api.addRaw(ago(MINUTE) + i, {
				id: i,
				status: 'teleported',
				created_at: new Date(ago(MINUTE) + i).toISOString(),
			});
		await pollIds(s);
		expect(warnings(s)).toEqual([
			'Intellixent Call Trigger: 10 calls have a status it does not know (calls 10, 9, 8, 7, 6, 5, 4, 3, 2, 1); they count as still going on, for at most 24 hours',
		]);
	});

	it('exactly ten gone calls are all named, without an ellipsis', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		await pollIds(s);
		const calls = Array.from({ length: 10 }, () => api.add(ago(MINUTE)));
		for (const id of calls) api.end(id);
		const gone = new Set(calls);
		const helpers = {
			httpRequestWithAuthentication: async (type: string, request: { url: string }) => {
				const id = Number(/\/calls\/(\d+)$/.exec(request.url)?.[1]);
				if (gone.has(id)) return { statusCode: 404, headers: {}, body: { message: 'Not found' } };
				return await api.helpers.httpRequestWithAuthentication(type, request);
			},
		};
		expect(await pollIds({ ...s, helpers })).toEqual([]);
		expect(warnings(s)).toEqual([
			`Intellixent Call Trigger did not emit 10 ended calls: their details answered 404 Not Found (calls ${[...calls].reverse().join(', ')}); they were deleted or this API key can no longer read them`,
		]);
	});
});

describe('Fetch Test Event', () => {
	const manual = (api: ReturnType<typeof createFakeCallApi>) => fakeSetup(api, { mode: 'manual' });

	it('skips unreadable rows, naming them by their position in the whole list', async () => {
		const api = createFakeCallApi();
		const at = (ms: number) => new Date(ago(ms)).toISOString();
		api.overrideList((qs) => {
			const page = Number(qs.page);
			if (page === 1)
				return {
					last_page: 2,
					data: [
						{ id: 1, status: 'in-progress', created_at: at(MINUTE) },
						{ id: 2, status: 'completed', created_at: 'yesterday' },
						...Array.from({ length: 98 }, (_, i) => ({
							id: i + 3,
							status: 'in-progress',
							created_at: at(MINUTE),
						})),
					],
				};
			return {
				last_page: 2,
				data: [
					{ id: 0, status: 'completed', created_at: at(MINUTE) },
					{ id: 102, status: 'completed', created_at: at(2 * MINUTE), updated_at: at(0) },
				],
			};
		});
		api.addRaw(ago(2 * MINUTE), {
			id: 102,
			status: 'completed',
			created_at: at(2 * MINUTE),
			updated_at: at(0),
		});
		const s = manual(api);
		const result = await trigger.poll.call(pollContext(s));
		expect(result![0].map((item) => item.json.id)).toEqual([102]);
		expect(warnings(s)).toEqual([
			'Intellixent Call Trigger skipped the row at list position 2 (call 2): its created_at is not a date and time the trigger can read',
			'Intellixent Call Trigger skipped the row at list position 101 (without a valid ID): its ID is not a positive whole number',
		]);
	});

	it('of calls that ended at the same time, takes the first listed', async () => {
		const api = createFakeCallApi();
		const end = ago(MINUTE);
		const older = api.add(ago(10 * MINUTE));
		const newer = api.add(ago(5 * MINUTE));
		api.end(older, 'completed', end);
		api.end(newer, 'completed', end);
		const result = await trigger.poll.call(pollContext(manual(api)));
		// Newest first: the call created last is listed first.
		expect(result![0].map((item) => item.json.id)).toEqual([newer]);
	});
});
