/** The Call Trigger's parameters: what n8n shows in the editor (the logic is in pollCalls.ts). */
import type { INodeProperties } from 'n8n-workflow';

import { assistantLocator, escapeFormulasOption } from '../shared/sharedProperties';
import { DEFAULT_CALL_OUTPUT } from './callSettings';

export const callTriggerProperties: INodeProperties[] = [
	{
		displayName:
			"Checks Intellixent for ended calls on the schedule below and starts the workflow once per call. For instant delivery instead, point the assistant's post-call webhook (Intellixent dashboard, Post-Call Actions) at a Webhook node.",
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	assistantLocator({
		key: 'id',
		description: 'The assistant whose calls start this workflow. Leave empty for every assistant.',
		searchListMethod: 'searchAssistants',
		required: false,
		listPlaceholder: 'Select an assistant (or leave empty for all)...',
	}),
	{
		displayName: 'Call Type',
		name: 'callType',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Types', value: 'all' },
			{ name: 'Inbound', value: 'inbound' },
			{ name: 'Outbound', value: 'outbound' },
			{ name: 'Web', value: 'web' },
		],
	},
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7',
		description: 'Only calls of this campaign. Leave empty for calls of any campaign or none.',
	},
	{
		displayName: 'End States',
		name: 'endStates',
		type: 'multiOptions',
		default: ['completed', 'ended', 'ended_by_customer', 'ended_by_assistant'],
		description: 'Which ended calls start the workflow',
		options: [
			{ name: 'Busy', value: 'busy' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Ended', value: 'ended' },
			{ name: 'Ended by Assistant', value: 'ended_by_assistant' },
			{ name: 'Ended by Customer', value: 'ended_by_customer' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'No Answer', value: 'no-answer' },
		],
	},
	{
		displayName: 'Output',
		name: 'outputShape',
		type: 'options',
		default: DEFAULT_CALL_OUTPUT,
		options: [
			{
				name: 'Full Call',
				value: 'call',
				description:
					'One item per call with every field: transcript, variables, evaluation, costs, recording',
			},
			{
				name: 'Flat Row (for Sheets and CRMs)',
				value: 'flatRow',
				description:
					'One item of plain columns per call: call details, evaluation fields, then each variable as its own column',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [escapeFormulasOption],
	},
];
