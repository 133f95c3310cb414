/**
 * Conversation-Ended Webhook operations: Enable (any URL) and Disable, through the same
 * registration API as the trigger (nodes/shared/webhookRegistrationApi.ts), in whichever documented
 * form Intellixent serves. The output says which form answered.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	disableConversationEndedWebhook,
	enableConversationEndedWebhook,
} from '../../shared/webhookRegistrationApi';
import { locatorValue } from './parameters';

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

function assistantUuid(this: IExecuteFunctions, i: number): string {
	const uuid = locatorValue.call(this, 'webhookAssistant', i);
	if (uuid) return uuid;
	throw new NodeOperationError(this.getNode(), 'No assistant chosen', {
		description: 'Choose the assistant from the list, or give its UUID.',
		itemIndex: i,
	});
}

export async function webhookOperation(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject> {
	const assistant = assistantUuid.call(this, i);
	if (operation === 'disable') {
		const choice = await disableConversationEndedWebhook.call(this, assistant, { stage: 'run' });
		return { assistant_id: assistant, enabled: false, api_form: choice.form };
	}
	const url = webhookUrl.call(this, i);
	const choice = await enableConversationEndedWebhook.call(this, assistant, url, { stage: 'run' });
	return { assistant_id: assistant, enabled: true, webhook_url: url, api_form: choice.form };
}
