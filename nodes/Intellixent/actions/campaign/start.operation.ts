/** Campaign > Start: its assistant begins calling the campaign's leads. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changeStatus } from './status';

export const option = {
	name: 'Start',
	description:
		'Start an outbound calling campaign: its assistant begins calling the leads. The campaign needs leads.',
	action: 'Start an outbound calling campaign by ID',
};

/** Only the Campaign ID, which every Campaign operation shows (status.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await changeStatus.call(this, 'start', i);
}
