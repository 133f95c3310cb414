/** The Assistant resource: its operations (the map the router runs from) and its editor fields. */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../operation';
import { operationFields, operationSelector } from '../operation';
import * as del from './delete.operation';
import * as getAll from './getAll.operation';

export const operations = { delete: del, getAll } satisfies OperationMap;

export const description: INodeProperties[] = [
	operationSelector('assistant', operations, 'getAll'),
	...operationFields(operations),
];
