/**
 * The parameters of the Call Ended event, shown only for it: how the post-call webhook is
 * registered, which calls start the workflow, and the output shape. New parameter names, so that
 * the conversation event's saved values (`channel`, `outputShape`) keep their meaning.
 */
import type { INodeProperties } from 'n8n-workflow';

import { CALL_ENDED } from '../shared/webhookEvents';
import { PASTE_PLACE } from './callRegistration';
import {
	DEFAULT_CALL_OUTPUT_SHAPE,
	DEFAULT_CALL_STATUS_FILTER,
	DEFAULT_REGISTRATION_MODE,
} from './triggerOptions';

const FOR_CALLS = { show: { event: [CALL_ENDED] } };
const MANUAL = { show: { event: [CALL_ENDED], registrationMode: ['manual'] } };

export const callEndedProperties: INodeProperties[] = [
	{
		displayName:
			"Intellixent sends the calls of an assistant to one post-call webhook URL only. With Registration Automatic, publishing this workflow takes the assistant's calls over from any other workflow or tool. For calls you missed (no access to Post-Call Actions, or n8n was down longer than Intellixent retries), use the Intellixent Call Trigger, which polls the calls list.",
		name: 'callOneUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: FOR_CALLS,
	},
	{
		displayName: 'Registration',
		name: 'registrationMode',
		type: 'options',
		default: DEFAULT_REGISTRATION_MODE,
		displayOptions: FOR_CALLS,
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					"Publishing switches on the assistant's post-call webhook with this workflow's URL; unpublishing switches it off",
			},
			{
				name: 'Manual',
				value: 'manual',
				description: `You paste this node's URL in Intellixent (${PASTE_PLACE}); publishing and unpublishing call nothing at Intellixent`,
			},
		],
	},
	{
		displayName: `Paste in Intellixent, in ${PASTE_PLACE}: this node's Production URL (under Webhook URLs at the top) followed by the token listed below, then switch Post call webhook on, and publish this workflow. The token is computed from the API key and the assistant and is not saved in the workflow; after changing the API key, paste the URL again.`,
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: MANUAL,
	},
	{
		displayName: 'Token to Add to the Production URL Name or ID',
		name: 'manualToken',
		type: 'options',
		default: 'shown',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: MANUAL,
		typeOptions: {
			loadOptionsMethod: 'manualDeliveryToken',
			loadOptionsDependsOn: ['assistant.value', 'options.verifyDeliveryToken'],
		},
		options: [],
	},
	{
		displayName: 'Calls',
		name: 'callStatusFilter',
		type: 'options',
		default: DEFAULT_CALL_STATUS_FILTER,
		displayOptions: FOR_CALLS,
		description:
			'Which calls start the workflow. Others are acknowledged to Intellixent and start nothing.',
		options: [
			{
				name: 'All Calls',
				value: 'all',
				description: 'Also busy, failed, no-answer and any other status',
			},
			{
				name: 'Completed Calls Only',
				value: 'completed',
				description: 'Status completed (or ended, ended_by_customer, ended_by_assistant)',
			},
		],
	},
	{
		displayName: 'Output',
		name: 'callOutputShape',
		type: 'options',
		default: DEFAULT_CALL_OUTPUT_SHAPE,
		displayOptions: FOR_CALLS,
		options: [
			{
				name: 'Flat Row (for Sheets and CRMs)',
				value: 'flatRow',
				description:
					'One item of plain columns: call details, the lead and transfers, then each extracted variable as its own column',
			},
			{
				name: 'Full Call',
				value: 'call',
				description: 'One item per call with every field, plus transcript line counts',
			},
			{
				name: 'One Item per Transcript Line',
				value: 'lines',
				description: 'One item per transcript line, with the call ID on each',
			},
		],
	},
];
