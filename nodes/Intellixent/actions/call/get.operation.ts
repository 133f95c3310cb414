/** Call > Get: one voice call by its numeric ID, simplified unless Simplify is off. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/endpoints';
import { positiveId, runRequest } from '../parameters';
import { callShaper } from './simplify';

export const option = {
	name: 'Get',
	description:
		'Get one voice call by its ID: status, duration, phone numbers, transcript, extracted variables, costs and recording URL',
	action: 'Get a voice call by ID',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1042',
		displayOptions: { show: { resource: ['call'], operation: ['get'] } },
		description:
			'The numeric ID of the call, as Get Many Calls or the Intellixent Call Trigger output it',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const shape = callShaper.call(this, i);
	const id = positiveId.call(this, this.getNodeParameter('callId', i), 'Call ID', i);
	const answer = await runRequest.call(this, 'GET', endpoints.call(this.getNode(), id), {
		action: `get call ${id}`,
		subject: `call ${id}`,
	});
	// The docs show the call itself; a {data: call} envelope is accepted too.
	const call = (
		answer.data && typeof answer.data === 'object' && !Array.isArray(answer.data)
			? answer.data
			: answer
	) as IDataObject;
	return shape(call);
}
