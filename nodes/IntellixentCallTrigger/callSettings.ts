/** The Call Trigger's settings with their defaults: one place, used by the description and the poll. */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallListFilters } from '../shared/callsApi';

export type CallOutputShape = 'call' | 'flatRow';

/** The end states that count by default: the calls that were answered and finished. */
export const FINISHED_STATES = ['completed', 'ended', 'ended_by_customer', 'ended_by_assistant'];
export const DEFAULT_CALL_OUTPUT: CallOutputShape = 'call';

export interface CallTriggerSettings {
	filters: CallListFilters;
	endStates: Set<string>;
	outputShape: CallOutputShape;
	escapeFormulas: boolean;
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
			`The ${what} must be a whole number, not "${text.slice(0, 40)}"`,
			{
				description: `Use the ${what} as shown in the Intellixent portal, or leave it empty.`,
			},
		);
	}
	return Number(text);
}

export function readCallSettings(this: IPollFunctions): CallTriggerSettings {
	const assistant = this.getNodeParameter('assistant', '', { extractValue: true });
	const callType = this.getNodeParameter('callType', 'all') as string;
	const endStates = this.getNodeParameter('endStates', FINISHED_STATES) as string[];
	const options = this.getNodeParameter('options', {}) as { escapeFormulas?: boolean };
	if (endStates.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one end state', {
			description: 'The trigger emits calls that ended in one of the chosen states.',
		});
	}
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
		endStates: new Set(endStates),
		outputShape: this.getNodeParameter('outputShape', DEFAULT_CALL_OUTPUT) as CallOutputShape,
		escapeFormulas: options.escapeFormulas ?? true,
	};
}
