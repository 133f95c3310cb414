/**
 * One poll of the Call Trigger: read the call window, decide with the cursor what ended since the
 * last poll, fetch those calls' details, and only then store the next cursor in the node's static
 * data (n8n saves it with the execution the poll starts, or after a poll with nothing new). A
 * failure anywhere throws before the cursor moves, so the next poll catches up. In manual mode
 * (Fetch Test Event) it returns the latest ended call and leaves the cursor alone.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiCall } from '../shared/callsApi';
import { getCall, listCalls } from '../shared/callsApi';
import { firstWindowStart, isEnded, planPoll, readCursor } from './callCursor';
import { createdMs, scanWindow } from './callScan';
import type { CallTriggerSettings } from './callSettings';
import { readCallSettings } from './callSettings';
import { shapeCall } from './callShapes';

/** Pages Fetch Test Event looks through for an ended call. */
const TEST_EVENT_PAGES = 3;
const CURSOR_KEY = 'callCursor';

function endTime(call: ApiCall): number {
	const ms = Date.parse(String(call.updated_at ?? call.created_at ?? ''));
	return Number.isNaN(ms) ? 0 : ms;
}

async function itemsFor(
	this: IPollFunctions,
	ids: number[],
	settings: CallTriggerSettings,
): Promise<INodeExecutionData[]> {
	const calls: ApiCall[] = [];
	// One at a time: a burst of detail requests would meet the API's rate limits.
	for (const id of ids) calls.push(await getCall.call(this, id));
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
	for (let page = 1; page <= TEST_EVENT_PAGES; page++) {
		const result = await listCalls.call(this, settings.filters, page);
		for (const call of result.data) {
			createdMs.call(this, call);
			const status = String(call.status ?? '');
			if (!isEnded(status) || !settings.endStates.has(status)) continue;
			if (!latest || endTime(call) > endTime(latest)) latest = call;
		}
		if (result.current_page >= result.last_page) break;
	}
	if (!latest) {
		throw new NodeOperationError(this.getNode(), 'No ended call matches these settings yet', {
			description: `Looked at the latest ${TEST_EVENT_PAGES * 100} calls. Make a call with the assistant, or add end states (no-answer, busy, failed), then fetch again.`,
		});
	}
	return latest.id;
}

export async function pollCalls(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readCallSettings.call(this);
	if (this.getMode() === 'manual') {
		const id = await latestEndedCall.call(this, settings);
		return [await itemsFor.call(this, [id], settings)];
	}

	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const cursor = readCursor(staticData[CURSOR_KEY]);
	const now = Date.now();
	const since = cursor?.since ?? firstWindowStart(now);
	const window = await scanWindow.call(this, settings.filters, since);
	const plan = planPoll(cursor, window.listed, settings.endStates, now);
	const items = plan.emit.length ? await itemsFor.call(this, plan.emit, settings) : [];
	// Everything that can fail has succeeded: only now does the cursor move.
	staticData[CURSOR_KEY] = plan.next as unknown as IDataObject;
	return items.length ? [items] : null;
}
