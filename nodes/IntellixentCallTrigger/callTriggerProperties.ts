/** The Call Trigger's parameters: what n8n shows in the editor (the logic is in pollCalls.ts). */
import type { INodeProperties } from 'n8n-workflow';

import { assistantLocator, escapeFormulasOption } from '../shared/sharedProperties';
import { DEFAULT_CALL_OUTPUT } from './callSettings';
import { CALL_TYPE_OPTIONS, END_STATE_OPTIONS, FINISHED_STATES } from '../shared/callStatuses';

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
		options: [{ name: 'All Types', value: 'all' }, ...CALL_TYPE_OPTIONS],
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
		// n8n's lint rule wants an array expression as a multiOptions default.
		default: [...FINISHED_STATES],
		description:
			'Which ended calls start the workflow. A call with a status Intellixent does not document counts as still going on.',
		options: END_STATE_OPTIONS,
	},
	{
		displayName: 'Output',
		name: 'outputShape',
		type: 'options',
		default: DEFAULT_CALL_OUTPUT,
		options: [
			{
				name: 'Flat Row (for Sheets and CRMs)',
				value: 'flatRow',
				description:
					'One item of plain columns per call: call details, evaluation fields, then each variable as its own column',
			},
			{
				name: 'Full Call',
				value: 'call',
				description:
					'One item per call with every field: transcript, variables, evaluation, costs, recording',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			escapeFormulasOption,
			{
				displayName: 'Timestamps Without Offset',
				name: 'timestampTimeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Madrid',
				description:
					"The time zone of call times that Intellixent sends without a UTC offset (such as 2026-12-03 10:00:00). Leave empty for this n8n's time zone. Times with an offset are read as they are.",
			},
		],
	},
];
