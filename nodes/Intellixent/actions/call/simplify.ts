/**
 * The Call resource's Simplify switch, shown for Get and Get Many, and what it keeps of a call:
 * who, when, how it went; not the transcript, costs or variables.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
	displayOptions: { show: { resource: ['call'], operation: ['get', 'getAll'] } },
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

function simplifyCall(call: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLE_FIELDS) if (field in call) simple[field] = call[field];
	return simple;
}

/** What item i's Simplify asks for: the simplified call, or the call as Intellixent sent it. */
export function callShaper(this: IExecuteFunctions, i: number): (call: IDataObject) => IDataObject {
	return (this.getNodeParameter('simple', i, true) as boolean) ? simplifyCall : (call) => call;
}
