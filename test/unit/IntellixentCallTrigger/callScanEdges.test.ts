/**
 * scanWindow at the edges of its order detection and of a window read over several polls: a
 * descent that reaches page 1, a row exactly at the window's start on the way down, a list found
 * out of order on the way down (completed or out of budget), remembered hints that do not fit the
 * answer (an order of newest first, an answer without last_page, a one-page list), a resumed window
 * without a remembered last page, and the list position of an unreadable row past page 1.
 */
import { dateFromFilter } from '../../../nodes/IntellixentCallTrigger/callCursor';
import { createFakeCallApi } from './fakePoll';
import { NOW, scanHarness as harness, SINCE } from './scanHarness';

const DATE_FROM = dateFromFilter(SINCE);

/** `count` creation times one second apart from `startMs`, ascending. */
const ascending = (startMs: number, count: number) =>
	Array.from({ length: count }, (_, i) => startMs + i * 1000);

/** Four full pages oldest first; page 2 starts before the window, page 3's first row is out of order. */
function oldestWithDisorderOnPage3(): number[][] {
	const pages = [0, 1, 2, 3].map((p) => ascending(SINCE - 150_000 + p * 100_000, 100));
	pages[2][0] = SINCE + 500_000; // newer than every row of page 3
	return pages;
}

describe('scanWindow on the way down (oldest first)', () => {
	it('reads down to page 1 when the window is older than every row', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE, 250)) api.add(ms);
		const h = harness(api);
		const w = await h.scan({ order: 'oldest', lastPage: 3 });
		expect(h.pages).toEqual([3, 2, 1]);
		expect(w).toMatchObject({ complete: true, order: 'oldest', lastPage: 3, requests: 3 });
		expect(w.listed).toHaveLength(250);
	});

	it('a page whose first row is the window start itself is not before the window', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE - 100_000, 350)) api.add(ms);
		const h = harness(api);
		await h.scan({ order: 'oldest', lastPage: 4 });
		// Page 2 starts exactly at since: page 1 is read to find a row before it.
		expect(h.pages).toEqual([4, 3, 2, 1]);
	});

	it('a row out of order on the way down: read on to page 1 and reported as unsorted', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		h.answerWith(oldestWithDisorderOnPage3(), true);
		const w = await h.scan({ order: 'oldest', lastPage: 4 });
		// Page 2 reaches before the window, but an unsorted list may hold window rows anywhere.
		expect(h.pages).toEqual([4, 3, 2, 1]);
		expect(w).toMatchObject({ complete: true, order: 'unsorted', lastPage: 4, requests: 4 });
		expect(w.listed).toHaveLength(400);
	});

	it('out of budget after finding disorder: the next poll reads again from page 1, as unsorted', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		h.answerWith(oldestWithDisorderOnPage3(), true);
		const w = await h.scan({ order: 'oldest', lastPage: 4 }, { maxPages: 2 });
		expect(h.pages).toEqual([4, 3]);
		expect(w).toMatchObject({
			complete: false,
			progress: { page: 1, order: 'unsorted', dateFrom: DATE_FROM },
			order: 'unsorted',
		});
	});
});

describe('scanWindow with hints that do not fit the answer', () => {
	it('a last page remembered with the order newest first is not used', async () => {
		const api = createFakeCallApi();
		for (const ms of ascending(SINCE - 150_000, 400)) api.add(ms);
		const h = harness(api);
		const w = await h.scan({ order: 'newest', lastPage: 4 });
		expect(h.pages).toEqual([1, 2, 3]);
		expect(w.order).toBe('newest');
	});

	it('oldest first remembered but the answer gives no last_page: read from page 1 up', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		const times = [0, 1, 2].map((p) => ascending(SINCE - 150_000 + p * 100_000, 100));
		times.push(ascending(SINCE + 150_000, 40));
		h.answerWith(times, false);
		const w = await h.scan({ order: 'oldest', lastPage: 4 });
		expect(h.pages).toEqual([4, 1, 2, 3]);
		expect(w).toMatchObject({ complete: true, order: 'oldest', requests: 4 });
		expect(w.listed).toHaveLength(340);
	});

	it('a one-page list oldest first is read once and remembers no last page', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE - 10_000, 50)) api.add(ms);
		const h = harness(api);
		const w = await h.scan();
		expect(h.pages).toEqual([1]);
		expect(w).toEqual({ listed: w.listed, complete: true, order: 'oldest', requests: 1 });
	});

	it('a window resumed newest first at page 1 is read up, even when page 1 looks oldest first', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE - 150_000, 400)) api.add(ms);
		const h = harness(api);
		await h.scan({ scan: { page: 1, order: 'newest', dateFrom: DATE_FROM, baseline: false } });
		expect(h.pages).toEqual([1, 2, 3, 4]);
	});

	it('a window resumed as unsorted reads on to the last page and stays unsorted', async () => {
		const api = createFakeCallApi();
		for (const ms of ascending(SINCE - 250_000, 400)) api.add(ms);
		const h = harness(api);
		// Pages 3 and 4 alone look newest first and page 3 reaches before the window.
		const w = await h.scan({
			scan: { page: 3, order: 'unsorted', dateFrom: DATE_FROM, baseline: false },
		});
		expect(h.pages).toEqual([3, 4]);
		expect(w).toMatchObject({ complete: true, order: 'unsorted' });
	});

	it('a window resumed oldest first without a remembered last page goes down from its page', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE - 150_000, 400)) api.add(ms);
		const h = harness(api);
		const w = await h.scan({
			order: 'oldest',
			scan: { page: 3, order: 'oldest', dateFrom: DATE_FROM, baseline: false },
		});
		expect(h.pages).toEqual([3, 2]);
		expect(w).toMatchObject({ complete: true, order: 'oldest', lastPage: 4 });
	});

	it('a window resumed oldest first on a one-page list reads that page once', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE - 10_000, 50)) api.add(ms);
		const h = harness(api);
		await h.scan({
			order: 'oldest',
			lastPage: 1,
			scan: { page: 1, order: 'oldest', dateFrom: DATE_FROM, baseline: false },
		});
		expect(h.pages).toEqual([1]);
	});

	it('with no page left in the budget nothing is asked and the window starts at page 1 next time', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE, 50)) api.add(ms);
		const h = harness(api);
		const w = await h.scan({ order: 'oldest', lastPage: 4 }, { maxPages: 0 });
		expect(h.pages).toEqual([]);
		expect(w).toMatchObject({
			complete: false,
			progress: { page: 1, order: 'newest', dateFrom: DATE_FROM },
			requests: 0,
		});
	});
});

describe('scanWindow with lists that change between polls', () => {
	/** Answers every page from `pages`: IDs and creation times (ms), newest first. */
	const answerRows = (
		h: ReturnType<typeof harness>,
		api: ReturnType<typeof createFakeCallApi>,
		pages: [number, number][][],
		lastPage = pages.length,
	) =>
		api.overrideList((qs) => {
			h.pages.push(Number(qs.page));
			const rows = pages[Number(qs.page) - 1] ?? [];
			return {
				last_page: lastPage,
				data: rows.map(([id, ms]) => ({
					id,
					status: 'completed',
					created_at: new Date(ms).toISOString(),
				})),
			};
		});

	it('pages whose IDs only join to the same digits are different pages', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		answerRows(h, api, [
			[
				[1, NOW],
				[23, NOW - 1000],
			],
			[
				[12, NOW - 2000],
				[3, SINCE - 1000],
			],
		]);
		const w = await h.scan();
		expect(w.listed.map((c) => c.id)).toEqual([1, 23, 12, 3]);
	});

	it('an empty page on the way down is passed over', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		answerRows(h, api, [
			[
				[1, SINCE - 2000],
				[2, SINCE - 1000],
			],
			[[3, SINCE + 1000]],
			[],
		]);
		const w = await h.scan({ order: 'oldest', lastPage: 3 });
		expect(h.pages).toEqual([3, 2, 1]);
		expect(w.listed.map((c) => c.id)).toEqual([3, 1, 2]);
	});

	it('remembered as oldest first on one page, now newest first: read up from page 1', async () => {
		const api = createFakeCallApi();
		for (const ms of ascending(SINCE - 150_000, 400)) api.add(ms);
		const h = harness(api);
		const w = await h.scan({ order: 'oldest', lastPage: 1 });
		expect(h.pages).toEqual([1, 2, 3]);
		expect(w.order).toBe('newest');
	});

	it('a resumed oldest-first window whose list shrank goes down from its page', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE - 150_000, 400)) api.add(ms);
		const h = harness(api);
		await h.scan({
			order: 'oldest',
			lastPage: 6,
			scan: { page: 3, order: 'oldest', dateFrom: DATE_FROM, baseline: false },
		});
		// Page 6 is empty now and says the list ends at 4: 5 is read for the newest calls, as before.
		expect(h.pages).toEqual([6, 5, 3, 2]);
	});

	it('a resumed oldest-first window with one page of budget stops after the newest page', async () => {
		const api = createFakeCallApi({ order: 'oldest' });
		for (const ms of ascending(SINCE - 150_000, 700)) api.add(ms);
		const h = harness(api);
		const w = await h.scan(
			{
				order: 'oldest',
				lastPage: 6,
				scan: { page: 3, order: 'oldest', dateFrom: DATE_FROM, baseline: false },
			},
			{ maxPages: 1 },
		);
		expect(h.pages).toEqual([6]);
		expect(w).toMatchObject({
			complete: false,
			progress: { page: 3, order: 'oldest', dateFrom: DATE_FROM },
		});
	});

	it('rows at one time on page 1 and rising on page 2: read up, as found on page 1', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		const page = (from: number) => ascending(from, 100);
		h.answerWith(
			[
				Array(100).fill(SINCE + 1000),
				page(SINCE + 2000),
				page(SINCE + 200_000),
				page(SINCE + 400_000),
			],
			true,
		);
		await h.scan();
		expect(h.pages).toEqual([1, 2, 3, 4]);
	});
});

describe('scanWindow messages', () => {
	it('names an unreadable row past page 1 by its position in the whole list', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		const good = Array.from({ length: 100 }, (_, i) => ({
			id: i + 1,
			status: 'completed',
			created_at: new Date(NOW - i * 1000).toISOString(),
		}));
		api.overrideList((qs) => {
			h.pages.push(Number(qs.page));
			return Number(qs.page) === 1
				? { last_page: 2, data: good }
				: { last_page: 2, data: [{ id: 101, status: 'completed' }] };
		});
		await h.scan();
		expect(h.pages).toEqual([1, 2]);
		expect(h.warnings()).toEqual([
			'Intellixent Call Trigger skipped the row at list position 101 (call 101): its created_at is not a date and time the trigger can read',
		]);
	});

	it('a list that ignores the page parameter: the error says so and that the next poll retries', async () => {
		const api = createFakeCallApi();
		const h = harness(api);
		// Every page answers with the same 100 calls, newest first.
		api.overrideList((qs) => {
			h.pages.push(Number(qs.page));
			return {
				last_page: 3,
				data: Array.from({ length: 100 }, (_, i) => ({
					id: i + 1,
					status: 'completed',
					created_at: new Date(NOW - i * 1000).toISOString(),
				})),
			};
		});
		const error = await h.scan().then(
			() => undefined,
			(e: unknown) => e as Error & { description?: string },
		);
		expect(error?.message).toBe(
			'Intellixent answered page 2 of the call list with the same calls as page 1',
		);
		expect(error?.description).toBe(
			'The list does not seem to follow the page parameter, so the trigger cannot read it reliably. Nothing was emitted and the trigger tries again at the next poll.',
		);
		expect(h.pages).toEqual([1, 2]);
	});
});
