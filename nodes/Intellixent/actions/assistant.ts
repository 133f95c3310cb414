/** Assistant operations: Get Many (with a client-side search: the API has none) and Delete. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getPaged } from '../../shared/paging';
import { endpoints } from '../../shared/endpoints';
import { locatorValue, pagingOf, positiveId, runRequest } from './parameters';

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

export async function assistantOperation(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject | IDataObject[]> {
	if (operation === 'delete') {
		const id = positiveId.call(this, locatorValue.call(this, 'assistant', i), 'Assistant', i);
		const answer = await runRequest.call(this, 'DELETE', endpoints.assistant(this.getNode(), id), {
			action: `delete assistant ${id}`,
			subject: `assistant ${id}`,
		});
		return { deleted: true, id, message: answer.message ?? 'Assistant deleted successfully' };
	}
	const search = this.getNodeParameter('search', i, '') as string;
	return await getPaged.call(
		this,
		endpoints.assistants(),
		{ action: 'list the assistants', stage: 'run' },
		{ ...pagingOf.call(this, i), keep: containsText(search) },
	);
}
