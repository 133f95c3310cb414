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
