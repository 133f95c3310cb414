/** Campaign operations: Start and Stop, through the one documented update-status endpoint. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { endpoints } from '../../shared/endpoints';
import { positiveId, runRequest } from './parameters';

export async function campaignOperation(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject> {
	const id = positiveId.call(this, this.getNodeParameter('campaignId', i), 'Campaign ID', i);
	const action = operation === 'stop' ? 'stop' : 'start';
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
