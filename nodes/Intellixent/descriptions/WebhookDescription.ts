/**
 * The Conversation-Ended Webhook resource: point an assistant's conversation-ended webhook at any
 * URL, or switch it off, for people who route an assistant to another tool or script their setup.
 */
import type { INodeProperties } from 'n8n-workflow';

import { assistantLocator } from '../../shared/sharedProperties';
import { operationProperty } from './common';

const show = { resource: ['conversationEndedWebhook'] };

export const webhookOperations: INodeProperties[] = [
	operationProperty(
		'conversationEndedWebhook',
		[
			{
				name: 'Disable',
				value: 'disable',
				description:
					'Stop Intellixent from sending the ended conversations of an assistant anywhere',
				action: 'Disable the conversation ended webhook',
			},
			{
				name: 'Enable',
				value: 'enable',
				description:
					'Make Intellixent POST every ended conversation of an assistant to a URL. Replaces the URL set before: an assistant sends to one URL only.',
				action: 'Enable the conversation ended webhook',
			},
		],
		'enable',
	),
];

export const webhookFields: INodeProperties[] = [
	{
		displayName:
			'An assistant sends its conversations to one URL only: this takes them over from any published Intellixent Trigger of the same assistant.',
		name: 'takeoverNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, operation: ['enable'] } },
	},
	assistantLocator({
		key: 'uuid',
		searchListMethod: 'searchAssistantsByUuid',
		show,
		// Not 'assistant': n8n validates a parameter against the first property of that name, and
		// Assistant > Delete's takes an integer id, not a UUID.
		name: 'webhookAssistant',
		description: 'The assistant whose conversation-ended webhook is changed',
	}),
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/hooks/conversation-ended',
		displayOptions: { show: { ...show, operation: ['enable'] } },
		description:
			'The http(s) address Intellixent POSTs each ended conversation to; it must be reachable from the internet',
	},
];
