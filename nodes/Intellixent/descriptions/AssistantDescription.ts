/** The Assistant resource: list (with a name search) and delete. */
import type { INodeProperties } from 'n8n-workflow';

import { assistantLocator } from '../../shared/sharedProperties';
import { operationProperty, returnAllAndLimit } from './common';

const show = { resource: ['assistant'] };

export const assistantOperations: INodeProperties[] = [
	operationProperty(
		'assistant',
		[
			{
				name: 'Delete',
				value: 'delete',
				description: 'Permanently delete an assistant. This cannot be undone.',
				action: 'Delete an assistant',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the assistants of the account (ID, UUID, name, type, mode, status), optionally only those whose name or UUID contains a search text',
				action: 'Get many assistants',
			},
		],
		'getAll',
	),
];

export const assistantFields: INodeProperties[] = [
	assistantLocator({
		key: 'id',
		description: 'The assistant to delete permanently',
		searchListMethod: 'searchAssistants',
		show: { ...show, operation: ['delete'] },
	}),
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		displayOptions: { show: { ...show, operation: ['getAll'] } },
		placeholder: 'e.g. support',
		description:
			'Only assistants whose name or UUID contains this text (not case-sensitive). Leave empty for all.',
	},
	...returnAllAndLimit({ ...show, operation: ['getAll'] }),
];
