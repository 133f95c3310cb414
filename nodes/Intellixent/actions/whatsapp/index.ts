/**
 * The WhatsApp resource: its operations (the map the router runs from, in the editor's field
 * order) and its editor fields, the sends' shared fields first.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../operation';
import { operationFields, operationSelector } from '../operation';
import * as getSenders from './getSenders.operation';
import { sendFields } from './send';
import * as sendFreeForm from './sendFreeForm.operation';
import * as sendTemplate from './sendTemplate.operation';

export const operations = { sendTemplate, sendFreeForm, getSenders } satisfies OperationMap;

export const description: INodeProperties[] = [
	operationSelector('whatsapp', operations, 'sendTemplate'),
	...sendFields,
	...operationFields(operations),
];
