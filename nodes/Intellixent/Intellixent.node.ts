/**
 * The Intellixent action node: act on assistants, calls, campaigns, WhatsApp and the
 * conversation-ended webhook, as a workflow step or as an AI agent's tool. Each operation is one
 * file, actions/<resource>/<operation>.operation.ts, holding its selector entry, its fields and
 * its execute; actions/<resource>/index.ts maps the resource's operations and builds its fields;
 * actions/router.ts runs each item through the operation the map names. The folder and file
 * names are the saved parameter values. The API client is nodes/shared.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/intellixentApi';
import * as assistant from './actions/assistant';
import * as call from './actions/call';
import * as campaign from './actions/campaign';
import * as conversationEndedWebhook from './actions/conversationEndedWebhook';
import { OUTPUT_VERSION } from './actions/output';
import { router } from './actions/router';
import * as whatsapp from './actions/whatsapp';
import { listSearch } from './listSearch';

export class Intellixent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intellixent',
		name: 'intellixent',
		icon: { light: 'file:intellixent.svg', dark: 'file:intellixent.dark.svg' },
		group: ['output'],
		version: [1, OUTPUT_VERSION],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send WhatsApp messages, look up calls, start campaigns and manage assistants of Intellixent AI chat and voice assistants',
		defaults: { name: 'Intellixent' },
		usableAsTool: true,
		builderHint: {
			searchHint:
				'Intellixent runs AI chat and voice assistants. This node sends WhatsApp template or free-form messages from an Intellixent sender, reads voice calls, starts or stops calling campaigns, lists or deletes assistants and points the conversation-ended webhook at a URL. Use it as an AI Agent tool with the values the model chooses; to react to ended conversations or calls use the Intellixent triggers instead.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-intellixent.intellixentTrigger',
					relationHint: 'Starts the workflow when a conversation ends; gives the customer phone',
				},
				{
					nodeType: 'n8n-nodes-intellixent.intellixentCallTrigger',
					relationHint: 'Starts the workflow when a voice call ends',
				},
				{
					nodeType: '@n8n/n8n-nodes-langchain.agent',
					relationHint: 'Can use this node as a tool',
				},
			],
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Assistant', value: 'assistant' },
					{ name: 'Call', value: 'call' },
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Conversation-Ended Webhook', value: 'conversationEndedWebhook' },
					{ name: 'WhatsApp', value: 'whatsapp' },
				],
				default: 'whatsapp',
			},
			...assistant.description,
			...call.description,
			...campaign.description,
			...whatsapp.description,
			...conversationEndedWebhook.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
