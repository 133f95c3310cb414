/**
 * Reads the call window from the API: every call created since a time, across every page, with
 * the user's filters. The API's order is not documented, so every page is read unless the pages
 * seen so far are newest first and already reach before the window (then the rest is older).
 */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiCall, CallListFilters } from '../shared/callsApi';
import { listCalls } from '../shared/callsApi';
import type { ListedCall } from './callCursor';
import { dateFromFilter } from './callCursor';

/** Most pages one poll reads (100 calls each); more means the filters are too wide. */
export const MAX_SCAN_PAGES = 100;

interface ScannedWindow {
	listed: ListedCall[];
	/** The list rows by call ID. */
	rows: Map<number, ApiCall>;
}

/** The creation time of a listed call, or a clear error naming the call. */
export function createdMs(this: IPollFunctions, call: ApiCall): number {
	const ms = typeof call.created_at === 'string' ? Date.parse(call.created_at) : NaN;
	if (Number.isNaN(ms)) {
		throw new NodeOperationError(
			this.getNode(),
			`Intellixent listed call ${call.id} without a readable created_at`,
			{
				description:
					"The trigger needs each call's creation time to know which calls it has handled.",
			},
		);
	}
	return ms;
}

export async function scanWindow(
	this: IPollFunctions,
	filters: CallListFilters,
	since: number,
): Promise<ScannedWindow> {
	const listed: ListedCall[] = [];
	const rows = new Map<number, ApiCall>();
	const query = { ...filters, date_from: dateFromFilter(since) };
	let newestFirst = true;
	let previous = Infinity;
	for (let page = 1; ; page++) {
		if (page > MAX_SCAN_PAGES) {
			throw new NodeOperationError(
				this.getNode(),
				`More than ${MAX_SCAN_PAGES * 100} calls to check in one poll`,
				{
					description:
						'Choose an assistant, a call type or a campaign so that the trigger watches fewer calls.',
				},
			);
		}
		const result = await listCalls.call(this, query, page);
		for (const row of result.data) {
			const created = createdMs.call(this, row);
			newestFirst &&= created <= previous;
			previous = created;
			rows.set(row.id, row);
			listed.push({ id: row.id, status: String(row.status ?? ''), createdMs: created });
		}
		const reachedBefore = result.data.length > 0 && previous < since && newestFirst;
		if (reachedBefore || result.current_page >= result.last_page || result.data.length === 0) break;
	}
	return { listed, rows };
}
