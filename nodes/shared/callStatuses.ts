/**
 * The voice-call statuses (and types), in one place: which the API documents, which of them mean the call is
 * over, and how a status the API sends is read. The trigger's End States, its default, and the
 * action node's status filter all come from here (an API fact, so it lives with the API layer).
 *
 * Only a documented end state ends a call. A status is compared without regard to case, spaces at
 * either end, or the separator between words (`In Progress`, `IN_PROGRESS` and `in-progress` are
 * the same status), because the documented values already mix `_` and `-`. Any other status
 * (`queued`, `dialing`, `answered`, empty, missing) is unknown: the call counts as still going on,
 * so it is emitted once it reaches a documented end state, and a call unknown for longer than a day
 * stops holding the trigger back like any call still going on (see callCursor.ts).
 */

/**
 * The call types GET /api/user/calls documents (its `type` filter), as editor options: the action
 * node's Type filter and the Call Trigger's Call Type both list these.
 */
export const CALL_TYPE_OPTIONS = [
	{ name: 'Inbound', value: 'inbound' },
	{ name: 'Outbound', value: 'outbound' },
	{ name: 'Web', value: 'web' },
];

/** The statuses GET /api/user/calls documents, in the documented order. */
export const CALL_STATUSES = [
	'initiated',
	'ringing',
	'busy',
	'in-progress',
	'ended',
	'completed',
	'ended_by_customer',
	'ended_by_assistant',
	'no-answer',
	'failed',
] as const;

export type CallStatus = (typeof CALL_STATUSES)[number];

/** The documented statuses of a call still going on. */
const OPEN_STATUSES: ReadonlySet<CallStatus> = new Set(['initiated', 'ringing', 'in-progress']);

/** The names the editor shows for each end state. */
const END_STATE_NAMES: Record<
	Exclude<CallStatus, 'initiated' | 'ringing' | 'in-progress'>,
	string
> = {
	busy: 'Busy',
	completed: 'Completed',
	ended: 'Ended',
	ended_by_assistant: 'Ended by Assistant',
	ended_by_customer: 'Ended by Customer',
	failed: 'Failed',
	'no-answer': 'No Answer',
};

/** The End States options, alphabetical as n8n's linter wants. */
export const END_STATE_OPTIONS = Object.entries(END_STATE_NAMES)
	.map(([value, name]) => ({ name, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** The end states that count by default: the calls that were answered and finished. */
export const FINISHED_STATES: CallStatus[] = [
	'completed',
	'ended',
	'ended_by_customer',
	'ended_by_assistant',
];

/** What a status means to the trigger. */
export type StatusReading =
	| { kind: 'open' | 'ended'; status: CallStatus }
	| { kind: 'unknown'; status: undefined };

function statusKey(text: string): string {
	return text
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, '-');
}

const BY_KEY = new Map<string, CallStatus>(CALL_STATUSES.map((s) => [statusKey(s), s]));
/** Longer than any documented status: a longer value is not looked at. */
const MAX_STATUS_LENGTH = 64;

/** A status as the API (or a user's expression) gives it, read leniently but never guessed. */
export function readStatus(value: unknown): StatusReading {
	if (typeof value !== 'string' || value.length > MAX_STATUS_LENGTH)
		return { kind: 'unknown', status: undefined };
	const status = BY_KEY.get(statusKey(value));
	if (status === undefined) return { kind: 'unknown', status: undefined };
	return { kind: OPEN_STATUSES.has(status) ? 'open' : 'ended', status };
}
