/** The Call resource: its operations (the map the router runs from) and its editor fields. */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../operation';
import { operationFields, operationSelector } from '../operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { callOutputProperties, simplifyProperty } from './simplify';

export const operations = { get, getAll } satisfies OperationMap;

export const description: INodeProperties[] = [
	operationSelector('call', operations, 'get'),
	...operationFields(operations),
	simplifyProperty,
	...callOutputProperties,
];
