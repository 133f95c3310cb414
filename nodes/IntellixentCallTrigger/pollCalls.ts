/**
 * One poll of the Call Trigger: read the call window, decide with the cursor what ended since the
 * last poll, fetch those calls' details, and only then store the next cursor in the node's static
 * data (n8n saves it with the execution the poll starts, or after a poll with nothing new). A
 * failure anywhere throws before the cursor moves, so the next poll catches up; only a call whose
 * details answer 404 (it is gone) is dropped with a warning instead. In manual mode
 * (Fetch Test Event) it returns the latest ended call and leaves the cursor alone.
 *
 * One poll per trigger at a time. n8n 2.40's scheduler starts a poll on every cron tick without
 * waiting for the one before (`void executePollTrigger()` in n8n-core's
 * active-workflow-triggers.js), and two polls reading the same cursor emit the same calls. Polls
 * of a workflow run in the n8n process that holds its triggers, so a guard in this module, keyed
 * by workflow and node, is enough: a tick while a poll runs returns nothing and leaves the cursor
 * to the running poll. It is released in `finally`, whatever happens.
 *
 * Each poll has a budget: the context's getPollBudgetMs() (n8n 2.40: five minutes by default),
 * or DEFAULT_POLL_BUDGET_MS where n8n has none (1.x). After half of it no new request starts, so
 * one last request with its retries still fits; at most MAX_LIST_PAGES_PER_POLL pages and
 * MAX_DETAILS_PER_POLL details are read. A poll with more to emit emits what it fetched and leaves
 * the rest in the cursor's `pending`, which the next poll emits first: a backlog arrives over
 * several polls, each call once. The staging hooks of n8n 2.40 (runPollInStagingScope,
 * commitStagedCursor) are the engine's: it wraps every poll in them; with durable cursors on, the
 * node's static data is a copy per poll, saved with the execution or, for a poll that returns
 * nothing, only if it changed (so a skipped tick writes nothing). The trigger writes its cursor to
 * static data as before and does not call them itself.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiCall } from '../shared/callsApi';
import { getCall, listCalls, MAX_CALLS_PER_PAGE } from '../shared/callsApi';
import { firstWindowStart, planPoll } from './callCursor';
import { RowReader, scanWindow } from './callScan';
import type { CallTriggerSettings } from './callSettings';
import { readCallSettings } from './callSettings';
import { shapeCall } from './callShapes';
import { readCursor } from './cursorRepair';

/** Pages Fetch Test Event looks through for an ended call. */
const TEST_EVENT_PAGES = 3;
const CURSOR_KEY = 'callCursor';
/** A poll's budget where n8n gives none: one minute, the shortest poll interval. */
const DEFAULT_POLL_BUDGET_MS = 60_000;
/** Most list pages one poll reads (100 calls each); a larger window is read over several polls. */
export const MAX_LIST_PAGES_PER_POLL = 20;
/** Most calls one poll fetches and emits; the rest wait in the cursor. */
export const MAX_DETAILS_PER_POLL = 100;
/** Most unknown-status call IDs named in a warning. */
const MAX_IDS_NAMED = 10;

/** The polls running in this process, by workflow and node. */
const running = new Set<string>();

function endTime(call: ApiCall): number {
	const ms = Date.parse(String(call.updated_at ?? call.created_at ?? ''));
	return Number.isNaN(ms) ? 0 : ms;
}

function budgetMs(context: IPollFunctions): number {
	const own = (context as Partial<IPollFunctions>).getPollBudgetMs;
	const value = typeof own === 'function' ? Number(own.call(context)) : NaN;
	return Number.isFinite(value) && value >= 0 ? value : DEFAULT_POLL_BUDGET_MS;
}

/**
 * A call's details, or undefined when the API answers 404 for it. The list was read with the same
 * credential in this poll, so a 404 means this call is gone (deleted, or no longer visible to the
 * key), not a wrong Base URL: it is dropped, once, rather than fail every poll for ever while it
 * waits in `pending`. It stays in `seen`, so a call that comes back is not emitted late.
 */
async function detailOrGone(this: IPollFunctions, id: number): Promise<ApiCall | undefined> {
	// Every failure of getCall is already a NodeApiError; only a 404 is turned into "gone".
	return await getCall.call(this, id).catch((error: unknown) => {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw error;
	});
}

async function itemsFor(
	this: IPollFunctions,
	calls: ApiCall[],
	settings: CallTriggerSettings,
): Promise<INodeExecutionData[]> {
	calls.sort((a, b) => endTime(a) - endTime(b) || a.id - b.id);
	const shape = { shape: settings.outputShape, escapeFormulas: settings.escapeFormulas };
	return calls.map((call) => ({ json: shapeCall(call, shape) }));
}

/** The latest ended call in a chosen end state, for Fetch Test Event. */
async function latestEndedCall(
	this: IPollFunctions,
	settings: CallTriggerSettings,
): Promise<number> {
	let latest: ApiCall | undefined;
	const rows = new RowReader(this, settings.zoned);
	for (let page = 1; page <= TEST_EVENT_PAGES; page++) {
		const result = await listCalls.call(this, settings.filters, page);
		result.rows.forEach((raw, i) => {
			const call = rows.read(raw, (page - 1) * MAX_CALLS_PER_PAGE + i + 1);
			const status = call?.status;
			if (status?.kind !== 'ended' || !settings.endStates.has(status.status)) return;
			const row = raw as ApiCall;
			if (!latest || endTime(row) > endTime(latest)) latest = row;
		});
		if (result.lastPage === undefined || page >= result.lastPage || result.rows.length === 0) break;
	}
	rows.finish();
	if (!latest) {
		throw new NodeOperationError(this.getNode(), 'No ended call matches these settings yet', {
			description: `Looked at the latest ${TEST_EVENT_PAGES * 100} calls. Make a call with the assistant, or add end states (no-answer, busy, failed), then fetch again.`,
		});
	}
	return latest.id;
}

async function pollOnce(
	this: IPollFunctions,
	settings: CallTriggerSettings,
): Promise<INodeExecutionData[][] | null> {
	const now = Date.now();
	const deadline = now + budgetMs(this) / 2;
	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const { cursor, repairs } = readCursor(staticData[CURSOR_KEY], now);
	if (repairs.length)
		this.logger.warn(`Intellixent Call Trigger repaired its stored cursor: ${repairs.join('; ')}`);

	const since = cursor?.since ?? firstWindowStart(now);
	const rows = new RowReader(this, settings.zoned);
	const limits = {
		maxPages: MAX_LIST_PAGES_PER_POLL,
		deadline,
		clock: Date.now,
		zoned: settings.zoned,
	};
	const window = await scanWindow.call(this, settings.filters, since, cursor ?? {}, rows, limits);
	rows.finish();
	const plan = planPoll(cursor, window.listed, settings.endStates, now, window);
	if (plan.unknown.length) {
		const named = plan.unknown.slice(0, MAX_IDS_NAMED).join(', ');
		const more = plan.unknown.length > MAX_IDS_NAMED ? ', …' : '';
		this.logger.warn(
			`Intellixent Call Trigger: ${plan.unknown.length} calls have a status it does not know (calls ${named}${more}); they count as still going on, for at most 24 hours`,
		);
	}

	// What earlier polls left to emit goes first; one at a time, within the budget.
	const queue = [...new Set([...(cursor?.pending ?? []), ...plan.emit])];
	const fetched: ApiCall[] = [];
	const gone: number[] = [];
	let taken = 0;
	for (const id of queue) {
		if (taken >= MAX_DETAILS_PER_POLL) break;
		if (taken > 0 && Date.now() >= deadline) break;
		taken++;
		const call = await detailOrGone.call(this, id);
		if (call) fetched.push(call);
		else gone.push(id);
	}
	if (gone.length) {
		const named = gone.slice(0, MAX_IDS_NAMED).join(', ');
		const more = gone.length > MAX_IDS_NAMED ? ', …' : '';
		this.logger.warn(
			`Intellixent Call Trigger did not emit ${gone.length} ended calls: their details answered 404 Not Found (calls ${named}${more}); they were deleted or this API key can no longer read them`,
		);
	}
	const next = plan.next;
	if (queue.length > taken) next.pending = queue.slice(taken);
	if (window.order) next.order = window.order;
	if (window.lastPage) next.lastPage = window.lastPage;
	// Everything that can fail has succeeded: only now does the cursor move.
	staticData[CURSOR_KEY] = next as unknown as IDataObject;
	const items = await itemsFor.call(this, fetched, settings);
	return items.length ? [items] : null;
}

export async function pollCalls(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readCallSettings.call(this);
	if (this.getMode() === 'manual') {
		const id = await latestEndedCall.call(this, settings);
		return [await itemsFor.call(this, [await getCall.call(this, id)], settings)];
	}
	const key = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	if (running.has(key)) {
		this.logger.info(
			'Intellixent Call Trigger skipped a poll: the previous poll of this trigger is still running',
		);
		return null;
	}
	running.add(key);
	try {
		return await pollOnce.call(this, settings);
	} finally {
		running.delete(key);
	}
}
