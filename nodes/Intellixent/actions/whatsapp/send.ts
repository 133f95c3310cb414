/**
 * What both WhatsApp sends share: the rate notice, Sender and Recipient Phone (shown for both),
 * reading the sender and the recipient, and the send request itself, whose error quotes the
 * recipient on one bounded line. Sends count against Intellixent's 5-a-second limit, so each send
 * operation declares `paced` and the router spaces them out (../pacing.ts); their errors use the
 * WhatsApp error shape, turned into advice in nodes/shared/whatsappErrors.ts.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { quotedValue } from '../../../shared/endpoints';
import { locatorValue, positiveId, runRequest } from '../parameters';

const sends = { resource: ['whatsapp'], operation: ['sendTemplate', 'sendFreeForm'] };

export const sendFields: INodeProperties[] = [
	{
		displayName:
			'Intellixent accepts 5 WhatsApp sends a second per account: this node paces its sends to stay under it.',
		name: 'rateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: sends },
	},
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The WhatsApp Business number the message is sent from: its numeric sender ID, as Get Senders outputs it (not its phone number)',
		displayOptions: { show: sends },
		builderHint: {
			propertyHint:
				'A numeric sender ID (the "id" a WhatsApp Get Senders returns), not a phone number. Set it as a fixed value rather than letting an AI model choose it, so messages go out only from the intended number.',
		},
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a sender...',
				typeOptions: { searchListMethod: 'searchSenders', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[0-9]+$',
							errorMessage: 'Not a sender ID: use the number "Get Senders" shows as ID',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Recipient Phone',
		name: 'recipientPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +34612345678',
		displayOptions: { show: sends },
		builderHint: {
			propertyHint:
				'E.164 format: "+", country code and number, digits only (e.g. +34612345678). After an Intellixent Trigger, use its customer_phone field (empty for web-widget conversations).',
		},
		description:
			"The customer's phone number in E.164 international format: + and the country code, digits only (e.g. +34612345678)",
	},
];

function recipient(this: IExecuteFunctions, i: number): string {
	const phone = String(this.getNodeParameter('recipientPhone', i, '') ?? '').trim();
	if (phone) return phone;
	throw new NodeOperationError(
		this.getNode(),
		"Recipient Phone is empty: give the customer's phone number in E.164 format, + and the country code (e.g. +34612345678)",
		{
			description:
				"Set the customer's phone number with its country code (e.g. +34612345678). After an Intellixent Trigger, the expression {{ $json.customer_phone }} gives it for WhatsApp conversations (web-widget conversations have none).",
			itemIndex: i,
		},
	);
}

/** Item i's sender ID and recipient phone, checked before anything else of the send is read. */
export function sendTarget(
	this: IExecuteFunctions,
	i: number,
): { senderId: number; recipientPhone: string } {
	const senderId = positiveId.call(this, locatorValue.call(this, 'sender', i), 'Sender', i);
	return { senderId, recipientPhone: recipient.call(this, i) };
}

/** POSTs a send; `what` names it in an error ("the WhatsApp message", "the WhatsApp template"). */
export async function send(
	this: IExecuteFunctions,
	path: string,
	what: string,
	body: IDataObject & { recipient_phone: string },
): Promise<IDataObject> {
	return await runRequest.call(
		this,
		'POST',
		path,
		{ action: `send ${what} to ${quotedValue(body.recipient_phone, 40)}` },
		{ body },
	);
}
