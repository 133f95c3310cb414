/**
 * Call > Get Many: voice calls, newest first, with the documented filters (status, type, phone
 * number, assistant, campaign, date range), simplified unless Simplify is off. IDs in the filters
 * are checked before any request.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/endpoints';
import { getPaged } from '../../../shared/paging';
import { assistantLocator } from '../../../shared/sharedProperties';
import { positiveId } from '../parameters';
import { pagingOf, returnAllAndLimit } from '../returnAllLimit';
import { callShaper } from './simplify';
import { CALL_STATUSES, CALL_TYPE_OPTIONS } from '../../../shared/callStatuses';

const show = { resource: ['call'], operation: ['getAll'] };

export const option = {
	name: 'Get Many',
	description:
		'List voice calls, newest first, filtered by status, type, phone number, assistant, campaign or date range',
	action: 'List voice calls by status, phone number or date',
};

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			assistantLocator({
				key: 'id',
				required: false,
				description:
					'Only calls handled by this assistant: its integer ID, as Get Many Assistants returns it as "id"',
				searchListMethod: 'searchAssistants',
			}),
			{
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'number',
				default: 0,
				description: 'Only calls of this campaign (its numeric ID)',
			},
			{
				displayName: 'From Date',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only calls on or after this day (the time of day is ignored)',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +34612345678',
				description:
					"Only calls with this customer's phone number, in E.164 international format with the country code (e.g. +34612345678)",
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'completed',
				// Listed by name, as the editor shows them; the API's own order is in callStatuses.ts.
				options: [...CALL_STATUSES].sort().map((status) => ({ name: status, value: status })),
				description: 'Only calls in this status',
			},
			{
				displayName: 'To Date',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only calls on or before this day (the time of day is ignored)',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'outbound',
				options: CALL_TYPE_OPTIONS,
				description: 'Only inbound phone calls, outbound phone calls or web calls',
			},
		],
	},
];

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

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const shape = callShaper.call(this, i);
	const calls = await getPaged.call(
		this,
		endpoints.calls(),
		{ action: 'list the calls', stage: 'run' },
		{ ...pagingOf.call(this, i), qs: callFilters.call(this, i) },
	);
	return calls.map(shape);
}
