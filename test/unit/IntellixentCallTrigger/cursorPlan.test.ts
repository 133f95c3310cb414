/**
 * planPoll by example, at the edges the property tests (cursor.property.test.ts) reach only by
 * chance: a call created exactly at the window start, a call listed twice, an unknown status, a
 * call open exactly MAX_OPEN_MS, a part of a window read over several polls, how far `since` moves
 * and what `seen` forgets.
 */
import type { CallCursor, ListedCall } from '../../../nodes/IntellixentCallTrigger/callCursor';
import {
	dateFromFilter,
	firstWindowStart,
	MAX_OPEN_MS,
	OVERLAP_MS,
	planPoll,
} from '../../../nodes/IntellixentCallTrigger/callCursor';
import type { CallStatus } from '../../../nodes/shared/callStatuses';
import { readStatus } from '../../../nodes/shared/callStatuses';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const MINUTE = 60_000;
const ENDS = new Set<CallStatus>(['completed']);
const row = (id: number, status: string, createdMs: number): ListedCall => ({
	id,
	status: readStatus(status),
	createdMs,
});
const cursorAt = (since: number, extra: Partial<CallCursor> = {}): CallCursor => ({
	v: 1,
	since,
	seen: {},
	...extra,
});

describe('planPoll', () => {
	it('a first poll starts MAX_OPEN_MS back, emits nothing and moves since to the newest call', () => {
		expect(firstWindowStart(NOW)).toBe(NOW - MAX_OPEN_MS);
		const plan = planPoll(
			undefined,
			[row(1, 'completed', NOW - 10 * MINUTE), row(2, 'completed', NOW - 20 * MINUTE)],
			ENDS,
			NOW,
		);
		expect(plan).toEqual({
			emit: [],
			unknown: [],
			next: { v: 1, since: NOW - 10 * MINUTE - OVERLAP_MS, seen: { 1: NOW - 10 * MINUTE } },
		});
	});

	it('emits a call created exactly at since, and skips one created before it', () => {
		const since = NOW - 60 * MINUTE;
		const plan = planPoll(
			cursorAt(since),
			[row(1, 'completed', since), row(2, 'completed', since - 1)],
			ENDS,
			NOW,
		);
		expect(plan.emit).toEqual([1]);
		expect(plan.next.seen).toEqual({ 1: since });
	});

	it('a call listed twice is decided by its first row', () => {
		const since = NOW - 60 * MINUTE;
		const open = planPoll(
			cursorAt(since),
			[row(1, 'in-progress', since + MINUTE), row(1, 'completed', since + MINUTE)],
			ENDS,
			NOW,
		);
		expect(open.emit).toEqual([]);
		expect(open.next.seen).toEqual({});
		const twice = planPoll(
			cursorAt(since),
			[row(1, 'completed', since + MINUTE), row(1, 'completed', since + MINUTE)],
			ENDS,
			NOW,
		);
		expect(twice.emit).toEqual([1]);
	});

	it('a call already in seen is not emitted again, and keeps its stored time', () => {
		const since = NOW - 60 * MINUTE;
		const plan = planPoll(
			cursorAt(since, { seen: { 1: since + 5 * MINUTE } }),
			[row(1, 'completed', since + 9 * MINUTE), row(2, 'completed', since + 2 * MINUTE)],
			ENDS,
			NOW,
		);
		expect(plan.emit).toEqual([2]);
		// since moves to the newest row less the overlap, exactly the stored time of call 1.
		expect(plan.next).toEqual({ v: 1, since: since + 5 * MINUTE, seen: { 1: since + 5 * MINUTE } });
	});

	it('an end state not chosen is remembered only; an open call holds since back', () => {
		const since = NOW - 60 * MINUTE;
		const plan = planPoll(
			cursorAt(since),
			[
				row(1, 'busy', since + 30 * MINUTE),
				row(2, 'in-progress', since + 10 * MINUTE),
				row(3, 'completed', since + 40 * MINUTE),
			],
			ENDS,
			NOW,
		);
		expect(plan.emit).toEqual([3]);
		expect(plan.unknown).toEqual([]);
		expect(plan.next).toEqual({
			v: 1,
			since: since + 10 * MINUTE - OVERLAP_MS,
			seen: { 1: since + 30 * MINUTE, 3: since + 40 * MINUTE },
		});
	});

	it('an unknown status is reported and counts as open', () => {
		const since = NOW - 60 * MINUTE;
		const plan = planPoll(
			cursorAt(since),
			[row(7, 'teleported', since + 20 * MINUTE), row(8, 'completed', since + 50 * MINUTE)],
			ENDS,
			NOW,
		);
		expect(plan.emit).toEqual([8]);
		expect(plan.unknown).toEqual([7]);
		expect(plan.next.since).toBe(since + 20 * MINUTE - OVERLAP_MS);
	});

	it('a call open exactly MAX_OPEN_MS still holds since back; one a millisecond older does not', () => {
		const since = NOW - 2 * MAX_OPEN_MS;
		const held = planPoll(
			cursorAt(since),
			[row(1, 'in-progress', NOW - MAX_OPEN_MS), row(2, 'completed', NOW - 10 * MINUTE)],
			ENDS,
			NOW,
		);
		expect(held.next.since).toBe(NOW - MAX_OPEN_MS - OVERLAP_MS);
		const stuck = planPoll(
			cursorAt(since),
			[row(1, 'in-progress', NOW - MAX_OPEN_MS - 1), row(2, 'completed', NOW - 10 * MINUTE)],
			ENDS,
			NOW,
		);
		expect(stuck.next.since).toBe(NOW - 10 * MINUTE - OVERLAP_MS);
		// A stuck call with an unknown status is still named.
		const unknown = planPoll(
			cursorAt(since),
			[row(1, 'teleported', NOW - MAX_OPEN_MS - 1)],
			ENDS,
			NOW,
		);
		expect(unknown.unknown).toEqual([1]);
	});

	it('the oldest open call wins over the newest call, whatever the list order', () => {
		const since = NOW - 60 * MINUTE;
		const calls = [
			row(1, 'in-progress', since + 20 * MINUTE),
			row(2, 'in-progress', since + 10 * MINUTE),
			row(3, 'in-progress', since + 30 * MINUTE),
			row(4, 'completed', since + 50 * MINUTE),
			row(5, 'completed', since + 45 * MINUTE),
		];
		expect(planPoll(cursorAt(since), calls, ENDS, NOW).next.since).toBe(
			since + 10 * MINUTE - OVERLAP_MS,
		);
		const ended = calls.filter((c) => c.status.kind === 'ended');
		expect(planPoll(cursorAt(since), ended, ENDS, NOW).next.since).toBe(
			since + 50 * MINUTE - OVERLAP_MS,
		);
		expect(planPoll(cursorAt(since), [...ended].reverse(), ENDS, NOW).next.since).toBe(
			since + 50 * MINUTE - OVERLAP_MS,
		);
	});

	it('since never moves back, never past now less the overlap, and stays with no calls', () => {
		const since = NOW - 60 * MINUTE;
		expect(planPoll(cursorAt(since), [], ENDS, NOW).next.since).toBe(since);
		expect(
			planPoll(cursorAt(since), [row(1, 'completed', since + MINUTE)], ENDS, NOW).next.since,
		).toBe(since);
		expect(
			planPoll(cursorAt(since), [row(1, 'completed', NOW + 60 * MINUTE)], ENDS, NOW).next.since,
		).toBe(NOW - OVERLAP_MS);
	});

	it('seen forgets what fell behind the new since and keeps what is at it', () => {
		const since = NOW - 60 * MINUTE;
		const next = since + 30 * MINUTE - OVERLAP_MS;
		const plan = planPoll(
			cursorAt(since, { seen: { 1: next - 1, 2: next, 3: since } }),
			[row(4, 'completed', since + 30 * MINUTE)],
			ENDS,
			NOW,
		);
		expect(plan.next).toEqual({ v: 1, since: next, seen: { 2: next, 4: since + 30 * MINUTE } });
	});

	it('a part of a window: since stays, seen is kept whole, the progress carries what was found', () => {
		const since = NOW - 60 * MINUTE;
		const progress = { page: 4, order: 'newest' as const, dateFrom: '2026-12-02' };
		const plan = planPoll(
			cursorAt(since, { seen: { 9: since } }),
			[row(1, 'in-progress', since + 20 * MINUTE), row(2, 'completed', since + 40 * MINUTE)],
			ENDS,
			NOW,
			{ complete: false, progress },
		);
		expect(plan).toEqual({
			emit: [2],
			unknown: [],
			next: {
				v: 1,
				since,
				seen: { 9: since, 2: since + 40 * MINUTE },
				scan: {
					...progress,
					baseline: false,
					oldestOpen: since + 20 * MINUTE,
					newest: since + 40 * MINUTE,
				},
			},
		});
	});

	it('the next part goes on from the progress: its baseline, oldest open and newest', () => {
		const since = NOW - 60 * MINUTE;
		const scan = {
			page: 2,
			order: 'newest' as const,
			dateFrom: '2026-12-02',
			baseline: true,
			oldestOpen: since + 5 * MINUTE,
			newest: since + 50 * MINUTE,
		};
		const plan = planPoll(
			cursorAt(since, { scan }),
			[row(1, 'completed', since + 20 * MINUTE), row(2, 'in-progress', since + 10 * MINUTE)],
			ENDS,
			NOW,
		);
		// Still the first poll's window: remembered, not emitted; since from the earlier part.
		expect(plan.emit).toEqual([]);
		expect(plan.next).toEqual({
			v: 1,
			since: since + 5 * MINUTE - OVERLAP_MS,
			seen: { 1: since + 20 * MINUTE },
		});
		const newest = planPoll(
			cursorAt(since, { scan: { ...scan, baseline: false, oldestOpen: undefined } }),
			[row(1, 'completed', since + 20 * MINUTE)],
			ENDS,
			NOW,
		);
		expect(newest.emit).toEqual([1]);
		expect(newest.next.since).toBe(since + 50 * MINUTE - OVERLAP_MS);
	});

	it('a part marked incomplete without progress is treated as complete', () => {
		const since = NOW - 60 * MINUTE;
		const plan = planPoll(cursorAt(since), [row(1, 'completed', since + 20 * MINUTE)], ENDS, NOW, {
			complete: false,
		});
		expect(plan.next).toEqual({
			v: 1,
			since: since + 20 * MINUTE - OVERLAP_MS,
			seen: { 1: since + 20 * MINUTE },
		});
	});

	it('dateFromFilter is the UTC day before', () => {
		expect(dateFromFilter(Date.UTC(2026, 11, 3, 0, 0, 0))).toBe('2026-12-02');
		expect(dateFromFilter(Date.UTC(2026, 11, 3, 23, 59, 59))).toBe('2026-12-02');
		expect(dateFromFilter(Date.UTC(2026, 0, 1, 12))).toBe('2025-12-31');
	});
});
