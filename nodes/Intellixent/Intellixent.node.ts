/**
 * The Intellixent action node: act on assistants, calls, campaigns, WhatsApp and the
 * conversation-ended webhook, as a workflow step or as an AI agent's tool. The parameters are in
 * descriptions/ (one file per resource), the execution in actions/ (one file per resource) and
 * router.ts; the API client is nodes/shared.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/intellixentApi';
import { assistantFields, assistantOperations } from './descriptions/AssistantDescription';
import { callFields, callOperations } from './descriptions/CallDescription';
import { campaignFields, campaignOperations } from './descriptions/CampaignDescription';
import { webhookFields, webhookOperations } from './descriptions/WebhookDescription';
import { whatsappFields, whatsappOperations } from './descriptions/WhatsAppDescription';
import { listSearch } from './listSearch';
import { runItems } from './router';

export class Intellixent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intellixent',
		name: 'intellixent',
		icon: { light: 'file:intellixent.svg', dark: 'file:intellixent.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send WhatsApp messages, look up calls, start campaigns and manage assistants of Intellixent AI chat and voice assistants',
		defaults: { name: 'Intellixent' },
		usableAsTool: true,
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
			...assistantOperations,
			...assistantFields,
			...callOperations,
			...callFields,
			...campaignOperations,
			...campaignFields,
			...whatsappOperations,
			...whatsappFields,
			...webhookOperations,
			...webhookFields,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runItems.call(this);
	}
}
