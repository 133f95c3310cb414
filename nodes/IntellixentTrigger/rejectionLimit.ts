/**
 * Refusals of senders not proven by the delivery token start at most
 * UNPROVEN_REJECTIONS_PER_MINUTE executions on the Rejected output per trigger node and minute.
 *
 * Anyone who learns a trigger's bare URL can post to it: without a limit each post would be a
 * Rejected execution, filling the execution database and flooding any alert built on that output.
 * Past the limit a refusal is still answered and logged, and counted: the next Rejected item that
 * is recorded says how many were not (`unrecorded_before`). Fixed one-minute windows in this
 * process's memory; at most MAX_TRIGGERS_TRACKED trigger nodes, least recent forgotten first.
 */
export const UNPROVEN_REJECTIONS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;
const MAX_TRIGGERS_TRACKED = 100;

interface TriggerWindow {
	startedAt: number;
	recorded: number;
	/** Refusals not recorded since the last recorded one. */
	unrecorded: number;
}

const windows = new Map<string, TriggerWindow>();

type RejectionAdmission =
	| { record: true; unrecordedBefore: number }
	| { record: false; unrecorded: number };

function windowOf(triggerKey: string, now: number): TriggerWindow {
	const existing = windows.get(triggerKey);
	windows.delete(triggerKey);
	const current: TriggerWindow = existing ?? { startedAt: now, recorded: 0, unrecorded: 0 };
	if (now - current.startedAt >= WINDOW_MS || now < current.startedAt) {
		current.startedAt = now;
		current.recorded = 0;
	}
	windows.set(triggerKey, current);
	if (windows.size > MAX_TRIGGERS_TRACKED) {
		const leastRecent = windows.keys().next().value;
		if (leastRecent !== undefined) windows.delete(leastRecent);
	}
	return current;
}

/** Whether this refusal may start a Rejected execution for the trigger node `triggerKey`. */
export function admitUnprovenRejection(triggerKey: string, now = Date.now()): RejectionAdmission {
	const current = windowOf(triggerKey, now);
	if (current.recorded >= UNPROVEN_REJECTIONS_PER_MINUTE) {
		current.unrecorded++;
		return { record: false, unrecorded: current.unrecorded };
	}
	current.recorded++;
	const unrecordedBefore = current.unrecorded;
	current.unrecorded = 0;
	return { record: true, unrecordedBefore };
}

/** For tests: forget every window. */
export function forgetRejectionWindows() {
	windows.clear();
}
