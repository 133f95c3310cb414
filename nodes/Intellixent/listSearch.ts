/**
 * The action node's searchable lists (n8n `listSearch`): assistants by integer id (management
 * endpoints), assistants by UUID (the webhook) and WhatsApp senders (all of them, offline ones
 * marked, since the list endpoint is not paginated).
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchAssistantsById, searchAssistantsByUuid } from '../shared/assistantSearch';
import { intellixentRequest } from '../shared/intellixentApi';
import { endpoints } from '../shared/endpoints';

function senderName(sender: IDataObject): string {
	const label = [sender.display_name, sender.phone_number].filter(Boolean).join(' ');
	const status = sender.status && sender.status !== 'online' ? ` (${String(sender.status)})` : '';
	return `${label || `Sender ${String(sender.id)}`}${status}`;
}

export async function searchSenders(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const answer = (await intellixentRequest.call(
		this,
		'GET',
		endpoints.whatsappSenders(),
		{ action: 'list the WhatsApp senders', stage: 'run' },
		{ qs: { status: 'all' } },
	)) as IDataObject;
	const senders = Array.isArray(answer?.data) ? (answer.data as IDataObject[]) : [];
	const needle = filter?.trim().toLowerCase();
	return {
		results: senders
			.filter((s) => s.id !== undefined && s.id !== null)
			.map((s) => ({ name: senderName(s), value: String(s.id) }))
			.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.includes(needle)),
	};
}

export const listSearch = {
	searchAssistants: searchAssistantsById,
	searchAssistantsByUuid,
	searchSenders,
};
