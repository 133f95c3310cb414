/** The WhatsApp resource: list senders, send an approved template, send free text in the 24-hour window. */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from './common';

const show = { resource: ['whatsapp'] };
const sends = { ...show, operation: ['sendTemplate', 'sendFreeForm'] };

export const whatsappOperations: INodeProperties[] = [
	operationProperty(
		'whatsapp',
		[
			{
				name: 'Get Senders',
				value: 'getSenders',
				description:
					'List the WhatsApp Business numbers (senders) of the account with their ID, phone number, display name, status and messaging limit',
				action: 'Get senders',
			},
			{
				name: 'Send Free-Form Message',
				value: 'sendFreeForm',
				description:
					"Send a free text message to a customer. Works only within 24 hours of the customer's last message; the output includes the session status (open, minutes remaining).",
				action: 'Send a free form message',
			},
			{
				name: 'Send Template Message',
				value: 'sendTemplate',
				description:
					'Send a Meta-approved WhatsApp template to a phone number, with values for its variables. Works at any time, also outside the 24-hour window.',
				action: 'Send a template message',
			},
		],
		'sendTemplate',
	),
];

export const whatsappFields: INodeProperties[] = [
	{
		displayName:
			'Intellixent accepts 5 WhatsApp sends a second per account: this node paces its sends to stay under it.',
		name: 'rateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: sends },
	},
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The WhatsApp Business number the message is sent from',
		displayOptions: { show: sends },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a sender...',
				typeOptions: { searchListMethod: 'searchSenders', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[0-9]+$',
							errorMessage: 'Not a sender ID: use the number "Get Senders" shows as ID',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Recipient Phone',
		name: 'recipientPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +34612345678',
		displayOptions: { show: sends },
		description:
			"The customer's phone number in international format, with the country code (e.g. +34612345678)",
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'number',
		required: true,
		default: 0,
		displayOptions: { show: { ...show, operation: ['sendTemplate'] } },
		description:
			'The numeric ID of an approved WhatsApp template, as shown in the Intellixent portal',
	},
	{
		displayName: 'Recipient Name',
		name: 'recipientName',
		type: 'string',
		default: '',
		displayOptions: { show: { ...show, operation: ['sendTemplate'] } },
		description: "The customer's name, kept with the conversation in Intellixent (optional)",
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show: { ...show, operation: ['sendTemplate'] } },
		description: "Values for the template's placeholders, by the placeholder's name or number",
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1 or customer_name',
						description: 'The placeholder, as the template names it (e.g. 1 for {{1}})',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The text that replaces the placeholder',
					},
				],
			},
		],
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: { show: { ...show, operation: ['sendFreeForm'] } },
		description: 'The text to send, at most 4,096 characters',
	},
	{
		displayName: 'Include Offline Senders',
		name: 'includeOffline',
		type: 'boolean',
		default: false,
		displayOptions: { show: { ...show, operation: ['getSenders'] } },
		description: 'Whether to list senders that are offline too (by default only online ones)',
	},
];
