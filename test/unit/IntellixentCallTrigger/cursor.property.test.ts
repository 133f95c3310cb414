/**
 * Property tests of the Call Trigger's cursor (callCursor.ts), against a model of the API: calls
 * start and end at random, in any order (a call that started earlier may end later), polls run
 * between events, n8n restarts (the cursor goes through JSON, as static data does) and polls fail
 * (the API was down: the cursor does not move). Whatever the history, every call that ended in a
 * chosen state after the first poll is emitted exactly once, and the cursor stays bounded.
 */
import fc from 'fast-check';

import type { CallCursor, ListedCall } from '../../../nodes/IntellixentCallTrigger/callCursor';
import {
	MAX_OPEN_MS,
	OVERLAP_MS,
	planPoll,
} from '../../../nodes/IntellixentCallTrigger/callCursor';
import type { CallStatus } from '../../../nodes/shared/callStatuses';
import { readStatus } from '../../../nodes/shared/callStatuses';
import { readCursor } from '../../../nodes/IntellixentCallTrigger/cursorRepair';

const END_STATES = new Set<CallStatus>(['completed', 'ended_by_customer']);
const MINUTE = 60_000;

type Step =
	| { kind: 'start'; lateMs: number }
	| { kind: 'end'; pick: number; status: string }
	| { kind: 'tick'; ms: number }
	| { kind: 'poll' }
	| { kind: 'failedPoll' }
	| { kind: 'restart' };

const step: fc.Arbitrary<Step> = fc.oneof(
	// A row may show a creation time up to 3 minutes in the past (within OVERLAP_MS).
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('start' as const),
			lateMs: fc.integer({ min: 0, max: 3 * MINUTE }),
		}),
	},
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('end' as const),
			pick: fc.nat(),
			status: fc.constantFrom('completed', 'ended_by_customer', 'busy', 'no-answer'),
		}),
	},
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('tick' as const),
			ms: fc.integer({ min: 1, max: 15 * MINUTE }),
		}),
	},
	{ weight: 2, arbitrary: fc.constant({ kind: 'poll' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'failedPoll' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/** A call of the model: its status as the API would send it. */
interface ModelCall {
	id: number;
	status: string;
	createdMs: number;
}

const listedOf = (calls: ModelCall[]): ListedCall[] =>
	[...calls].reverse().map((c) => ({ ...c, status: readStatus(c.status) }));

interface World {
	now: number;
	calls: ModelCall[];
	/** Calls that ended in a chosen state after the first poll, by ID. */
	due: Set<number>;
	emitted: number[];
	cursor: CallCursor | undefined;
	polled: boolean;
}

function run(steps: Step[]): World {
	const world: World = {
		now: Date.UTC(2026, 10, 30, 9),
		calls: [],
		due: new Set(),
		emitted: [],
		cursor: undefined,
		polled: false,
	};
	let nextId = 1;
	for (const s of steps) {
		switch (s.kind) {
			case 'start':
				world.calls.push({ id: nextId++, status: 'in-progress', createdMs: world.now - s.lateMs });
				break;
			case 'end': {
				const open = world.calls.filter((c) => c.status === 'in-progress');
				if (open.length === 0) break;
				const call = open[s.pick % open.length];
				call.status = s.status;
				if (world.polled && END_STATES.has(s.status as CallStatus)) world.due.add(call.id);
				break;
			}
			case 'tick':
				world.now += s.ms;
				break;
			case 'poll':
			case 'failedPoll': {
				// The API lists the calls in any order; here newest first, as the emulator does.
				const listed = listedOf(world.calls);
				const plan = planPoll(world.cursor, listed, END_STATES, world.now);
				if (s.kind === 'failedPoll') break;
				world.emitted.push(...plan.emit);
				world.cursor = plan.next;
				world.polled = true;
				for (const created of Object.values(plan.next.seen))
					expect(created).toBeGreaterThanOrEqual(plan.next.since);
				break;
			}
			case 'restart':
				world.cursor = readCursor(
					JSON.parse(JSON.stringify(world.cursor ?? null)),
					world.now,
				).cursor;
				break;
		}
	}
	// A last successful poll after everything.
	const plan = planPoll(world.cursor, listedOf(world.calls), END_STATES, world.now);
	world.emitted.push(...plan.emit);
	world.cursor = plan.next;
	return world;
}

/** At most 80 ticks of 15 minutes: 20 hours, so no call stays open longer than MAX_OPEN_MS. */
const histories = fc.array(step, { minLength: 30, maxLength: 80 });

describe('call cursor: exactly once', () => {
	it('emits every call that ended in a chosen state after the first poll, once, in any history', () => {
		let dueInAll = 0;
		fc.assert(
			fc.property(histories, (steps) => {
				const world = run(steps);
				dueInAll += world.due.size;
				expect(new Set(world.emitted).size).toBe(world.emitted.length);
				expect([...world.emitted].sort((a, b) => a - b)).toEqual(
					[...world.due].sort((a, b) => a - b),
				);
			}),
			{ numRuns: 500 },
		);
		// The histories exercise the property: many calls end after a first poll.
		expect(dueInAll).toBeGreaterThan(1500);
	});

	it('forgets ended calls behind the window: seen holds only calls created since the window start', () => {
		fc.assert(
			fc.property(histories, (steps) => {
				const world = run(steps);
				const cursor = world.cursor as CallCursor;
				const open = world.calls.filter((c) => c.status === 'in-progress');
				const oldestOpen = Math.min(...open.map((c) => c.createdMs));
				// Nothing open: the window starts at most OVERLAP_MS before the newest call.
				if (open.length === 0 && world.calls.length) {
					const newest = Math.max(...world.calls.map((c) => c.createdMs));
					expect(cursor.since).toBeGreaterThanOrEqual(newest - OVERLAP_MS);
				} else if (open.length) {
					expect(cursor.since).toBeLessThanOrEqual(oldestOpen);
				}
				for (const created of Object.values(cursor.seen))
					expect(created).toBeGreaterThanOrEqual(cursor.since);
			}),
			{ numRuns: 300 },
		);
	});
});

describe('call cursor: examples', () => {
	const t0 = Date.UTC(2026, 10, 30, 9);
	const call = (id: number, status: string, createdMs: number): ListedCall => ({
		id,
		status: readStatus(status),
		createdMs,
	});

	it('a first poll emits nothing and remembers the calls already ended', () => {
		const plan = planPoll(undefined, [call(1, 'completed', t0 - MINUTE)], END_STATES, t0);
		expect(plan.emit).toEqual([]);
		expect(plan.next.seen).toEqual({ 1: t0 - MINUTE });
	});

	it('a call that started first and ended last is emitted after the later one', () => {
		const first = planPoll(
			undefined,
			[call(2, 'in-progress', t0 - MINUTE), call(1, 'in-progress', t0 - 30 * MINUTE)],
			END_STATES,
			t0,
		);
		expect(first.next.since).toBe(t0 - 30 * MINUTE - OVERLAP_MS);
		const second = planPoll(
			first.next,
			[call(2, 'completed', t0 - MINUTE), call(1, 'in-progress', t0 - 30 * MINUTE)],
			END_STATES,
			t0 + MINUTE,
		);
		expect(second.emit).toEqual([2]);
		const third = planPoll(
			second.next,
			[call(2, 'completed', t0 - MINUTE), call(1, 'completed', t0 - 30 * MINUTE)],
			END_STATES,
			t0 + 2 * MINUTE,
		);
		expect(third.emit).toEqual([1]);
	});

	it('an end state not chosen is remembered but not emitted', () => {
		const first = planPoll(undefined, [], END_STATES, t0);
		const plan = planPoll(first.next, [call(3, 'busy', t0)], END_STATES, t0 + MINUTE);
		expect(plan.emit).toEqual([]);
		expect(Object.keys(plan.next.seen)).toEqual(['3']);
	});

	it('a call open longer than MAX_OPEN_MS no longer holds the window back', () => {
		const first = planPoll(undefined, [], END_STATES, t0);
		const stuck = call(4, 'in-progress', t0 + MINUTE);
		const later = t0 + MAX_OPEN_MS + 2 * MINUTE;
		const plan = planPoll(first.next, [call(5, 'completed', later), stuck], END_STATES, later);
		expect(plan.emit).toEqual([5]);
		expect(plan.next.since).toBe(later - OVERLAP_MS);
	});

	it('readCursor starts over from what this code did not write, and keeps a sound cursor as it is', () => {
		for (const stored of [
			'x',
			{ v: 2, since: 1, seen: {} },
			{ v: 1, since: 'a', seen: {} },
			{ v: 1, since: NaN, seen: {} },
		]) {
			const read = readCursor(stored, t0);
			expect(read.cursor).toBeUndefined();
			expect(read.repairs).toHaveLength(1);
		}
		expect(readCursor(undefined, t0)).toEqual({ cursor: undefined, repairs: [] });
		const sound = { v: 1, since: t0 - 30 * MINUTE, seen: { 9: t0 - 20 * MINUTE } };
		expect(readCursor(sound, t0)).toEqual({ cursor: sound, repairs: [] });
	});
});
