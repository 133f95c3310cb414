/**
 * What the Call resource outputs for Get and Get Many. Node version 1: its Simplify switch; from
 * version 1.1 the Output option (../output.ts), which replaces it. Simplified keeps of a call who,
 * when and how it went; not the transcript, costs or variables.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputProperties, outputShaper, pick } from '../output';

const SIMPLE_FIELDS = [
	'id',
	'type',
	'status',
	'duration',
	'assistant_name',
	'campaign_name',
	'assistant_phone_number',
	'client_phone_number',
	'answered_by',
	'recording_url',
	'created_at',
];

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	displayOptions: { show: { resource: ['call'], operation: ['get', 'getAll'], '@version': [1] } },
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const callOutputProperties = outputProperties(
	{ resource: ['call'], operation: ['get', 'getAll'] },
	SIMPLE_FIELDS,
);

/** What item i's Output (or, in version 1, Simplify) asks for: the call simplified, raw or picked. */
export function callShaper(this: IExecuteFunctions, i: number): (call: IDataObject) => IDataObject {
	const shaper = outputShaper.call(this, i, SIMPLE_FIELDS);
	if (shaper) return shaper;
	return (this.getNodeParameter('simple', i, true) as boolean)
		? pick(SIMPLE_FIELDS)
		: (call) => call;
}
