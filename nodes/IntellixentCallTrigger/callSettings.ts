/** The Call Trigger's settings with their defaults: one place, used by the description and the poll. */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallListFilters } from '../shared/callsApi';
import { quotedValue } from '../shared/endpoints';
import type { CallStatus } from '../shared/callStatuses';
import { FINISHED_STATES, readStatus } from '../shared/callStatuses';
import type { ZonedClock } from './callTimes';
import { knownTimeZone, zonedClock } from './callTimes';

export type CallOutputShape = 'call' | 'flatRow';

export const DEFAULT_CALL_OUTPUT: CallOutputShape = 'call';

export interface CallTriggerSettings {
	filters: CallListFilters;
	endStates: Set<CallStatus>;
	outputShape: CallOutputShape;
	escapeFormulas: boolean;
	/** Reads a `created_at` without an offset in the chosen time zone. */
	zoned: ZonedClock;
}

interface CallTriggerOptions {
	escapeFormulas?: boolean;
	timestampTimeZone?: string;
}

function integerOrUndefined(
	this: IPollFunctions,
	value: unknown,
	what: string,
): number | undefined {
	const text = String(value ?? '').trim();
	if (text === '') return undefined;
	if (!/^\d+$/.test(text)) {
		throw new NodeOperationError(
			this.getNode(),
			`The ${what} must be a whole number, not "${quotedValue(text)}"`,
			{
				description: `Use the ${what} as shown in the Intellixent portal, or leave it empty.`,
			},
		);
	}
	return Number(text);
}

function endStatesFrom(this: IPollFunctions, chosen: unknown): Set<CallStatus> {
	const list = Array.isArray(chosen) ? (chosen as unknown[]) : [];
	if (list.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one end state', {
			description: 'The trigger emits calls that ended in one of the chosen states.',
		});
	}
	const states = new Set<CallStatus>();
	for (const value of list) {
		const reading = readStatus(value);
		if (reading.kind !== 'ended') {
			throw new NodeOperationError(
				this.getNode(),
				`"${quotedValue(value)}" is not an end state Intellixent documents`,
				{ description: 'Choose the end states from the list.' },
			);
		}
		states.add(reading.status);
	}
	return states;
}

function timeZoneFrom(this: IPollFunctions, chosen: string | undefined): ZonedClock {
	const name = (chosen ?? '').trim() || this.getTimezone();
	const zone = knownTimeZone(name);
	if (zone === undefined) {
		throw new NodeOperationError(this.getNode(), `"${quotedValue(name)}" is not a time zone`, {
			description:
				'Set Timestamps Without Offset to a time-zone name such as Europe/Madrid or UTC, or leave it empty for the time zone of this n8n.',
		});
	}
	return zonedClock(zone);
}

export function readCallSettings(this: IPollFunctions): CallTriggerSettings {
	const assistant = this.getNodeParameter('assistant', '', { extractValue: true });
	const callType = this.getNodeParameter('callType', 'all') as string;
	const options = this.getNodeParameter('options', {}) as CallTriggerOptions;
	return {
		filters: {
			assistant_id: integerOrUndefined.call(this, assistant, 'assistant ID'),
			campaign_id: integerOrUndefined.call(
				this,
				this.getNodeParameter('campaignId', ''),
				'campaign ID',
			),
			type: callType === 'all' ? undefined : callType,
		},
		endStates: endStatesFrom.call(this, this.getNodeParameter('endStates', FINISHED_STATES)),
		outputShape: this.getNodeParameter('outputShape', DEFAULT_CALL_OUTPUT) as CallOutputShape,
		escapeFormulas: options.escapeFormulas ?? true,
		zoned: timeZoneFrom.call(this, options.timestampTimeZone),
	};
}
