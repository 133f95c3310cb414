/** Assistant > Delete: permanently deletes one assistant, chosen from the list or by its integer ID. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/endpoints';
import { assistantLocator } from '../../../shared/sharedProperties';
import { locatorValue, positiveId, runRequest } from '../parameters';

export const option = {
	name: 'Delete',
	description: 'Permanently delete an assistant. This cannot be undone.',
	action: 'Delete an assistant permanently by its ID',
};

export const description: INodeProperties[] = [
	{
		...assistantLocator({
			key: 'id',
			description:
				'The assistant to delete permanently: its integer ID, as Get Many Assistants returns it as "id" (not its UUID)',
			searchListMethod: 'searchAssistants',
			show: { resource: ['assistant'], operation: ['delete'] },
		}),
		builderHint: {
			propertyHint:
				'The integer "id" of the assistant (e.g. 127), not its UUID. Deleting cannot be undone: do not let an AI model choose this value without a human approval step.',
		},
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = positiveId.call(this, locatorValue.call(this, 'assistant', i), 'Assistant', i);
	const answer = await runRequest.call(this, 'DELETE', endpoints.assistant(this.getNode(), id), {
		action: `delete assistant ${id}`,
		subject: `assistant ${id}`,
	});
	return { deleted: true, id, message: answer.message ?? 'Assistant deleted successfully' };
}
