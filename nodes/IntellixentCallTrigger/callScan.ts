/**
 * Reads the call window from the API: the calls created since a time, with the user's filters, at
 * a cost that grows with the calls in the window, not with the calls of the day.
 *
 * The list's order is not documented, so it is found from the rows: newest first (the emulator and
 * Laravel's usual `latest()`), oldest first, or neither. Newest first, pages are read from 1 up
 * and the read stops at the first row created before the window. Oldest first, the read starts at
 * the last page (remembered from the last poll, so no request is spent finding it) and goes down
 * to the same stop. With no order every page is read. A poll reads at most `maxPages` pages and
 * starts none after its deadline; a window that needs more is read over several polls (the
 * progress goes into the cursor, and each of those polls also reads the newest page) and only
 * then does the window move.
 *
 * Every row is untrusted: one without a positive whole-number ID or a readable `created_at` is
 * skipped with a warning that names it by list position and checked ID, never by what the API
 * sent. The same page answered twice in a row means the API ignores `page`: the poll stops with an
 * error rather than read the same rows for ever. The page counter is the trigger's own; the
 * echoed `current_page` is not used.
 */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallListFilters } from '../shared/callsApi';
import { listCalls, MAX_CALLS_PER_PAGE } from '../shared/callsApi';
import type { CallCursor, ListedCall, ListOrder, ScanProgress } from './callCursor';
import { dateFromFilter } from './callCursor';
import { readStatus } from '../shared/callStatuses';
import type { ZonedClock } from './callTimes';
import { readCallTime } from './callTimes';

/** Most rows one poll names in warnings; the rest are counted. */
const MAX_ROW_WARNINGS = 10;

interface ScanLimits {
	/** Most list requests in this poll. */
	maxPages: number;
	/** Epoch ms after which no further page is requested (at least one always is). */
	deadline: number;
	clock: () => number;
	zoned: ZonedClock;
}

interface ScannedWindow {
	listed: ListedCall[];
	/** Whether the rows reach the window's start (or the list's end). */
	complete: boolean;
	/** Where to go on, when not complete. */
	progress?: Omit<ScanProgress, 'baseline' | 'oldestOpen' | 'newest'>;
	/** The order found (or kept from the hint), and the last page when oldest first. */
	order?: ListOrder;
	lastPage?: number;
	requests: number;
}

/** Reads list rows, skipping (and reporting) the ones that cannot be read. */
export class RowReader {
	skipped = 0;
	constructor(
		private readonly context: IPollFunctions,
		private readonly zoned: ZonedClock,
	) {}

	read(raw: unknown, position: number): ListedCall | undefined {
		const row = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
		const id = row.id;
		const validId = typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
		const createdMs = readCallTime(row.created_at, this.zoned);
		if (validId !== undefined && createdMs !== undefined)
			return { id: validId, status: readStatus(row.status), createdMs };
		this.skipped++;
		if (this.skipped <= MAX_ROW_WARNINGS) {
			const name = validId === undefined ? 'without a valid ID' : `call ${validId}`;
			const reason =
				validId === undefined
					? 'its ID is not a positive whole number'
					: 'its created_at is not a date and time the trigger can read';
			this.context.logger.warn(
				`Intellixent Call Trigger skipped the row at list position ${position} (${name}): ${reason}`,
			);
		}
		return undefined;
	}

	/** One closing warning for the rows not named. */
	finish(): void {
		if (this.skipped > MAX_ROW_WARNINGS)
			this.context.logger.warn(
				`Intellixent Call Trigger skipped ${this.skipped - MAX_ROW_WARNINGS} more unreadable rows in this poll`,
			);
	}
}

/** Tracks whether the rows, in the order read, keep going down (or up) in time. */
class Monotony {
	down = true;
	up = true;
	strictDown = false;
	strictUp = false;
	private last: number | undefined;
	constructor(unsorted = false) {
		if (unsorted) this.down = this.up = false;
	}
	add(ms: number): void {
		if (this.last !== undefined) {
			if (ms > this.last) [this.down, this.strictUp] = [false, true];
			if (ms < this.last) [this.up, this.strictDown] = [false, true];
		}
		this.last = ms;
	}
	get newestFirst(): boolean {
		return this.down && this.strictDown;
	}
	get oldestFirst(): boolean {
		return this.up && this.strictUp;
	}
}

export async function scanWindow(
	this: IPollFunctions,
	filters: CallListFilters,
	since: number,
	hint: Pick<CallCursor, 'scan' | 'order' | 'lastPage'>,
	rows: RowReader,
	limits: ScanLimits,
): Promise<ScannedWindow> {
	const dateFrom = dateFromFilter(since);
	const query = { ...filters, date_from: dateFrom };
	const listed: ListedCall[] = [];
	const cache = new Map<number, { calls: ListedCall[]; lastPage?: number; full: boolean }>();
	let requests = 0;
	let previousIds = '';
	let previousPage = 0;

	/** One page (from this poll's cache if read already), or undefined when out of budget. */
	const page = async (n: number) => {
		const cached = cache.get(n);
		if (cached) return cached;
		if (requests >= limits.maxPages || (requests > 0 && limits.clock() >= limits.deadline))
			return undefined;
		requests++;
		const answer = await listCalls.call(this, query, n);
		const calls: ListedCall[] = [];
		answer.rows.forEach((raw, i) => {
			const call = rows.read(raw, (n - 1) * MAX_CALLS_PER_PAGE + i + 1);
			if (call) calls.push(call);
		});
		const ids = calls.map((c) => c.id).join(',');
		if (ids !== '' && ids === previousIds) {
			throw new NodeOperationError(
				this.getNode(),
				`Intellixent answered page ${n} of the call list with the same calls as page ${previousPage}`,
				{
					description:
						'The list does not seem to follow the page parameter, so the trigger cannot read it reliably. Nothing was emitted and the trigger tries again at the next poll.',
				},
			);
		}
		[previousIds, previousPage] = [ids, n];
		const result = {
			calls,
			lastPage: answer.lastPage,
			full: answer.rows.length >= MAX_CALLS_PER_PAGE,
		};
		cache.set(n, result);
		listed.push(...calls);
		return result;
	};
	// The last page by the answer's last_page; without one, a page shorter than asked for.
	const isLast = (n: number, p: { lastPage?: number; full: boolean }) =>
		p.lastPage !== undefined ? n >= p.lastPage : !p.full;
	const lastPageSeen = () => Math.max(0, ...[...cache.values()].map((p) => p.lastPage ?? 0));

	const resume = hint.scan?.dateFrom === dateFrom ? hint.scan : undefined;
	const stopped = (next: number, order: ListOrder): ScannedWindow => ({
		listed,
		complete: false,
		progress: { page: next, order, dateFrom },
		order,
		lastPage: lastPageSeen() || undefined,
		requests,
	});

	/** Oldest first: from page `from` down, until a row before the window or page 1. */
	const downFrom = async (from: number): Promise<ScannedWindow> => {
		const times = new Monotony(); // rows read from the newest down: must keep going down
		for (let n = from; n >= 1; n--) {
			const p = await page(n);
			// A list found unsorted on the way down is read again from page 1 at the next poll.
			if (!p) return times.down ? stopped(n, 'oldest') : stopped(1, 'unsorted');
			for (let i = p.calls.length - 1; i >= 0; i--) times.add(p.calls[i].createdMs);
			const reached = p.calls.length > 0 && p.calls[0].createdMs < since;
			if (times.down && reached) break;
		}
		const order = times.down ? 'oldest' : 'unsorted';
		return { listed, complete: true, order, lastPage: lastPageSeen() || undefined, requests };
	};

	// Oldest first, as the last poll found: start at the last page it saw.
	// Without a last_page in the answer it is read from page 1 up instead.
	if (!resume && hint.order === 'oldest' && hint.lastPage !== undefined && hint.lastPage > 1) {
		const last = (await page(hint.lastPage))?.lastPage;
		if (last !== undefined) return await downFrom(last);
	}

	// A window read over several polls: the newest full page first, so that a short call that
	// ends now is emitted now rather than when the read gets back round to it.
	if (resume?.order === 'newest' && resume.page > 1) await page(1);
	if (resume?.order === 'oldest') {
		let last = hint.lastPage;
		const top = last ? await page(last) : undefined;
		if (top?.lastPage !== undefined && last !== undefined && top.lastPage > last)
			await page((last = top.lastPage));
		if (last !== undefined && last > 1 && !cache.get(last)?.full) await page(last - 1);
		return await downFrom(resume.page);
	}

	// Newest first, no order yet, or none at all: from page 1 (or where the last poll stopped) up.
	const times = new Monotony(resume?.order === 'unsorted');
	for (let n = resume?.page ?? 1; ; n++) {
		const p = await page(n);
		if (!p) return stopped(n, times.down ? 'newest' : 'unsorted');
		for (const call of p.calls) times.add(call.createdMs);
		if (!resume && n === 1 && times.oldestFirst && !isLast(n, p) && p.lastPage !== undefined)
			return await downFrom(p.lastPage);
		const reached = p.calls.length > 0 && p.calls[p.calls.length - 1].createdMs < since;
		if ((times.newestFirst && reached) || isLast(n, p)) break;
	}
	const order: ListOrder | undefined = times.newestFirst
		? 'newest'
		: times.oldestFirst
			? 'oldest'
			: times.down && times.up
				? hint.order
				: 'unsorted';
	return { listed, complete: true, order, requests };
}
