/** Campaign > Stop: no further calls of the campaign are placed. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changeStatus } from './status';

export const option = {
	name: 'Stop',
	description: 'Stop a running campaign: no further calls are placed',
	action: 'Stop an outbound calling campaign by ID',
};

/** Only the Campaign ID, which every Campaign operation shows (status.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeStatus.call(this, 'stop', i);
}
