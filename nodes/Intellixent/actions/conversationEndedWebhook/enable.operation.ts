/**
 * Conversation-Ended Webhook > Enable: Intellixent POSTs the assistant's ended conversations to any
 * http(s) URL (checked before any request), through the trigger's own entry point
 * (nodes/shared/webhookRegistration.ts); the output says which documented form answered.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { enableWebhook } from '../../../shared/webhookRegistration';
import { assistantUuid, switchedBy } from './assistant';

export const option = {
	name: 'Enable',
	description:
		'Make Intellixent POST every ended conversation of an assistant to a URL. Replaces the URL set before: an assistant sends to one URL only.',
	action: 'Send ended conversations of an assistant to a URL',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/hooks/conversation-ended',
		displayOptions: { show: { resource: ['conversationEndedWebhook'], operation: ['enable'] } },
		description:
			'The http(s) address Intellixent POSTs each ended conversation to; it must be reachable from the internet',
	},
];

function webhookUrl(this: IExecuteFunctions, i: number): string {
	const raw = String(this.getNodeParameter('webhookUrl', i, '') ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	if (url && /^https?:$/.test(url.protocol)) return raw;
	throw new NodeOperationError(
		this.getNode(),
		'Webhook URL must be an http:// or https:// address',
		{
			description: raw
				? 'Intellixent POSTs each ended conversation there, so it must be a full web address reachable from the internet.'
				: 'It is empty. Set the address Intellixent should POST ended conversations to.',
			itemIndex: i,
		},
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assistant = assistantUuid.call(this, i);
	const url = webhookUrl.call(this, i);
	const choice = await enableWebhook.call(this, url, switchedBy.call(this, assistant));
	return { assistant_id: assistant, enabled: true, webhook_url: url, api_form: choice.form };
}
