/**
 * What Start and Stop share: the Campaign ID field (shown for every Campaign operation) and the one
 * documented update-status request they both make, which differs only in its action.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/endpoints';
import { positiveId, runRequest } from '../parameters';

export const campaignIdProperty: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'number',
	required: true,
	default: 0,
	displayOptions: { show: { resource: ['campaign'] } },
	builderHint: {
		propertyHint:
			'The numeric campaign ID from the Intellixent portal. Starting a campaign makes its assistant phone every lead: confirm it with a person first.',
	},
	description:
		'The numeric ID of the campaign, as shown in the Intellixent portal (and as "campaign_id" in its calls)',
};

export async function changeStatus(
	this: IExecuteFunctions,
	action: 'start' | 'stop',
	i: number,
): Promise<IDataObject> {
	const id = positiveId.call(this, this.getNodeParameter('campaignId', i), 'Campaign ID', i);
	const answer = await runRequest.call(
		this,
		'POST',
		endpoints.campaignStatus(),
		{ action: `${action} campaign ${id}`, subject: `campaign ${id}` },
		{ body: { campaign_id: id, action } },
	);
	const data = (answer.data ?? {}) as IDataObject;
	return {
		campaign_id: data.campaign_id ?? id,
		status: data.status,
		success: answer.success,
		message: answer.message,
	};
}
