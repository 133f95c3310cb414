/**
 * The Call Trigger against API values it cannot trust: times in the future, stored cursors that are
 * damaged, times without an offset, statuses it does not know, and rows it cannot read. Each gets a
 * bounded outcome: the window never passes now less the overlap, a cursor is repaired with a
 * warning, an unknown status keeps the call open, an unreadable row is skipped with a warning that
 * quotes nothing the API sent, and the calls around them are emitted once each.
 */
import { OVERLAP_MS } from '../../../nodes/IntellixentCallTrigger/callCursor';
import { MAX_CATCH_UP_MS, MAX_SEEN } from '../../../nodes/IntellixentCallTrigger/cursorRepair';
import { createFakeCallApi, fakeSetup, MINUTE, pollIds, warnings } from './fakePoll';

const HOUR = 60 * MINUTE;
const ago = (ms: number) => Date.now() - ms;

describe('times in the future', () => {
	it.each([
		['2 hours', 2 * HOUR],
		['a year', 365 * 24 * HOUR],
	])('one call dated %s ahead does not hide the calls after it', async (_, ahead) => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		expect(await pollIds(s)).toEqual([]);
		const future = api.add(Date.now() + ahead);
		api.end(future);
		expect(await pollIds(s)).toEqual([future]);
		const later = [1, 2, 3, 4, 5].map(() => api.add(ago(MINUTE)));
		for (const id of later) api.end(id);
		expect((await pollIds(s)).sort((a, b) => a - b)).toEqual(later);
		expect(await pollIds(s)).toEqual([]);
		const cursor = s.staticData.callCursor as { since: number };
		expect(cursor.since).toBeLessThanOrEqual(Date.now() - OVERLAP_MS);
	});
});

describe('a damaged stored cursor is repaired, with a warning', () => {
	it('a window start in the future: the next call is still emitted', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api, {
			staticData: { callCursor: { v: 1, since: Date.now() + HOUR, seen: {} } },
		});
		const call = api.add(ago(2 * MINUTE));
		api.end(call);
		expect(await pollIds(s)).toEqual([call]);
		expect(warnings(s).join('\n')).toMatch(
			/repaired its stored cursor: the window started \d+ minutes in the future/,
		);
	});

	it('since = 1e300 or NaN: polls go on (as a first poll), and the next call is emitted', async () => {
		for (const since of [1e300, Number.NaN, 'soon']) {
			const api = createFakeCallApi();
			const open = api.add(ago(3 * MINUTE));
			const s = fakeSetup(api, { staticData: { callCursor: { v: 1, since, seen: {} } } });
			expect(await pollIds(s)).toEqual([]);
			api.end(open);
			expect(await pollIds(s)).toEqual([open]);
			expect(warnings(s).length).toBeGreaterThan(0);
		}
	});

	it('since = 0: the calls older than the catch-up limit are not emitted again', async () => {
		const api = createFakeCallApi();
		const old = Array.from({ length: 50 }, (_, i) => api.add(ago(MAX_CATCH_UP_MS + HOUR + i)));
		for (const id of old) api.end(id);
		const fresh = api.add(ago(MINUTE));
		api.end(fresh);
		const s = fakeSetup(api, { staticData: { callCursor: { v: 1, since: 0, seen: {} } } });
		expect(await pollIds(s)).toEqual([fresh]);
		expect(warnings(s).join('\n')).toContain('the window started more than 7 days ago');
	});

	it('200,000 junk entries in seen are dropped and seen stays capped', async () => {
		const api = createFakeCallApi();
		const seen: Record<string, unknown> = {};
		for (let i = 0; i < 100_000; i++) seen[`x${i}`] = i;
		for (let i = 1; i <= 100_000; i++) seen[String(i)] = 'then';
		const call = api.add(ago(MINUTE));
		api.end(call);
		const since = ago(HOUR);
		const s = fakeSetup(api, { staticData: { callCursor: { v: 1, since, seen } } });
		expect(await pollIds(s)).toEqual([call]);
		const stored = s.staticData.callCursor as { seen: Record<string, number> };
		expect(Object.keys(stored.seen)).toEqual([String(call)]);
		expect(warnings(s).join('\n')).toContain('200000 unreadable handled-call entries were dropped');
	});

	it(`more than ${MAX_SEEN} sound entries: the newest are kept, none emitted twice`, async () => {
		const api = createFakeCallApi();
		const seen: Record<string, number> = {};
		const base = ago(2 * HOUR);
		for (let i = 1; i <= MAX_SEEN + 500; i++) seen[String(i)] = base + i;
		const s = fakeSetup(api, { staticData: { callCursor: { v: 1, since: base, seen } } });
		expect(await pollIds(s)).toEqual([]);
		const stored = s.staticData.callCursor as { seen: Record<string, number>; since: number };
		expect(Object.keys(stored.seen).length).toBeLessThanOrEqual(MAX_SEEN);
		expect(warnings(s).join('\n')).toContain(`more than ${MAX_SEEN} handled calls`);
	});
});

describe('times without an offset', () => {
	it("are read in the n8n instance's time zone by default", async () => {
		const api = createFakeCallApi();
		// A wall-clock time in Los Angeles, 10 minutes ago, with no offset.
		const wall = (ms: number) =>
			new Date(ms).toLocaleString('sv-SE', { timeZone: 'America/Los_Angeles' });
		api.addRaw(ago(10 * MINUTE), {
			id: 41,
			status: 'completed',
			created_at: wall(ago(10 * MINUTE)),
		});
		const since = ago(30 * MINUTE);
		const cursor = { v: 1, since, seen: {} };
		const la = fakeSetup(api, {
			timezone: 'America/Los_Angeles',
			staticData: { callCursor: { ...cursor } },
		});
		expect(await pollIds(la)).toEqual([41]);
		// The Timestamps Without Offset option overrides it: read in Tokyo, the same text is 17 hours
		// earlier, before the window, so it is not emitted.
		const tokyo = fakeSetup(api, {
			timezone: 'America/Los_Angeles',
			parameters: { options: { timestampTimeZone: 'Asia/Tokyo' } },
			staticData: { callCursor: { ...cursor } },
		});
		expect(await pollIds(tokyo)).toEqual([]);
	});

	it('an unknown time zone is refused with a clear error', async () => {
		const s = fakeSetup(createFakeCallApi(), {
			parameters: { options: { timestampTimeZone: 'Mars/Olympus' } },
		});
		await expect(pollIds(s)).rejects.toThrow('"Mars/Olympus" is not a time zone');
	});
});

describe('statuses', () => {
	const odd = [
		'queued',
		'in_progress',
		'IN-PROGRESS',
		'dialing',
		'answered',
		'on-hold',
		'',
		undefined,
	];

	it('only documented end states end a call; unknown ones stay open, are logged once per poll, and are emitted when they end', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		expect(await pollIds(s)).toEqual([]);
		const ids = odd.map((status, i) => {
			api.addRaw(ago(MINUTE) + i, {
				id: 100 + i,
				created_at: new Date(ago(MINUTE) + i).toISOString(),
				status,
			});
			return 100 + i;
		});
		expect(await pollIds(s)).toEqual([]);
		const unknownWarnings = warnings(s).filter((w) => w.includes('status it does not know'));
		for (const id of ids) api.end(id, id % 2 ? ' Completed ' : 'completed');
		expect((await pollIds(s)).sort((a, b) => a - b)).toEqual(ids);
		expect(await pollIds(s)).toEqual([]);
		expect(unknownWarnings).toHaveLength(1);
		expect(unknownWarnings[0]).toMatch(
			/^Intellixent Call Trigger: 6 calls have a status it does not know/,
		);
	});
});

describe('rows that cannot be read', () => {
	const SECRET = 'sk-live-9f8e7d6c5b4a';
	const bad: Array<Record<string, unknown>> = [
		{ id: 201, status: 'completed' },
		{ id: 202, status: 'completed', created_at: null },
		{ id: 203, status: 'completed', created_at: 'yesterday' },
		{ id: 204, status: 'completed', created_at: '03/12/2026 10:00' },
		{ id: 205, status: 'completed', created_at: 1764756000 },
		{ id: 206, status: 'completed', created_at: `2026-12-03T10:00:00Z ${SECRET}` },
		{ status: 'completed', created_at: new Date().toISOString() },
		{ id: -3, status: 'completed', created_at: new Date().toISOString() },
		{ id: SECRET, status: 'completed', created_at: new Date().toISOString() },
	];

	it('are skipped with a warning naming position and checked ID only; the calls after them arrive', async () => {
		const api = createFakeCallApi();
		const s = fakeSetup(api);
		expect(await pollIds(s)).toEqual([]);
		bad.forEach((row, i) => api.addRaw(ago(2 * MINUTE) + i, row));
		const later = [1, 2, 3].map(() => api.add(ago(MINUTE)));
		for (const id of later) api.end(id);
		expect((await pollIds(s)).sort((a, b) => a - b)).toEqual(later);
		const skipped = warnings(s).filter((w) => w.includes('skipped the row'));
		expect(skipped).toHaveLength(bad.length);
		expect(skipped).toContain(
			'Intellixent Call Trigger skipped the row at list position 7 (call 206): its created_at is not a date and time the trigger can read',
		);
		expect(skipped.filter((w) => w.includes('without a valid ID'))).toHaveLength(3);
		expect(JSON.stringify(s.logs)).not.toContain(SECRET);
		expect(JSON.stringify(s.logs)).not.toContain('yesterday');
	});
});
