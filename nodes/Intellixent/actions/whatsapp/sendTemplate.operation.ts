/**
 * WhatsApp > Send Template Message: a Meta-approved template with values for its placeholders, at
 * any time (also outside the 24-hour window). Empty variable names are left out.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/endpoints';
import { positiveId } from '../parameters';
import { send, sendTarget } from './send';

const show = { resource: ['whatsapp'], operation: ['sendTemplate'] };

export const option = {
	name: 'Send Template Message',
	description:
		'Send a Meta-approved WhatsApp template to a phone number, with values for its variables. Works at any time, also outside the 24-hour window.',
	action: 'Send a WhatsApp template to a phone number',
};

export const paced = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'number',
		required: true,
		default: 0,
		displayOptions: { show },
		builderHint: {
			propertyHint:
				"The numeric ID of a Meta-approved template from the Intellixent portal. Templates can be sent at any time; free-form messages only within 24 hours of the customer's last message.",
		},
		description:
			'The numeric ID of a Meta-approved WhatsApp template, as shown in the Intellixent portal',
	},
	{
		displayName: 'Recipient Name',
		name: 'recipientName',
		type: 'string',
		default: '',
		displayOptions: { show },
		description: "The customer's name, kept with the conversation in Intellixent (optional)",
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show },
		description: "Values for the template's placeholders, by the placeholder's name or number",
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1 or customer_name',
						description: 'The placeholder, as the template names it (e.g. 1 for {{1}})',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The text that replaces the placeholder',
					},
				],
			},
		],
	},
];

function templateVariables(this: IExecuteFunctions, i: number): IDataObject | undefined {
	const rows = (this.getNodeParameter('variables.variable', i, []) ?? []) as IDataObject[];
	const variables: IDataObject = {};
	for (const row of rows) {
		const name = String(row.name ?? '').trim();
		if (name) variables[name] = row.value ?? '';
	}
	return Object.keys(variables).length ? variables : undefined;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { senderId, recipientPhone } = sendTarget.call(this, i);
	const body = {
		sender_id: senderId,
		template_id: positiveId.call(this, this.getNodeParameter('templateId', i), 'Template ID', i),
		recipient_phone: recipientPhone,
	} as IDataObject & { recipient_phone: string };
	const name = String(this.getNodeParameter('recipientName', i, '') ?? '').trim();
	if (name) body.recipient_name = name;
	const variables = templateVariables.call(this, i);
	if (variables) body.variables = variables;
	return await send.call(this, endpoints.whatsappSendTemplate(), 'the WhatsApp template', body);
}
