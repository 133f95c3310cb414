/** The Campaign resource: its operations (the map the router runs from) and its editor fields. */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../operation';
import { operationFields, operationSelector } from '../operation';
import * as start from './start.operation';
import * as stop from './stop.operation';
import { campaignIdProperty } from './status';

export const operations = { start, stop } satisfies OperationMap;

export const description: INodeProperties[] = [
	operationSelector('campaign', operations, 'start'),
	campaignIdProperty,
	...operationFields(operations),
];
