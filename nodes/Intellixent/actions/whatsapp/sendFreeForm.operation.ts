/**
 * WhatsApp > Send Free-Form Message: free text (1 to 4,096 characters, checked before the request)
 * within 24 hours of the customer's last message; the output includes the session status.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpoints } from '../../../shared/endpoints';
import { send, sendTarget } from './send';

const MAX_FREEFORM_LENGTH = 4096;

export const option = {
	name: 'Send Free-Form Message',
	description:
		"Send a free text message to a customer. Works only within 24 hours of the customer's last message; the output includes the session status (open, minutes remaining).",
	action: 'Send a free-form WhatsApp text to a phone number',
};

export const paced = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		displayOptions: { show: { resource: ['whatsapp'], operation: ['sendFreeForm'] } },
		description: 'The text to send, at most 4,096 characters',
	},
];

function freeFormText(this: IExecuteFunctions, i: number): string {
	const message = String(this.getNodeParameter('message', i, '') ?? '');
	if (message.trim() && message.length <= MAX_FREEFORM_LENGTH) return message;
	throw new NodeOperationError(
		this.getNode(),
		message.trim()
			? `Message is too long (${message.length} characters): shorten it to at most ${MAX_FREEFORM_LENGTH} characters`
			: `Message is empty: give the text to send (1 to ${MAX_FREEFORM_LENGTH} characters)`,
		{
			description: `WhatsApp free-form messages take 1 to ${MAX_FREEFORM_LENGTH} characters.`,
			itemIndex: i,
		},
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { senderId, recipientPhone } = sendTarget.call(this, i);
	return await send.call(this, endpoints.whatsappSendFreeForm(), 'the WhatsApp message', {
		sender_id: senderId,
		recipient_phone: recipientPhone,
		message: freeFormText.call(this, i),
	});
}
