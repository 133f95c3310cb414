/**
 * readCursor field by field: what each damaged part of a stored cursor becomes, and the exact
 * repair it reports (the poll's warning quotes these), at the edges of each limit.
 */
import { OVERLAP_MS } from '../../../nodes/IntellixentCallTrigger/callCursor';
import {
	MAX_CATCH_UP_MS,
	MAX_SEEN,
	readCursor,
} from '../../../nodes/IntellixentCallTrigger/cursorRepair';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const MINUTE = 60_000;
const SINCE = NOW - 30 * MINUTE;
const SCAN = { page: 3, order: 'newest', dateFrom: '2026-12-02', baseline: false };

const read = (extra: Record<string, unknown>) =>
	readCursor({ v: 1, since: SINCE, seen: {}, ...extra }, NOW);

describe('readCursor', () => {
	it('a null or non-object cursor: none, or a first poll with one repair', () => {
		expect(readCursor(null, NOW)).toEqual({ cursor: undefined, repairs: [] });
		for (const stored of [
			7,
			'x',
			true,
			{ since: SINCE, seen: {} },
			{ v: 2, since: SINCE, seen: {} },
		])
			expect(readCursor(stored, NOW)).toEqual({
				cursor: undefined,
				repairs: ['the stored cursor was unreadable, so this poll starts over as a first poll'],
			});
	});

	it('keeps since at the edges of its range and moves it to the nearer edge outside', () => {
		const ceiling = NOW - OVERLAP_MS;
		const floor = NOW - MAX_CATCH_UP_MS;
		expect(read({ since: ceiling })).toEqual({
			cursor: { v: 1, since: ceiling, seen: {} },
			repairs: [],
		});
		expect(read({ since: floor })).toEqual({
			cursor: { v: 1, since: floor, seen: {} },
			repairs: [],
		});
		expect(read({ since: ceiling + 90 * MINUTE })).toEqual({
			cursor: { v: 1, since: ceiling, seen: {} },
			repairs: ['the window started 90 minutes in the future'],
		});
		expect(read({ since: ceiling + 89.6 * MINUTE }).repairs).toEqual([
			'the window started 90 minutes in the future',
		]);
		expect(read({ since: floor - 1 })).toEqual({
			cursor: { v: 1, since: floor, seen: {} },
			repairs: ['the window started more than 7 days ago'],
		});
	});

	it('an unreadable seen: emptied, with its repair', () => {
		for (const seen of [null, [1, 2], 'x', 5, undefined])
			expect(read({ seen })).toEqual({
				cursor: { v: 1, since: SINCE, seen: {} },
				repairs: ['the list of handled calls was unreadable'],
			});
	});

	it('keeps only seen entries a poll could have written, and counts the others', () => {
		const t = SINCE + MINUTE;
		const seen = {
			'1': t,
			'9007199254740991': t,
			'9007199254740992': t,
			'0': t,
			'01': t,
			'-1': t,
			'1.5': t,
			' 2': t,
			'2 ': t,
			'3': 'then',
			'4': Number.POSITIVE_INFINITY,
			'5': Number.NaN,
			'12345678901234567': t,
		};
		expect(read({ seen })).toEqual({
			cursor: { v: 1, since: SINCE, seen: { '1': t, '9007199254740991': t } },
			repairs: ['11 unreadable handled-call entries were dropped'],
		});
	});

	it(`keeps the newest ${MAX_SEEN} of more, and moves since up to the oldest kept`, () => {
		const seen: Record<string, number> = {};
		// Inserted oldest last, so that keeping "the first" would keep the wrong ones.
		for (let i = MAX_SEEN + 2; i >= 1; i--) seen[String(i)] = SINCE + i;
		const { cursor, repairs } = read({ seen });
		expect(repairs).toEqual([`more than ${MAX_SEEN} handled calls: only the newest are kept`]);
		expect(Object.keys(cursor!.seen)).toHaveLength(MAX_SEEN);
		expect(cursor!.seen['1']).toBeUndefined();
		expect(cursor!.seen['2']).toBeUndefined();
		expect(cursor!.seen['3']).toBe(SINCE + 3);
		expect(cursor!.seen[String(MAX_SEEN + 2)]).toBe(SINCE + MAX_SEEN + 2);
		expect(cursor!.since).toBe(SINCE + 3);
	});

	it(`exactly ${MAX_SEEN} entries are kept as they are`, () => {
		const seen: Record<string, number> = {};
		for (let i = 1; i <= MAX_SEEN; i++) seen[String(i)] = SINCE + i;
		const { cursor, repairs } = read({ seen });
		expect(repairs).toEqual([]);
		expect(cursor!.since).toBe(SINCE);
		expect(Object.keys(cursor!.seen)).toHaveLength(MAX_SEEN);
	});

	it('dropping old seen entries never moves since past now less the overlap, nor back', () => {
		const seen: Record<string, number> = {};
		const future = NOW + 60 * MINUTE;
		for (let i = 1; i <= MAX_SEEN + 1; i++) seen[String(i)] = future + i;
		expect(read({ seen }).cursor!.since).toBe(NOW - OVERLAP_MS);
		const old: Record<string, number> = {};
		for (let i = 1; i <= MAX_SEEN + 1; i++) old[String(i)] = SINCE - 1000 + i;
		expect(read({ seen: old }).cursor!.since).toBe(SINCE);
	});

	it('pending: keeps positive whole IDs once, in order, and says when it dropped any', () => {
		expect(read({ pending: [3, 1, 2] })).toEqual({
			cursor: { v: 1, since: SINCE, seen: {}, pending: [3, 1, 2] },
			repairs: [],
		});
		const dropped = 'unreadable or repeated calls waiting to be emitted were dropped';
		expect(read({ pending: [3, 3, 0, -1, 1.5, '4', 5] })).toEqual({
			cursor: { v: 1, since: SINCE, seen: {}, pending: [3, 5] },
			repairs: [dropped],
		});
		expect(read({ pending: 'x' })).toEqual({
			cursor: { v: 1, since: SINCE, seen: {} },
			repairs: [dropped],
		});
		expect(read({ pending: { 0: 1, length: 1 } }).repairs).toEqual([dropped]);
		expect(read({ pending: [] })).toEqual({
			cursor: { v: 1, since: SINCE, seen: {} },
			repairs: [],
		});
		expect(read({ pending: [0] })).toEqual({
			cursor: { v: 1, since: SINCE, seen: {} },
			repairs: [dropped],
		});
	});

	it('at most as many pending IDs as seen entries', () => {
		const pending = Array.from({ length: MAX_SEEN + 5 }, (_, i) => i + 1);
		const { cursor, repairs } = read({ pending });
		expect(cursor!.pending).toEqual(pending.slice(0, MAX_SEEN));
		expect(repairs).toEqual(['unreadable or repeated calls waiting to be emitted were dropped']);
	});

	it('keeps a sound scan, with or without its times', () => {
		expect(read({ scan: SCAN })).toEqual({
			cursor: { v: 1, since: SINCE, seen: {}, scan: SCAN },
			repairs: [],
		});
		const timed = { ...SCAN, order: 'oldest', baseline: true, oldestOpen: SINCE, newest: NOW };
		expect(read({ scan: timed }).cursor!.scan).toEqual(timed);
		expect(read({ scan: { ...SCAN, order: 'unsorted', page: 1_000_000 } }).repairs).toEqual([]);
	});

	it('drops a scan with any field out of range, with its repair', () => {
		const bad = [
			null,
			'x',
			{ ...SCAN, page: 0 },
			{ ...SCAN, page: 1_000_001 },
			{ ...SCAN, page: 2.5 },
			{ ...SCAN, page: '3' },
			{ ...SCAN, order: 'sideways' },
			{ ...SCAN, order: undefined },
			{ ...SCAN, dateFrom: 20261202 },
			{ ...SCAN, dateFrom: '2026-12-2' },
			{ ...SCAN, dateFrom: ['2026-12-02'] },
			{ ...SCAN, dateFrom: 'x2026-12-02' },
			{ ...SCAN, dateFrom: '2026-12-02x' },
			{ ...SCAN, baseline: 'no' },
			{ ...SCAN, baseline: undefined },
			{ ...SCAN, oldestOpen: 'then' },
			{ ...SCAN, oldestOpen: Number.NaN },
			{ ...SCAN, newest: null },
			{ ...SCAN, newest: Number.POSITIVE_INFINITY },
		];
		for (const scan of bad)
			expect([scan, read({ scan })]).toEqual([
				scan,
				{
					cursor: { v: 1, since: SINCE, seen: {} },
					repairs: ['the progress of a window read over several polls was unreadable'],
				},
			]);
	});

	it('keeps a known order and a page-sized last page, and drops the others silently', () => {
		for (const order of ['newest', 'oldest', 'unsorted'])
			expect(read({ order, lastPage: 1_000_000 })).toEqual({
				cursor: { v: 1, since: SINCE, seen: {}, order, lastPage: 1_000_000 },
				repairs: [],
			});
		for (const [order, lastPage] of [
			['up', 0],
			[1, 1_000_001],
			[undefined, 2.5],
			['newest ', '4'],
		])
			expect(read({ order, lastPage })).toEqual({
				cursor: { v: 1, since: SINCE, seen: {} },
				repairs: [],
			});
	});

	it('reports every repair of one cursor, in order', () => {
		expect(
			readCursor(
				{
					v: 1,
					since: NOW,
					seen: { x: 1 },
					pending: [1, 1],
					scan: { page: 0 },
				},
				NOW,
			).repairs,
		).toEqual([
			'the window started 4 minutes in the future',
			'1 unreadable handled-call entries were dropped',
			'unreadable or repeated calls waiting to be emitted were dropped',
			'the progress of a window read over several polls was unreadable',
		]);
	});
});
