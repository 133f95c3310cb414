/** The Call resource: one voice call by ID, or many with the documented filters. */
import type { INodeProperties } from 'n8n-workflow';

import { assistantLocator } from '../../shared/sharedProperties';
import { operationProperty, returnAllAndLimit, simplify } from './common';

const show = { resource: ['call'] };

export const CALL_STATUSES = [
	'busy',
	'completed',
	'ended',
	'ended_by_assistant',
	'ended_by_customer',
	'failed',
	'in-progress',
	'initiated',
	'no-answer',
	'ringing',
];

export const callOperations: INodeProperties[] = [
	operationProperty(
		'call',
		[
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one voice call by its ID: status, duration, phone numbers, transcript, extracted variables, costs and recording URL',
				action: 'Get a call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List voice calls, newest first, filtered by status, type, phone number, assistant, campaign or date range',
				action: 'Get many calls',
			},
		],
		'get',
	),
];

export const callFields: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1042',
		displayOptions: { show: { ...show, operation: ['get'] } },
		description: 'The numeric ID of the call',
	},
	...returnAllAndLimit({ ...show, operation: ['getAll'] }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...show, operation: ['getAll'] } },
		options: [
			assistantLocator({
				key: 'id',
				required: false,
				description: 'Only calls handled by this assistant',
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
				description: "Only calls with this customer's phone number",
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'completed',
				options: CALL_STATUSES.map((status) => ({ name: status, value: status })),
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
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
					{ name: 'Web', value: 'web' },
				],
				description: 'Only inbound phone calls, outbound phone calls or web calls',
			},
		],
	},
	simplify({ ...show, operation: ['get', 'getAll'] }),
];
