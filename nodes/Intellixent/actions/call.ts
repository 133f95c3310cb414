/** Call operations: Get one call, Get Many with the documented filters; both can simplify. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getPaged } from '../../shared/paging';
import { endpoints } from '../../shared/endpoints';
import { pagingOf, positiveId, runRequest } from './parameters';

/** What Simplify keeps of a call: who, when, how it went; not the transcript, costs or variables. */
const SIMPLE_FIELDS = [
	'id',
	'type',
	'status',
	'duration',
	'assistant_name',
	'campaign_name',
	'assistant_phone_number',
	'client_phone_number',
	'answered_by',
	'recording_url',
	'created_at',
];

function simplifyCall(call: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLE_FIELDS) if (field in call) simple[field] = call[field];
	return simple;
}

/** YYYY-MM-DD, as the API's date filters take it, from n8n's date-time value. */
function dayOf(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	const day = /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
	return day ?? new Date(text).toISOString().slice(0, 10);
}

function callFilters(this: IExecuteFunctions, i: number): IDataObject {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	if (filters.type) qs.type = filters.type;
	if (typeof filters.phoneNumber === 'string' && filters.phoneNumber.trim())
		qs.phone_number = filters.phoneNumber.trim();
	const assistant = (filters.assistant as IDataObject | undefined)?.value;
	if (assistant !== undefined && String(assistant).trim() !== '')
		qs.assistant_id = positiveId.call(this, assistant, 'Assistant', i);
	if (filters.campaignId)
		qs.campaign_id = positiveId.call(this, filters.campaignId, 'Campaign ID', i);
	const from = dayOf(filters.dateFrom);
	const to = dayOf(filters.dateTo);
	if (from) qs.date_from = from;
	if (to) qs.date_to = to;
	return qs;
}

export async function callOperation(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject | IDataObject[]> {
	const simple = this.getNodeParameter('simple', i, true) as boolean;
	if (operation === 'get') {
		const id = positiveId.call(this, this.getNodeParameter('callId', i), 'Call ID', i);
		const answer = await runRequest.call(this, 'GET', endpoints.call(this.getNode(), id), {
			action: `get call ${id}`,
			subject: `call ${id}`,
		});
		// The docs show the call itself; a {data: call} envelope is accepted too.
		const call = (
			answer.data && typeof answer.data === 'object' && !Array.isArray(answer.data)
				? answer.data
				: answer
		) as IDataObject;
		return simple ? simplifyCall(call) : call;
	}
	const calls = await getPaged.call(
		this,
		endpoints.calls(),
		{ action: 'list the calls', stage: 'run' },
		{ ...pagingOf.call(this, i), qs: callFilters.call(this, i) },
	);
	return simple ? calls.map(simplifyCall) : calls;
}
