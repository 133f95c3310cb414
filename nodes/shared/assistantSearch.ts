/**
 * The searchable assistant list behind both nodes' resource locators (n8n `listSearch`): one page
 * of `GET /api/user/assistants/get` per call, filtered by name or UUID, with n8n's pagination token.
 * The trigger's locator wants the UUID (what deliveries carry); the action node's assistant
 * operations want the integer id (what the management endpoints take).
 */
import type { INodeListSearchResult } from 'n8n-workflow';

import type { Assistant } from './intellixentApi';
import { listAssistants } from './intellixentApi';

type ApiContext = ThisParameterType<typeof listAssistants>;

/** Which of an assistant's identifiers a locator's value is. */
export type AssistantKey = 'uuid' | 'id';

function matches(assistant: Assistant, needle: string | undefined): boolean {
	if (!needle) return true;
	return [assistant.name, assistant.uuid, assistant.id].some((field) =>
		String(field ?? '')
			.toLowerCase()
			.includes(needle),
	);
}

export async function searchAssistantList(
	this: ApiContext,
	key: AssistantKey,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Math.max(1, Number(paginationToken) || 1);
	const result = await listAssistants.call(this, page);
	const needle = filter?.trim().toLowerCase();
	return {
		results: result.data
			.filter((a) => matches(a, needle))
			.filter((a) => (typeof a[key] === 'string' || typeof a[key] === 'number') && a[key] !== '')
			.map((a) => ({ name: String(a.name || a[key]), value: String(a[key]) })),
		paginationToken:
			result.current_page < result.last_page ? String(result.current_page + 1) : undefined,
	};
}
