/**
 * A stored cursor is checked, never trusted: static data can be edited by hand, written by an
 * older version, or carry times from a clock that was wrong. readCursor returns a cursor inside
 * the limits below and says what it had to repair, so the poll can warn (the warning holds counts
 * and times only: nothing from the stored data is quoted).
 *
 * - `since` is kept within [now - MAX_CATCH_UP_MS, now - OVERLAP_MS]: a `since` in the future
 *   would skip the calls before it, one of 0 would emit every call of the catch-up window again,
 *   and one that is not a finite number starts over as a first poll (nothing emitted, calls
 *   remembered) rather than guess.
 * - `seen` keeps only entries a poll could have written (a positive whole-number ID and a finite
 *   time), at most MAX_SEEN of them: the newest. Dropping older ones moves `since` up to the
 *   oldest one kept, so nothing dropped is emitted twice; calls still open before it are given up.
 * - `pending` keeps positive whole-number IDs, each once, at most MAX_PENDING.
 * - `scan` and the order hint are kept only when every field is in range.
 */
import type { CallCursor, ListOrder, ScanProgress } from './callCursor';
import { OVERLAP_MS } from './callCursor';

/**
 * How far back a window may start: n8n stopped for longer than this catches up only this far
 * (calls that ended before are not emitted). A day of calls open plus six days of downtime.
 */
export const MAX_CATCH_UP_MS = 7 * 24 * 60 * 60 * 1000;
/** Most ended calls remembered in the window (an account with 50,000 calls a day holds a day). */
export const MAX_SEEN = 60_000;
/** Most calls waiting to be emitted. */
const MAX_PENDING = MAX_SEEN;
/** Larger than any page number a real list reaches. */
const MAX_PAGE = 1_000_000;

interface ReadCursor {
	cursor: CallCursor | undefined;
	/** What was wrong, for a warning; empty when the cursor was sound. */
	repairs: string[];
}

const ORDERS: readonly ListOrder[] = ['newest', 'oldest', 'unsorted'];

function isId(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isPage(value: unknown): value is number {
	return isId(value) && value <= MAX_PAGE;
}

function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function cleanSeen(stored: unknown, repairs: string[]): Array<[string, number]> {
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
		repairs.push('the list of handled calls was unreadable');
		return [];
	}
	const kept: Array<[string, number]> = [];
	let dropped = 0;
	for (const [id, time] of Object.entries(stored as Record<string, unknown>)) {
		if (/^[1-9]\d{0,15}$/.test(id) && isId(Number(id)) && isTime(time)) kept.push([id, time]);
		else dropped++;
	}
	if (dropped) repairs.push(`${dropped} unreadable handled-call entries were dropped`);
	return kept;
}

function cleanScan(stored: unknown): ScanProgress | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const s = stored as Partial<Record<keyof ScanProgress, unknown>>;
	const optionalTime = (v: unknown) => v === undefined || isTime(v);
	if (
		!isPage(s.page) ||
		!ORDERS.includes(s.order as ListOrder) ||
		typeof s.dateFrom !== 'string' ||
		!/^\d{4}-\d{2}-\d{2}$/.test(s.dateFrom) ||
		typeof s.baseline !== 'boolean' ||
		!optionalTime(s.oldestOpen) ||
		!optionalTime(s.newest)
	)
		return undefined;
	return s as ScanProgress;
}

/** A stored cursor made safe to use at `now`, or undefined when there is none. */
export function readCursor(stored: unknown, now: number): ReadCursor {
	const repairs: string[] = [];
	if (stored === undefined || stored === null) return { cursor: undefined, repairs };
	const c = (typeof stored === 'object' ? stored : {}) as Partial<
		Record<keyof CallCursor, unknown>
	>;
	if (c.v !== 1 || !isTime(c.since)) {
		repairs.push('the stored cursor was unreadable, so this poll starts over as a first poll');
		return { cursor: undefined, repairs };
	}
	const floor = now - MAX_CATCH_UP_MS;
	const ceiling = now - OVERLAP_MS;
	let since = c.since;
	if (since > ceiling) {
		repairs.push(
			`the window started ${Math.round((since - ceiling) / 60_000)} minutes in the future`,
		);
		since = ceiling;
	} else if (since < floor) {
		repairs.push('the window started more than 7 days ago');
		since = floor;
	}

	let seen = cleanSeen(c.seen, repairs);
	if (seen.length > MAX_SEEN) {
		seen.sort((a, b) => b[1] - a[1]);
		seen = seen.slice(0, MAX_SEEN);
		since = Math.min(ceiling, Math.max(since, seen[seen.length - 1][1]));
		repairs.push(`more than ${MAX_SEEN} handled calls: only the newest are kept`);
	}
	const cursor: CallCursor = { v: 1, since, seen: Object.fromEntries(seen) };

	if (c.pending !== undefined) {
		const list = Array.isArray(c.pending) ? c.pending : [];
		const pending = [...new Set(list.filter(isId))].slice(0, MAX_PENDING);
		if (pending.length !== list.length || !Array.isArray(c.pending))
			repairs.push('unreadable or repeated calls waiting to be emitted were dropped');
		if (pending.length) cursor.pending = pending;
	}
	if (c.scan !== undefined) {
		const scan = cleanScan(c.scan);
		// A window read over several polls starts again if its progress cannot be read.
		if (scan) cursor.scan = scan;
		else repairs.push('the progress of a window read over several polls was unreadable');
	}
	if (ORDERS.includes(c.order as ListOrder)) cursor.order = c.order as ListOrder;
	if (isPage(c.lastPage)) cursor.lastPage = c.lastPage;
	return { cursor, repairs };
}
