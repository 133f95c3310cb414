/**
 * scanWindow against the in-process fake list, request by request: which pages it reads in each
 * order (newest first, oldest first, unsorted), where it stops (the window's start, the last page,
 * the page limit, the deadline), what a window read over several polls resumes from, and how
 * unreadable rows and a list that ignores `page` are reported.
 */
import { dateFromFilter } from '../../../nodes/IntellixentCallTrigger/callCursor';
import { createFakeCallApi, MINUTE, type FakeCallApi } from './fakePoll';
import { NOW, scanHarness as harness, SINCE } from './scanHarness';

/** 150 calls before the window (same UTC day) and 250 in it, one a second apart. */
function fill(api: FakeCallApi, before = 150, inside = 250): number[] {
	const ids: number[] = [];
	for (let i = before; i >= 1; i--) ids.push(api.add(SINCE - i * 1000));
	for (let i = 0; i < inside; i++) ids.push(api.add(SINCE + i * 1000));
	return ids;
}

const DATE_FROM = dateFromFilter(SINCE);

describe('scanWindow, newest first', () => {
	it('reads pages 1 up to the first row before the window, with date_from the day before', async () => {
		const api = createFakeCallApi();
		fill(api);
		const h = harness(api);
		const w = await h.scan();
		expect(h.pages).toEqual([1, 2, 3]);
		expect(h.dates).toEqual([DATE_FROM, DATE_FROM, DATE_FROM]);
		expect(w).toMatchObject({ complete: true, order: 'newest', requests: 3 });
		expect(w.lastPage).toBeUndefined();
		expect(w.listed).toHaveLength(300);
		expect(w.listed[0]).toEqual({
			id: 400,
			status: { kind: 'open', status: 'in-progress' },
			createdMs: SINCE + 249_000,
		});
	});

	it('a window that ends exactly at a page end reads the next page to find its start', async () => {
		const api = createFakeCallApi();
		fill(api, 150, 200);
		const h = harness(api);
		await h.scan();
		// Page 2 ends with the row at since itself: not before the window.
		expect(h.pages).toEqual([1, 2, 3]);
	});

	it('stops at the page limit and says where to go on', async () => {
		const api = createFakeCallApi();
		fill(api);
		const h = harness(api);
		const w = await h.scan({}, { maxPages: 2 });
		expect(h.pages).toEqual([1, 2]);
		expect(w).toEqual({
			listed: w.listed,
			complete: false,
			progress: { page: 3, order: 'newest', dateFrom: DATE_FROM },
			order: 'newest',
			lastPage: 4,
			requests: 2,
		});
		expect(w.listed).toHaveLength(200);
	});

	it('reads one page at least, and none after the deadline', async () => {
		const api = createFakeCallApi();
		fill(api);
		const h = harness(api);
		const w = await h.scan({}, { deadline: 5, clock: () => 5 });
		expect(h.pages).toEqual([1]);
		expect(w.progress).toEqual({ page: 2, order: 'newest', dateFrom: DATE_FROM });
		const before = harness(api);
		await before.scan({}, { deadline: 5, clock: () => 4 });
		expect(before.pages).toEqual([1, 2, 3]);
	});

	it('resumes a window read over several polls at its page, after the newest page', async () => {
		const api = createFakeCallApi();
		fill(api);
		const h = harness(api);
		const w = await h.scan({
			scan: { page: 3, order: 'newest', dateFrom: DATE_FROM, baseline: false },
		});
		expect(h.pages).toEqual([1, 3]);
		expect(w).toMatchObject({ complete: true, order: 'newest' });
		// Progress of another date_from starts the window again.
		const again = harness(api);
		await again.scan({
			scan: { page: 3, order: 'newest', dateFrom: '2026-11-01', baseline: false },
		});
		expect(again.pages).toEqual([1, 2, 3]);
		// Resuming at page 1 reads it once.
		const one = harness(api);
		await one.scan({ scan: { page: 1, order: 'newest', dateFrom: DATE_FROM, baseline: false } });
		expect(one.pages).toEqual([1, 2, 3]);
	});

	it('reads every page when the window reaches the end of the list', async () => {
		const api = createFakeCallApi();
		fill(api, 0, 250);
		const h = harness(api);
		const w = await h.scan();
		expect(h.pages).toEqual([1, 2, 3]);
		expect(w).toMatchObject({ complete: true, order: 'newest', requests: 3 });
		expect(w.listed).toHaveLength(250);
	});

	it('without last_page, a short page is the last', async () => {
		const api = createFakeCallApi();
		fill(api, 0, 150);
		const pages: number[] = [];
		const h = harness(api);
		api.overrideList((qs) => {
			pages.push(Number(qs.page));
			const page = Number(qs.page);
			const ids = Array.from({ length: page === 1 ? 100 : 50 }, (_, i) => (page - 1) * 100 + i + 1);
			return {
				data: ids.map((id) => ({
					id,
					status: 'completed',
					created_at: new Date(NOW - id * 1000).toISOString(),
				})),
			};
		});
		const w = await h.scan();
		expect(pages).toEqual([1, 2]);
		expect(w).toMatchObject({ complete: true, order: 'newest' });
	});
});

describe('scanWindow, oldest first', () => {
	it('found on page 1: reads from the last page down to the window start', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		fill(api);
		const h = harness(api);
		const w = await h.scan();
		expect(h.pages).toEqual([1, 4, 3, 2]);
		expect(w).toMatchObject({ complete: true, order: 'oldest', lastPage: 4, requests: 4 });
	});

	it('remembered: starts at the last page the last poll saw, and follows a list that grew', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		fill(api);
		const h = harness(api);
		const w = await h.scan({ order: 'oldest', lastPage: 4 });
		expect(h.pages).toEqual([4, 3, 2]);
		expect(w).toMatchObject({ complete: true, order: 'oldest', lastPage: 4, requests: 3 });
		const grew = harness(api);
		await grew.scan({ order: 'oldest', lastPage: 3 });
		expect(grew.pages).toEqual([3, 4, 2]);
		// A remembered last page of 1 is read from page 1 up, as a first read.
		const one = harness(api);
		await one.scan({ order: 'oldest', lastPage: 1 });
		expect(one.pages).toEqual([1, 4, 3, 2]);
	});

	it('stops at the page limit on the way down and says where to go on', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		fill(api);
		const h = harness(api);
		const w = await h.scan({ order: 'oldest', lastPage: 4 }, { maxPages: 2 });
		expect(h.pages).toEqual([4, 3]);
		expect(w).toMatchObject({
			complete: false,
			progress: { page: 2, order: 'oldest', dateFrom: DATE_FROM },
			order: 'oldest',
			lastPage: 4,
			requests: 2,
		});
	});

	it('resumes: the newest pages first, then down from where it stopped', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		fill(api, 150, 450);
		const h = harness(api);
		const w = await h.scan({
			order: 'oldest',
			lastPage: 6,
			scan: { page: 3, order: 'oldest', dateFrom: DATE_FROM, baseline: false },
		});
		// Page 6 is full, so the page before it is not needed for the newest calls.
		expect(h.pages).toEqual([6, 3, 2]);
		expect(w).toMatchObject({ complete: true, order: 'oldest', lastPage: 6 });
	});

	it('resuming with a short newest page also reads the one before it', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		fill(api, 150, 420);
		const h = harness(api);
		await h.scan({
			order: 'oldest',
			lastPage: 6,
			scan: { page: 3, order: 'oldest', dateFrom: DATE_FROM, baseline: false },
		});
		expect(h.pages).toEqual([6, 5, 3, 2]);
	});

	it('resuming when the list grew a page reads the new last page too', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		fill(api, 150, 550);
		const h = harness(api);
		await h.scan({
			order: 'oldest',
			lastPage: 6,
			scan: { page: 3, order: 'oldest', dateFrom: DATE_FROM, baseline: false },
		});
		expect(h.pages).toEqual([6, 7, 3, 2]);
	});
});

describe('scanWindow, unsorted', () => {
	/** 4 pages; page 2 out of order. */
	function shuffled(api: FakeCallApi) {
		api.overrideList((qs) => {
			const page = Number(qs.page);
			const ids = Array.from({ length: 100 }, (_, i) => (page - 1) * 100 + i + 1);
			if (page === 2) ids.reverse();
			const data = ids.map((id) => ({
				id,
				status: 'completed',
				created_at: new Date(NOW - id * 1000).toISOString(),
			}));
			return { last_page: 4, data };
		});
	}

	it('reads every page and reports the order as unsorted', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		shuffled(api);
		const w = await h.scan({}, {}, NOW - 150 * 1000);
		expect(w).toMatchObject({ complete: true, order: 'unsorted', requests: 4 });
		expect(w.listed).toHaveLength(400);
	});

	it('stopped on the way: goes on as unsorted', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		shuffled(api);
		const w = await h.scan({}, { maxPages: 3 }, NOW - 150 * 1000);
		expect(w.progress).toEqual({
			page: 4,
			order: 'unsorted',
			dateFrom: dateFromFilter(NOW - 150 * 1000),
		});
	});

	it('a list with all rows at one time keeps the order hint', async () => {
		const api = createFakeCallApi();
		for (let i = 0; i < 5; i++) api.add(SINCE + MINUTE);
		for (const order of ['newest', 'oldest', undefined] as const) {
			const h = harness(api);
			expect((await h.scan({ order })).order).toBe(order);
		}
	});
});

describe('rows and pages the trigger cannot use', () => {
	it('names each unreadable row by list position, at most 10, then counts the rest', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		const at = new Date(SINCE + MINUTE).toISOString();
		api.overrideList((qs) => {
			const page = Number(qs.page);
			if (page === 1)
				return {
					last_page: 2,
					data: [
						{ id: 1, status: 'completed', created_at: at },
						...Array.from({ length: 99 }, (_, i) => ({
							id: i + 2,
							status: 'completed',
							created_at: 'x',
						})),
					],
				};
			return {
				last_page: 2,
				data: [null, 'row', { id: 0, created_at: at }, { id: 500, created_at: at }],
			};
		});
		const w = await h.scan();
		h.rows.finish();
		expect(w.listed.map((c) => c.id)).toEqual([1, 500]);
		const warned = h.warnings();
		expect(warned).toHaveLength(11);
		expect(warned[0]).toBe(
			'Intellixent Call Trigger skipped the row at list position 2 (call 2): its created_at is not a date and time the trigger can read',
		);
		expect(warned[9]).toBe(
			'Intellixent Call Trigger skipped the row at list position 11 (call 11): its created_at is not a date and time the trigger can read',
		);
		expect(warned[10]).toBe(
			'Intellixent Call Trigger skipped 92 more unreadable rows in this poll',
		);
	});

	it('a row without a valid ID is named so, and exactly 10 unreadable rows need no closing count', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		const at = new Date(SINCE + MINUTE).toISOString();
		api.overrideList(() => ({
			last_page: 1,
			data: [
				null,
				7,
				{ id: 1.5, created_at: at },
				{ id: '3', created_at: at },
				...Array(6).fill({ created_at: at }),
			],
		}));
		await h.scan();
		h.rows.finish();
		expect(h.warnings()).toHaveLength(10);
		expect(h.warnings()[0]).toBe(
			'Intellixent Call Trigger skipped the row at list position 1 (without a valid ID): its ID is not a positive whole number',
		);
		expect(h.warnings()[3]).toBe(
			'Intellixent Call Trigger skipped the row at list position 4 (without a valid ID): its ID is not a positive whole number',
		);
	});

	it('the same page twice stops the poll; empty pages twice do not', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		const at = new Date(SINCE + MINUTE).toISOString();
		api.overrideList(() => ({
			last_page: 3,
			data: Array.from({ length: 100 }, (_, i) => ({
				id: i + 1,
				status: 'completed',
				created_at: at,
			})),
		}));
		await expect(h.scan()).rejects.toThrow(
			'Intellixent answered page 2 of the call list with the same calls as page 1',
		);
		const empty = createFakeCallApi();
		const e = harness(empty);
		empty.overrideList((qs) => {
			e.pages.push(Number(qs.page));
			return { last_page: 3, data: [] };
		});
		const w = await e.scan();
		expect(e.pages).toEqual([1, 2, 3]);
		expect(w.listed).toEqual([]);
	});
});
