/** WhatsApp > Get Senders: the account's WhatsApp Business numbers, online ones unless asked for all. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/endpoints';
import { outputProperties, outputShaper } from '../output';
import { runRequest } from '../parameters';

export const option = {
	name: 'Get Senders',
	description:
		'List the WhatsApp Business numbers (senders) of the account with their ID, phone number, display name, status and messaging limit',
	action: 'List the WhatsApp senders',
};

const show = { resource: ['whatsapp'], operation: ['getSenders'] };
/** What Output > Simplified keeps of a sender: what choosing the one to send from needs. */
const SIMPLE_FIELDS = ['id', 'phone_number', 'display_name', 'status'];

export const description: INodeProperties[] = [
	{
		displayName: 'Include Offline Senders',
		name: 'includeOffline',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether to list senders that are offline too (by default only online ones)',
	},
	...outputProperties(show, SIMPLE_FIELDS),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const includeOffline = this.getNodeParameter('includeOffline', i, false) as boolean;
	const answer = await runRequest.call(
		this,
		'GET',
		endpoints.whatsappSenders(),
		{ action: 'list the WhatsApp senders' },
		{ qs: { status: includeOffline ? 'all' : 'online' } },
	);
	const senders = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	const shape = outputShaper.call(this, i, SIMPLE_FIELDS);
	return shape ? senders.map(shape) : senders;
}
