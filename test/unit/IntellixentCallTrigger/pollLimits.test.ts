/**
 * The Call Trigger's bounds: one poll per trigger at a time (two overlapping polls emit each call
 * once), a budget per poll (a backlog arrives over several polls, each call once), and a cost per
 * poll that follows the calls in the window, not the calls of the day, in either list order, with
 * a large first window read over several polls and a list that repeats a page stopped with an error.
 */
import { OVERLAP_MS } from '../../../nodes/IntellixentCallTrigger/callCursor';
import { MAX_LIST_PAGES_PER_POLL } from '../../../nodes/IntellixentCallTrigger/pollCalls';
import { createFakeCallApi, fakeSetup, MINUTE, pollIds, type FakeCallApi } from './fakePoll';

const DAY = 24 * 60 * MINUTE;
const ago = (ms: number) => Date.now() - ms;

describe('one poll per trigger at a time', () => {
	it('a poll started while another runs does nothing; each call is emitted once', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		await pollIds(s);
		const calls = [1, 2, 3, 4, 5].map(() => api.add(ago(MINUTE)));
		for (const id of calls) api.end(id);
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		api.onDetail(async () => await gate);
		const first = pollIds(s);
		await new Promise((resolve) => setImmediate(resolve));
		const second = pollIds(s);
		await new Promise((resolve) => setImmediate(resolve));
		release();
		expect(await second).toEqual([]);
		expect((await first).sort((a, b) => a - b)).toEqual(calls);
		expect(
			s.logs!.some((l) => l.message.includes('previous poll of this trigger is still running')),
		).toBe(true);
		// The guard is released: the next poll runs (and has nothing new).
		api.onDetail(async () => undefined);
		const more = api.add(ago(MINUTE));
		api.end(more);
		expect(await pollIds(s)).toEqual([more]);
	});

	it('another trigger (another node) is not held back', async () => {
		const api = createFakeCallApi();
		const a = fakeSetup(api);
		const b = fakeSetup(api, { workflowId: 'wf-other' });
		await pollIds(a);
		await pollIds(b);
		const id = api.add(ago(MINUTE));
		api.end(id);
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		api.onDetail(async () => await gate);
		const first = pollIds(a);
		const second = pollIds(b);
		await new Promise((resolve) => setImmediate(resolve));
		release();
		expect(await first).toEqual([id]);
		expect(await second).toEqual([id]);
	});
});

describe('a budget per poll', () => {
	it('with no budget left after the first detail, each poll emits one call; all arrive once', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api, { budgetMs: 0 });
		await pollIds(s);
		const calls = [1, 2, 3, 4, 5].map(() => api.add(ago(MINUTE)));
		for (const id of calls) api.end(id);
		const emitted: number[][] = [];
		for (let i = 0; i < 6; i++) emitted.push(await pollIds(s));
		expect(emitted.map((e) => e.length)).toEqual([1, 1, 1, 1, 1, 0]);
		expect(emitted.flat().sort((a, b) => a - b)).toEqual(calls);
		expect(api.counts.detail).toBe(5);
	});
});

/** A day of calls, evenly spread, all ended but `open` (created `openAgoMs` ago, still going on). */
function busyDay(api: FakeCallApi, perDay: number, openAgoMs?: number): void {
	const step = DAY / perDay;
	for (let t = ago(DAY); t < Date.now() - step; t += step) api.end(api.add(t));
	if (openAgoMs !== undefined) api.add(ago(openAgoMs));
}

describe('cost per poll', () => {
	it.each(['newest', 'oldest'] as const)(
		'50,000 calls a day, listed %s first: a steady poll reads at most 3 pages',
		async (order) => {
			const api = createFakeCallApi({ order });
			busyDay(api, 50_000);
			const s = fakeSetup(api);
			// The first window (a day, 500 pages) is read over several polls, without an error.
			let polls = 0;
			while ((s.staticData.callCursor as { scan?: unknown } | undefined)?.scan || polls === 0) {
				expect(await pollIds(s)).toEqual([]);
				expect(++polls).toBeLessThan(40);
			}
			expect(polls).toBeGreaterThan(1);
			// Then one poll a minute, each after a minute of calls (35), all ended.
			let clock = Date.now();
			const now = jest.spyOn(Date, 'now').mockImplementation(() => clock);
			try {
				for (let minute = 0; minute < 5; minute++) {
					const fresh = Array.from({ length: 35 }, (_, i) => api.add(clock + (i * MINUTE) / 35));
					for (const id of fresh) api.end(id);
					clock += MINUTE;
					const before = api.counts.list;
					expect((await pollIds(s)).sort((a, b) => a - b)).toEqual(fresh);
					expect(api.counts.list - before).toBeLessThanOrEqual(3);
				}
			} finally {
				now.mockRestore();
			}
		},
	);

	it('a large first window is read at most MAX_LIST_PAGES_PER_POLL pages per poll', async () => {
		const api = createFakeCallApi();
		busyDay(api, 50_000);
		const s = fakeSetup(api);
		const before = api.counts.list;
		await pollIds(s);
		expect(api.counts.list - before).toBe(MAX_LIST_PAGES_PER_POLL);
	});

	it('a call open for six hours holds the window back, and is emitted once when it ends', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		busyDay(api, 20_000, 6 * 60 * MINUTE);
		const open = api.openIds() as number[];
		const s = fakeSetup(api);
		while (
			!(s.staticData.callCursor as { since?: number } | undefined)?.since ||
			(s.staticData.callCursor as { scan?: unknown }).scan
		)
			await pollIds(s);
		const since = (s.staticData.callCursor as { since: number }).since;
		expect(since).toBeLessThanOrEqual(ago(6 * 60 * MINUTE) - OVERLAP_MS + MINUTE);
		api.end(open[0]);
		// The window now reaches six hours back (about 85 pages): it is read over a few polls.
		const emitted: number[] = [];
		for (let i = 0; i < 8; i++) emitted.push(...(await pollIds(s)));
		expect(emitted).toEqual(open);
	});

	it('a list that answers every page with the same rows stops the poll with a clear error', async () => {
		const api = createFakeCallApi();
		busyDay(api, 50_000);
		const at = new Date(ago(MINUTE)).toISOString();
		api.overrideList(() => ({
			current_page: 1,
			last_page: 9,
			data: Array.from({ length: 100 }, (_, i) => ({
				id: i + 1,
				status: 'completed',
				created_at: at,
			})),
		}));
		await expect(pollIds(fakeSetup(api))).rejects.toThrow(
			'Intellixent answered page 2 of the call list with the same calls as page 1',
		);
	});

	it('a list found unsorted on the way down from the last page is read again from page 1', async () => {
		const api = createFakeCallApi();
		const pagesAsked: number[] = [];
		const start = ago(20 * 60 * MINUTE);
		// 30 pages, oldest first, but page 25 is shuffled.
		api.overrideList((qs) => {
			const page = Number(qs.page);
			pagesAsked.push(page);
			const ids = Array.from({ length: 100 }, (_, i) => (page - 1) * 100 + i + 1);
			if (page === 25) ids.reverse();
			const data = ids.map((id) => ({
				id,
				status: 'completed',
				created_at: new Date(start + id * 10_000).toISOString(),
			}));
			return { current_page: page, last_page: 30, data };
		});
		const s = fakeSetup(api);
		await pollIds(s);
		expect((s.staticData.callCursor as { scan: object }).scan).toMatchObject({
			page: 1,
			order: 'unsorted',
		});
		pagesAsked.length = 0;
		await pollIds(s);
		expect(pagesAsked.slice(0, 3)).toEqual([1, 2, 3]);
	});
	it.each(['newest', 'oldest'] as const)(
		'a window read over several polls (listed %s first) still emits a call that just ended at the next poll',
		async (order) => {
			const api = createFakeCallApi({ order });
			busyDay(api, 50_000, 6 * 60 * MINUTE);
			const s = fakeSetup(api);
			const scan = () => (s.staticData.callCursor as { scan?: { page: number } } | undefined)?.scan;
			// Past the first window, into a later one that is read over several polls.
			for (let i = 0; i < 40 && (i < 28 || !scan()); i++) expect(await pollIds(s)).toEqual([]);
			expect(scan()).toBeDefined();
			const fresh = api.add(ago(MINUTE));
			api.end(fresh);
			expect(await pollIds(s)).toEqual([fresh]);
		},
	);
});
