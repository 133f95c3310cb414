/**
 * The Conversation-Ended Webhook resource (saved value `conversationEndedWebhook`): its operations
 * (the map the router runs from) and its editor fields, the assistant's first.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../operation';
import { operationFields, operationSelector } from '../operation';
import { assistantFields } from './assistant';
import * as disable from './disable.operation';
import * as enable from './enable.operation';

export const operations = { disable, enable } satisfies OperationMap;

export const description: INodeProperties[] = [
	operationSelector('conversationEndedWebhook', operations, 'enable'),
	...assistantFields,
	...operationFields(operations),
];
