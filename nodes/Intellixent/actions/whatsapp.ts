/**
 * WhatsApp operations: Get Senders, Send Template Message, Send Free-Form Message. Sends are
 * paced by the caller (see ../pacing.ts); their errors use the WhatsApp error shape, turned into
 * advice in nodes/shared/whatsappErrors.ts.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { endpoints, quotedValue } from '../../shared/endpoints';
import { locatorValue, positiveId, runRequest } from './parameters';

const MAX_FREEFORM_LENGTH = 4096;

/** The operations that send a message: these count against the 5-a-second limit. */
export const SEND_OPERATIONS = ['sendTemplate', 'sendFreeForm'];

function recipient(this: IExecuteFunctions, i: number): string {
	const phone = String(this.getNodeParameter('recipientPhone', i, '') ?? '').trim();
	if (phone) return phone;
	throw new NodeOperationError(this.getNode(), 'Recipient Phone is empty', {
		description:
			"Set the customer's phone number with its country code (e.g. +34612345678). After an Intellixent Trigger, the expression {{ $json.customer_phone }} gives it for WhatsApp conversations (web-widget conversations have none).",
		itemIndex: i,
	});
}

function templateVariables(this: IExecuteFunctions, i: number): IDataObject | undefined {
	const rows = (this.getNodeParameter('variables.variable', i, []) ?? []) as IDataObject[];
	const variables: IDataObject = {};
	for (const row of rows) {
		const name = String(row.name ?? '').trim();
		if (name) variables[name] = row.value ?? '';
	}
	return Object.keys(variables).length ? variables : undefined;
}

function freeFormText(this: IExecuteFunctions, i: number): string {
	const message = String(this.getNodeParameter('message', i, '') ?? '');
	if (message.trim() && message.length <= MAX_FREEFORM_LENGTH) return message;
	throw new NodeOperationError(
		this.getNode(),
		message.trim() ? `Message is too long (${message.length} characters)` : 'Message is empty',
		{
			description: `WhatsApp free-form messages take 1 to ${MAX_FREEFORM_LENGTH} characters.`,
			itemIndex: i,
		},
	);
}

async function send(this: IExecuteFunctions, operation: string, i: number): Promise<IDataObject> {
	const senderId = positiveId.call(this, locatorValue.call(this, 'sender', i), 'Sender', i);
	const recipientPhone = recipient.call(this, i);
	if (operation === 'sendFreeForm') {
		return await runRequest.call(
			this,
			'POST',
			endpoints.whatsappSendFreeForm(),
			{ action: `send the WhatsApp message to ${quotedValue(recipientPhone, 40)}` },
			{
				body: {
					sender_id: senderId,
					recipient_phone: recipientPhone,
					message: freeFormText.call(this, i),
				},
			},
		);
	}
	const body: IDataObject = {
		sender_id: senderId,
		template_id: positiveId.call(this, this.getNodeParameter('templateId', i), 'Template ID', i),
		recipient_phone: recipientPhone,
	};
	const name = String(this.getNodeParameter('recipientName', i, '') ?? '').trim();
	if (name) body.recipient_name = name;
	const variables = templateVariables.call(this, i);
	if (variables) body.variables = variables;
	return await runRequest.call(
		this,
		'POST',
		endpoints.whatsappSendTemplate(),
		{ action: `send the WhatsApp template to ${quotedValue(recipientPhone, 40)}` },
		{ body },
	);
}

export async function whatsappOperation(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject | IDataObject[]> {
	if (SEND_OPERATIONS.includes(operation)) return await send.call(this, operation, i);
	const includeOffline = this.getNodeParameter('includeOffline', i, false) as boolean;
	const answer = await runRequest.call(
		this,
		'GET',
		endpoints.whatsappSenders(),
		{ action: 'list the WhatsApp senders' },
		{ qs: { status: includeOffline ? 'all' : 'online' } },
	);
	return Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
}
