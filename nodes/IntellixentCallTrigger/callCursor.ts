/**
 * The exactly-once cursor of the Call Trigger, as pure functions (no I/O, no clock of its own).
 *
 * Intellixent's call list has no "ended at" filter and no event feed: only `created_at`,
 * `updated_at`, a status and a day-granular `date_from`. So the cursor is a window on creation
 * time plus the IDs of the ended calls already handled inside it:
 *
 * - `since`: every call created before it has ended and been handled. A poll reads the calls
 *   created from `since` on (callScan.ts, over one poll or, for a large window, several).
 * - `seen`: the ended calls created at or after `since` that were already handled (emitted, queued
 *   in `pending`, or, on the first poll, ended before the trigger was published), with their
 *   creation time.
 * - `pending`: calls decided but not yet emitted, because a poll had more to emit than its budget
 *   allows; the next polls emit them first (pollCalls.ts).
 * - `scan`: how far a window read over several polls has got, and what it found so far.
 *
 * A call is emitted when it is in a chosen end state and not in `seen`, whatever its start time:
 * a call that started earlier and ends later is still in the window, because `since` never passes
 * the oldest call still open (a call with an unknown status counts as open). Once a window has
 * been read in full, `since` moves up to the oldest open call (or the newest call), less
 * OVERLAP_MS for rows the API shows late, and `seen` forgets what fell behind it: memory is
 * bounded by the calls created in the window. `since` never passes now - OVERLAP_MS, whatever
 * times the API shows: one call dated in the future must not hide the calls after it. A call open
 * longer than MAX_OPEN_MS no longer holds the window back (a stuck call would make it grow for
 * ever). A stored cursor is checked before use (cursorRepair.ts).
 *
 * The caller applies the next cursor only after the poll succeeded, so a failed poll (API down)
 * leaves the cursor as it was and the next one catches up.
 */
import type { CallStatus, StatusReading } from '../shared/callStatuses';

/** How far a window read over several polls has got. */
export interface ScanProgress {
	/** The next page to read. */
	page: number;
	/** newest: pages 1, 2, ...; oldest: from the last page down; unsorted: every page, 1 up. */
	order: ListOrder;
	/** The `date_from` the pages were read with; another one starts the window again. */
	dateFrom: string;
	/** The first poll's window: nothing it finds is emitted. */
	baseline: boolean;
	/** Epoch ms of the oldest open call and of the newest call read so far in this window. */
	oldestOpen?: number;
	newest?: number;
}

export type ListOrder = 'newest' | 'oldest' | 'unsorted';

export interface CallCursor {
	/** Version of this shape. */
	v: 1;
	/** Epoch ms: calls created before this are all ended and handled. */
	since: number;
	/** Call ID → its creation time (epoch ms): ended calls in the window already handled. */
	seen: Record<string, number>;
	/** IDs of handled calls still to emit, in order. */
	pending?: number[];
	scan?: ScanProgress;
	/** The list order the last poll found, and (oldest first) its last page: where to start. */
	order?: ListOrder;
	lastPage?: number;
}

/** What the cursor needs of a listed call. */
export interface ListedCall {
	id: number;
	status: StatusReading;
	/** Epoch ms of `created_at`. */
	createdMs: number;
}

interface PollPlan {
	/** IDs of the calls to emit, in the order they were listed. */
	emit: number[];
	/** IDs of the calls whose status is unknown (they count as open). */
	unknown: number[];
	next: CallCursor;
}

/** How far the window reaches back for rows the API shows later than their creation time. */
export const OVERLAP_MS = 4 * 60 * 1000;
/** A call open longer than this stops holding the window back. */
export const MAX_OPEN_MS = 24 * 60 * 60 * 1000;

/** The window a first poll starts from: the calls that may still be open at `now`. */
export function firstWindowStart(now: number): number {
	return now - MAX_OPEN_MS;
}

const min = (a: number | undefined, b: number) => (a === undefined ? b : Math.min(a, b));
const max = (a: number | undefined, b: number) => (a === undefined ? b : Math.max(a, b));

/**
 * What to emit and the next cursor, from the calls of this poll's part of the window.
 * `complete` says whether that part reached the window's start: only then may `since` move.
 * Without a cursor (or in the first poll's window) nothing is emitted: the calls already ended are
 * only remembered, so that only calls ending after publishing start the workflow.
 */
export function planPoll(
	cursor: CallCursor | undefined,
	calls: ListedCall[],
	endStates: ReadonlySet<CallStatus>,
	now: number,
	part: {
		complete: boolean;
		progress?: Omit<ScanProgress, 'baseline' | 'oldestOpen' | 'newest'>;
	} = {
		complete: true,
	},
): PollPlan {
	const since = cursor?.since ?? firstWindowStart(now);
	const baseline = cursor?.scan?.baseline ?? cursor === undefined;
	const seen: Record<string, number> = { ...(cursor?.seen ?? {}) };
	const emit: number[] = [];
	const unknown: number[] = [];
	const handled = new Set<number>();
	let oldestOpen = cursor?.scan?.oldestOpen;
	let newest = cursor?.scan?.newest;

	for (const call of calls) {
		if (call.createdMs < since || handled.has(call.id)) continue;
		handled.add(call.id);
		const created = call.createdMs;
		newest = max(newest, created);
		if (call.status.kind !== 'ended') {
			if (call.status.kind === 'unknown') unknown.push(call.id);
			if (created >= now - MAX_OPEN_MS) oldestOpen = min(oldestOpen, created);
			continue;
		}
		if (String(call.id) in seen) continue;
		if (!baseline && endStates.has(call.status.status)) emit.push(call.id);
		seen[String(call.id)] = created;
	}

	const next: CallCursor = { v: 1, since, seen };
	if (!part.complete && part.progress) {
		next.scan = { ...part.progress, baseline, oldestOpen, newest };
		return { emit, unknown, next };
	}
	const reach = oldestOpen ?? newest;
	// However far ahead the API's times are, the window never passes now - OVERLAP_MS.
	const ceiling = now - OVERLAP_MS;
	next.since = reach === undefined ? since : Math.max(since, Math.min(reach - OVERLAP_MS, ceiling));
	for (const [id, created] of Object.entries(seen)) if (created < next.since) delete seen[id];
	return { emit, unknown, next };
}

/** The UTC day before `ms`, as `date_from` wants it: a day earlier covers any API time zone. */
export function dateFromFilter(ms: number): string {
	return new Date(ms - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
