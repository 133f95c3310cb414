/**
 * The Output option of the list and get operations, as n8n's own nodes offer it: Simplified (the
 * fields a person or an AI agent's model needs to pick the next step, a fraction of the bytes: a
 * call's transcript, costs and variables are left out), Raw (all Intellixent returns) or Selected
 * Fields. Node version 1.1 adds it. A version 1 node, which is every workflow saved before, has no
 * Output and outputs what it did then: calls as its Simplify switch says, assistants and senders
 * raw. n8n fills a missing parameter with its default, so only a new version can default to
 * Simplified without changing what a saved workflow outputs.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Show } from '../../shared/sharedProperties';

/** The node version that has Output; versions before it keep their old output. */
export const OUTPUT_VERSION = 1.1;
/** At most this many names in Fields: the output stays bounded whatever is typed there. */
const MAX_SELECTED_FIELDS = 100;

const fromOutputVersion = { '@version': [{ _cnd: { gte: OUTPUT_VERSION } }] };

/** Output and its Fields, for the operations `show` names; `simplified` lists what Simplified keeps. */
export function outputProperties(show: Show, simplified: readonly string[]): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simplified',
			displayOptions: { show: { ...show, ...fromOutputVersion } },
			options: [
				{
					name: 'Simplified',
					value: 'simplified',
					description: `Only ${simplified.join(', ')}`,
				},
				{ name: 'Raw', value: 'raw', description: 'Everything Intellixent returns' },
				{
					name: 'Selected Fields',
					value: 'selectedFields',
					description: 'Only the fields named in Fields',
				},
			],
			description: 'How much of each record to output',
			builderHint: {
				propertyHint:
					'Keep "simplified" when an AI agent reads the result or only IDs and statuses are needed; "raw" returns every field (for calls: transcript, variables and costs, many kilobytes each).',
			},
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: 'e.g. status,duration,recording_url',
			displayOptions: { show: { ...show, output: ['selectedFields'], ...fromOutputVersion } },
			description: `Comma-separated names of the top-level fields to output, at most ${MAX_SELECTED_FIELDS}. A field the record lacks is left out.`,
		},
	];
}

/** A record with only `fields` (those it has), in that order. */
export function pick(fields: readonly string[]): (record: IDataObject) => IDataObject {
	return (record) => {
		// Intellixent's answers are untrusted: a list entry that is not an object is output as is.
		if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
		const kept: IDataObject = {};
		for (const field of fields)
			if (Object.prototype.hasOwnProperty.call(record, field)) kept[field] = record[field];
		return kept;
	};
}

function selectedFields(this: IExecuteFunctions, i: number): string[] {
	const text = String(this.getNodeParameter('fields', i, '') ?? '');
	const fields = [
		...new Set(
			text
				.split(',')
				.map((f) => f.trim())
				.filter(Boolean),
		),
	];
	if (fields.length > 0 && fields.length <= MAX_SELECTED_FIELDS) return fields;
	throw new NodeOperationError(
		this.getNode(),
		fields.length
			? `Fields names ${fields.length} fields: name at most ${MAX_SELECTED_FIELDS}`
			: 'Fields is empty: name the fields to output, comma-separated (e.g. id,status), or set Output to Simplified',
		{ itemIndex: i },
	);
}

/**
 * What item i's Output asks for, as a function applied to each record; undefined for a node
 * older than OUTPUT_VERSION, whose caller keeps its version 1 output.
 */
export function outputShaper(
	this: IExecuteFunctions,
	i: number,
	simplified: readonly string[],
): ((record: IDataObject) => IDataObject) | undefined {
	if (this.getNode().typeVersion < OUTPUT_VERSION) return undefined;
	const mode = this.getNodeParameter('output', i, 'simplified') as string;
	if (mode === 'raw') return (record) => record;
	if (mode === 'selectedFields') return pick(selectedFields.call(this, i));
	return pick(simplified);
}
