/**
 * Conversation-Ended Webhook > Disable: Intellixent stops sending the assistant's ended
 * conversations anywhere, through the same registration API as the trigger
 * (nodes/shared/webhookRegistrationApi.ts), in whichever documented form Intellixent serves; the
 * output says which form answered.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { disableConversationEndedWebhook } from '../../../shared/webhookRegistrationApi';
import { assistantUuid } from './assistant';

export const option = {
	name: 'Disable',
	description: 'Stop Intellixent from sending the ended conversations of an assistant anywhere',
	action: 'Stop sending ended conversations of an assistant',
};

/** Only the assistant, which both operations show (assistant.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assistant = assistantUuid.call(this, i);
	const choice = await disableConversationEndedWebhook.call(this, assistant, { stage: 'run' });
	return { assistant_id: assistant, enabled: false, api_form: choice.form };
}
