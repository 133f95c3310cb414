/**
 * Conversation-Ended Webhook > Disable: Intellixent stops sending the assistant's ended
 * conversations anywhere, through the trigger's own entry point
 * (nodes/shared/webhookRegistration.ts), in whichever documented form Intellixent serves; the
 * output says which form answered.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { disableWebhook } from '../../../shared/webhookRegistration';
import { assistantUuid, switchedBy } from './assistant';

export const option = {
	name: 'Disable',
	description: 'Stop Intellixent from sending the ended conversations of an assistant anywhere',
	action: 'Stop sending ended conversations of an assistant',
};

/** Only the assistant, which both operations show (assistant.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assistant = assistantUuid.call(this, i);
	const choice = await disableWebhook.call(this, switchedBy.call(this, assistant));
	return { assistant_id: assistant, enabled: false, api_form: choice.form };
}
