/**
 * Parameters that more than one node shows, built in one place so that they read and validate the
 * same everywhere: the assistant picker (a searchable list, or typed in by integer id for the
 * management endpoints and the Call Trigger, by UUID for the conversation webhook) and the
 * "Escape Spreadsheet Formulas" option of the two triggers' Flat Row outputs.
 */
import type { INodeProperties } from 'n8n-workflow';

export type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** What Intellixent's API calls an assistant's UUID (the webhook endpoints and the deliveries use it). */
export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const INTEGER_PATTERN = '^[0-9]+$';

interface AssistantLocatorOptions {
	/** How the assistant is typed in "By ID": its integer id or its UUID. */
	key: 'id' | 'uuid';
	description: string;
	/** The node's listSearch method that lists assistants with that key as the value. */
	searchListMethod: string;
	required?: boolean;
	name?: string;
	listPlaceholder?: string;
	/** Only for some resources and operations (the action node); omitted: always shown. */
	show?: Show;
}

/** An assistant chosen from a searchable list or typed in: its integer id or its UUID. */
export function assistantLocator(options: AssistantLocatorOptions): INodeProperties {
	const byUuid = options.key === 'uuid';
	return {
		displayName: 'Assistant',
		name: options.name ?? 'assistant',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		...(options.show ? { displayOptions: { show: options.show } } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: options.listPlaceholder ?? 'Select an assistant...',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: byUuid ? 'e.g. f9e8d7c6-b5a4-3210-fedc-ba9876543210' : 'e.g. 127',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: byUuid ? UUID_PATTERN : INTEGER_PATTERN,
							errorMessage: byUuid
								? "Not an assistant UUID: use the assistant's UUID from the Intellixent portal"
								: "Not an assistant ID: use the assistant's number from the Intellixent portal (e.g. 127)",
						},
					},
				],
			},
		],
	};
}

/** The triggers' Flat Row option that neutralises spreadsheet formulas (OWASP's CSV advice). */
export const escapeFormulasOption: INodeProperties = {
	displayName: 'Escape Spreadsheet Formulas',
	name: 'escapeFormulas',
	type: 'boolean',
	default: true,
	description:
		"Whether Flat Row text cells that start with =, +, -, @, a tab or a carriage return get a leading ' so that Google Sheets, Excel and CSV imports show them as text instead of running them as formulas. Numbers and phone numbers (+34 612 345 678) are left as they are.",
};
