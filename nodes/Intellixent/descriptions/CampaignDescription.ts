/** The Campaign resource: start or stop an outbound calling campaign. */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from './common';

const show = { resource: ['campaign'] };

export const campaignOperations: INodeProperties[] = [
	operationProperty(
		'campaign',
		[
			{
				name: 'Start',
				value: 'start',
				description:
					'Start an outbound calling campaign: its assistant begins calling the leads. The campaign needs leads.',
				action: 'Start a campaign',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Stop a running campaign: no further calls are placed',
				action: 'Stop a campaign',
			},
		],
		'start',
	),
];

export const campaignFields: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'number',
		required: true,
		default: 0,
		displayOptions: { show },
		description: 'The numeric ID of the campaign, as shown in the Intellixent portal',
	},
];
