/**
 * Parameters several resources share: Return All / Limit, the assistant locator (by integer id for
 * the management endpoints, by UUID for the webhook) and the Simplify switch. Each resource's
 * description file shows them for its own operations through `displayOptions`.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** A resource's Operation selector (shown for that resource only). */
export function operationProperty(
	resource: string,
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

const UUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const INTEGER_REGEX = '^[0-9]+$';

export function returnAllAndLimit(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions: { show },
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { ...show, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/** An assistant chosen from a searchable list or typed in: its integer id or its UUID. */
export function assistantLocator(
	show: Show,
	options: { key: 'id' | 'uuid'; description: string; required?: boolean; name?: string },
): INodeProperties {
	const byUuid = options.key === 'uuid';
	return {
		displayName: 'Assistant',
		name: options.name ?? 'assistant',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		...(Object.keys(show).length ? { displayOptions: { show } } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an assistant...',
				typeOptions: {
					searchListMethod: byUuid ? 'searchAssistantsByUuid' : 'searchAssistants',
					searchable: true,
				},
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
							regex: byUuid ? UUID_REGEX : INTEGER_REGEX,
							errorMessage: byUuid
								? "Not an assistant UUID: use the assistant's UUID from the Intellixent portal"
								: "Not an assistant ID: use the assistant's number (e.g. 127)",
						},
					},
				],
			},
		],
	};
}

export function simplify(show: Show): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		displayOptions: { show },
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};
}
