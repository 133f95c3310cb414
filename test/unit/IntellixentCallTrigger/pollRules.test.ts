/**
 * poll() against the in-process fake API, for what one poll decides beyond the cursor: the order
 * of the items, the budget (half of what n8n gives, or one minute where it gives nothing usable),
 * the exact warnings (a repaired cursor, unknown statuses), and Fetch Test Event (the latest
 * ended call in the first three pages, or an error that says what it looked at).
 */
import { createFakeCallApi, fakeSetup, MINUTE, pollIds, warnings } from './fakePoll';
import { IntellixentCallTrigger } from '../../../nodes/IntellixentCallTrigger/IntellixentCallTrigger.node';
import { pollContext } from '../../helpers/fakeContext';

const ago = (ms: number) => Date.now() - ms;
const trigger = new IntellixentCallTrigger();

describe('the items of one poll', () => {
	it('come in the order the calls ended, then by ID', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		await pollIds(s);
		const [a, b, c, d] = [1, 2, 3, 4].map(() => api.add(ago(10 * MINUTE)));
		api.end(a, 'completed', ago(MINUTE));
		api.end(b, 'completed', ago(3 * MINUTE));
		api.end(d, 'completed', ago(2 * MINUTE));
		api.end(c, 'completed', ago(2 * MINUTE));
		expect(await pollIds(s)).toEqual([b, c, d, a]);
	});

	it('a call without readable times comes first', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		await pollIds(s);
		const [a, b] = [1, 2].map(() => api.add(ago(10 * MINUTE)));
		api.end(a, 'completed', ago(MINUTE));
		api.end(b, 'completed', ago(2 * MINUTE));
		api.onDetail(async () => undefined);
		const helpers = {
			httpRequestWithAuthentication: async (type: string, request: { url: string }) => {
				const answer = (await api.helpers.httpRequestWithAuthentication(type, request)) as {
					body: { data?: Record<string, unknown> };
				};
				if (request.url.endsWith(`/calls/${a}`) && answer.body.data)
					answer.body.data = { ...answer.body.data, updated_at: 'later', created_at: undefined };
				return answer;
			},
		};
		expect(await pollIds({ ...s, helpers })).toEqual([a, b]);
	});
});

describe('the budget of one poll', () => {
	/** Five ended calls; each detail request takes 10 s of a fake clock. */
	async function detailsWithin(budget: (() => unknown) | undefined): Promise<number> {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		await pollIds(s);
		for (let i = 0; i < 5; i++) api.end(api.add(ago(MINUTE)));
		let clock = Date.now();
		const now = jest.spyOn(Date, 'now').mockImplementation(() => clock);
		api.onDetail(async () => {
			clock += 10_000;
		});
		try {
			const ctx = pollContext(s);
			if (budget) (ctx as unknown as { getPollBudgetMs: unknown }).getPollBudgetMs = budget;
			const result = await trigger.poll.call(ctx);
			return result ? result[0].length : 0;
		} finally {
			now.mockRestore();
		}
	}

	it('uses half of what n8n gives: no new request after it', async () => {
		expect(await detailsWithin(() => 60_000)).toBe(3);
		expect(await detailsWithin(() => 80_000)).toBe(4);
		expect(await detailsWithin(() => 0)).toBe(1);
	});

	it('one minute where n8n gives none, or nothing usable', async () => {
		expect(await detailsWithin(undefined)).toBe(3);
		expect(await detailsWithin(() => -1)).toBe(3);
		expect(await detailsWithin(() => Number.NaN)).toBe(3);
		expect(await detailsWithin(() => 'soon')).toBe(3);
		expect(await detailsWithin(() => Number.POSITIVE_INFINITY)).toBe(3);
	});
});

describe('warnings', () => {
	it('a repaired cursor: every repair, in one warning', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api, {
			staticData: { callCursor: { v: 1, since: 0, seen: { x: 1 } } },
		});
		await pollIds(s);
		expect(warnings(s)).toEqual([
			'Intellixent Call Trigger repaired its stored cursor: the window started more than 7 days ago; 1 unreadable handled-call entries were dropped',
		]);
	});

	it('unknown statuses: counted, at most 10 named', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		for (let i = 1; i <= 11; i++)
			api.addRaw(ago(MINUTE) + i, {
				id: i,
				status: 'teleported',
				created_at: new Date(ago(MINUTE) + i).toISOString(),
			});
		await pollIds(s);
		expect(warnings(s)).toEqual([
			'Intellixent Call Trigger: 11 calls have a status it does not know (calls 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, …); they count as still going on, for at most 24 hours',
		]);
		const few = fakeSetup(api, { staticData: {} });
		api.overrideList((qs) =>
			Number(qs.page) === 1
				? {
						last_page: 1,
						data: [{ id: 3, status: 'x', created_at: new Date(ago(MINUTE)).toISOString() }],
					}
				: undefined,
		);
		await pollIds(few);
		expect(warnings(few)).toEqual([
			'Intellixent Call Trigger: 1 calls have a status it does not know (calls 3); they count as still going on, for at most 24 hours',
		]);
	});

	it('a sound cursor and known statuses: no warning', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		api.end(api.add(ago(MINUTE)));
		await pollIds(s);
		await pollIds(s);
		expect(warnings(s)).toEqual([]);
	});
});

describe('Fetch Test Event', () => {
	it('the latest ended call in a chosen state, from the first three pages only', async () => {
		const api = createFakeCallApi();
		const pages: number[] = [];
		api.overrideList((qs) => {
			pages.push(Number(qs.page));
			return undefined;
		});
		// 450 calls, newest first: the newest open, one busy, then ended ones; the latest end is on
		// page 3, a later one on page 4 is out of reach.
		const ids = Array.from({ length: 450 }, (_, i) => api.add(ago(450 * MINUTE - i * MINUTE)));
		for (const id of ids) api.end(id, 'completed', ago(500 * MINUTE));
		api.end(ids[449 - 250], 'completed', ago(2 * MINUTE));
		api.end(ids[449 - 350], 'completed', ago(MINUTE));
		api.end(ids[449 - 5], 'busy', ago(0));
		api.addRaw(ago(0), { id: 999, status: 'in-progress', created_at: new Date().toISOString() });
		const s = fakeSetup(api, { mode: 'manual' });
		const result = await trigger.poll.call(pollContext(s));
		expect(result![0].map((item) => item.json.id)).toEqual([ids[449 - 250]]);
		expect(pages).toEqual([1, 2, 3]);
		expect(s.staticData).toEqual({});
	});

	it('stops at the last page', async () => {
		const api = createFakeCallApi();
		const pages: number[] = [];
		api.overrideList((qs) => {
			pages.push(Number(qs.page));
			return undefined;
		});
		const id = api.add(ago(5 * MINUTE));
		api.end(id);
		api.add(ago(MINUTE));
		const result = await trigger.poll.call(pollContext(fakeSetup(api, { mode: 'manual' })));
		expect(result![0].map((item) => item.json.id)).toEqual([id]);
		expect(pages).toEqual([1]);
		// Without last_page, or with an empty page, the search ends there.
		for (const answer of [
			{ data: [{ id, status: 'completed', created_at: new Date(ago(MINUTE)).toISOString() }] },
			{ last_page: 3, data: [] },
		]) {
			pages.length = 0;
			api.overrideList((qs) => {
				pages.push(Number(qs.page));
				return answer;
			});
			await trigger.poll.call(pollContext(fakeSetup(api, { mode: 'manual' }))).catch(() => null);
			expect(pages).toEqual([1]);
		}
	});

	it('none ended: an error that says how many calls it looked at and what to do', async () => {
		const api = createFakeCallApi();
		api.add(ago(MINUTE));
		api.end(api.add(ago(2 * MINUTE)), 'busy');
		const error = await trigger.poll
			.call(pollContext(fakeSetup(api, { mode: 'manual' })))
			.catch((e: unknown) => e as Error & { description?: string });
		expect((error as Error).message).toBe('No ended call matches these settings yet');
		expect((error as { description?: string }).description).toBe(
			'Looked at the latest 300 calls. Make a call with the assistant, or add end states (no-answer, busy, failed), then fetch again.',
		);
	});
});
