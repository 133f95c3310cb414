/**
 * The exactly-once cursor of the Call Trigger, as pure functions (no I/O, no clock of its own).
 *
 * Intellixent's call list has no "ended at" filter and no event feed: only `created_at`,
 * `updated_at`, a status and a day-granular `date_from`. So the cursor is a window on creation
 * time plus the IDs of the ended calls already handled inside it:
 *
 * - `since`: every call created before it has ended and been handled. A poll scans the calls
 *   created from `since` on (all of them, whatever their order, across every page).
 * - `seen`: the ended calls created at or after `since` that were already emitted (or, on the
 *   first poll, that had ended before the trigger was published), with their creation time.
 *
 * A call is emitted when it is in a chosen end state and not in `seen`, whatever its start time:
 * a call that started earlier and ends later is still in the window, because `since` never passes
 * the oldest call still open. `since` then moves up to the oldest open call (or the newest call
 * seen), less OVERLAP_MS for rows the API shows late, and `seen` forgets what fell behind it:
 * memory is bounded by the calls created in the window. A call open longer than MAX_OPEN_MS no
 * longer holds the window back (a stuck call would make it grow for ever).
 *
 * The caller applies the next cursor only after the poll succeeded, so a failed poll (API down)
 * leaves the cursor as it was and the next one catches up.
 */

export interface CallCursor {
	/** Version of this shape. */
	v: 1;
	/** Epoch ms: calls created before this are all ended and handled. */
	since: number;
	/** Call ID → its creation time (epoch ms): ended calls in the window already handled. */
	seen: Record<string, number>;
}

/** What the cursor needs of a listed call. */
export interface ListedCall {
	id: number;
	status: string;
	/** Epoch ms of `created_at`. */
	createdMs: number;
}

interface PollPlan {
	/** IDs of the calls to emit, in the order they were listed. */
	emit: number[];
	next: CallCursor;
}

/** Statuses of a call still going on; every other documented status is an end state. */
export const OPEN_STATUSES = new Set(['initiated', 'ringing', 'in-progress']);
/** How far back the window reaches for rows the API shows later than their creation time. */
export const OVERLAP_MS = 10 * 60 * 1000;
/** A call open longer than this stops holding the window back. */
export const MAX_OPEN_MS = 24 * 60 * 60 * 1000;

export function isEnded(status: string): boolean {
	return !OPEN_STATUSES.has(status);
}

/** A stored cursor, or undefined when there is none or it is not one this code wrote. */
export function readCursor(stored: unknown): CallCursor | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const { v, since, seen } = stored as Partial<CallCursor>;
	if (v !== 1 || typeof since !== 'number' || !Number.isFinite(since)) return undefined;
	if (typeof seen !== 'object' || seen === null || Array.isArray(seen)) return undefined;
	return { v, since, seen: { ...seen } };
}

/** The window a first poll starts from: the calls that may still be open at `now`. */
export function firstWindowStart(now: number): number {
	return now - MAX_OPEN_MS;
}

/**
 * What to emit and the next cursor, from every call created since `cursor.since` (or, without a
 * cursor, since firstWindowStart(now)). Without a cursor nothing is emitted: the calls already
 * ended are only remembered, so that only calls ending after publishing start the workflow.
 */
export function planPoll(
	cursor: CallCursor | undefined,
	calls: ListedCall[],
	endStates: ReadonlySet<string>,
	now: number,
): PollPlan {
	const since = cursor?.since ?? firstWindowStart(now);
	const seen: Record<string, number> = { ...(cursor?.seen ?? {}) };
	const emit: number[] = [];
	const handled = new Set<number>();
	let oldestOpen: number | undefined;
	let newest: number | undefined;

	for (const call of calls) {
		if (call.createdMs < since || handled.has(call.id)) continue;
		handled.add(call.id);
		const created = call.createdMs;
		newest = Math.max(newest ?? created, created);
		if (!isEnded(call.status)) {
			if (created >= now - MAX_OPEN_MS) oldestOpen = Math.min(oldestOpen ?? created, created);
			continue;
		}
		if (String(call.id) in seen) continue;
		if (cursor && endStates.has(call.status)) emit.push(call.id);
		seen[String(call.id)] = created;
	}

	const reach = oldestOpen ?? newest;
	const nextSince = reach === undefined ? since : Math.max(since, reach - OVERLAP_MS);
	for (const [id, created] of Object.entries(seen)) if (created < nextSince) delete seen[id];
	return { emit, next: { v: 1, since: nextSince, seen } };
}

/** The UTC day before `ms`, as `date_from` wants it: a day earlier covers any API time zone. */
export function dateFromFilter(ms: number): string {
	return new Date(ms - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
