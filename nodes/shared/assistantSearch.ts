/**
 * The assistant list of a resource locator ("From List" with search), on the shared
 * listAssistants: one API page per n8n page, filtered by name or ID. `valueKind` chooses what the
 * locator stores: the integer `id` (the call list filters by it) or the `uuid` (webhook payloads
 * name assistants by it). The two listSearch methods below are what the three nodes register.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listAssistants } from './intellixentApi';

export async function searchAssistantList(
	this: ILoadOptionsFunctions,
	valueKind: 'id' | 'uuid',
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Math.max(1, Number(paginationToken) || 1);
	const result = await listAssistants.call(this, page, 100, 'picker');
	const needle = filter?.trim().toLowerCase();
	const results = [];
	for (const assistant of result.data) {
		const value = valueKind === 'id' ? assistant.id : assistant.uuid;
		if (value === undefined || value === null || value === '') continue;
		const name = String(assistant.name || value);
		const text = `${name.toLowerCase()} ${String(value).toLowerCase()}`;
		if (!needle || text.includes(needle)) results.push({ name, value: String(value) });
	}
	const more = result.current_page < result.last_page;
	return { results, paginationToken: more ? String(result.current_page + 1) : undefined };
}

/** listSearch method: assistants by integer id (the management endpoints and the call list). */
export async function searchAssistantsById(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchAssistantList.call(this, 'id', filter, paginationToken);
}

/** listSearch method: assistants by UUID (the conversation-ended webhook names them so). */
export async function searchAssistantsByUuid(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchAssistantList.call(this, 'uuid', filter, paginationToken);
}
