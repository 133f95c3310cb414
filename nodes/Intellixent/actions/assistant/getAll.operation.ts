/**
 * Assistant > Get Many: the account's assistants, paged, optionally only those whose name or UUID
 * contains a search text (filtered here: the API has no search).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/endpoints';
import { getPaged } from '../../../shared/paging';
import { outputProperties, outputShaper } from '../output';
import { pagingOf, returnAllAndLimit } from '../returnAllLimit';

const show = { resource: ['assistant'], operation: ['getAll'] };
/** What Output > Simplified keeps of an assistant: what picking one and telling them apart needs. */
const SIMPLE_FIELDS = ['id', 'uuid', 'name', 'type', 'status'];

export const option = {
	name: 'Get Many',
	description:
		'List the assistants of the account (ID, UUID, name, type, mode, status), optionally only those whose name or UUID contains a search text',
	action: 'List the assistants with their ID, UUID and name',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		displayOptions: { show },
		placeholder: 'e.g. support',
		description:
			'Only assistants whose name or UUID contains this text (not case-sensitive). Leave empty for all.',
	},
	...returnAllAndLimit(show),
	...outputProperties(show, SIMPLE_FIELDS),
];

function containsText(search: string) {
	const needle = search.trim().toLowerCase();
	if (!needle) return undefined;
	return (assistant: IDataObject) =>
		[assistant.name, assistant.uuid].some((field) =>
			String(field ?? '')
				.toLowerCase()
				.includes(needle),
		);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const search = this.getNodeParameter('search', i, '') as string;
	const shape = outputShaper.call(this, i, SIMPLE_FIELDS);
	const assistants = await getPaged.call(
		this,
		endpoints.assistants(),
		{ action: 'list the assistants', stage: 'run' },
		{ ...pagingOf.call(this, i), keep: containsText(search) },
	);
	return shape ? assistants.map(shape) : assistants;
}
