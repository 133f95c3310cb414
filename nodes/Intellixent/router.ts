/**
 * The action node's item loop: for each input item, the resource's operation, its results paired
 * with that item, WhatsApp sends paced under the 5-a-second limit, and n8n's Continue On Fail (an
 * error item paired with the failed input) or an error that names the item.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { assistantOperation } from './actions/assistant';
import { callOperation } from './actions/call';
import { campaignOperation } from './actions/campaign';
import { webhookOperation } from './actions/webhook';
import { SEND_OPERATIONS, whatsappOperation } from './actions/whatsapp';
import { assistantOperations } from './descriptions/AssistantDescription';
import { callOperations } from './descriptions/CallDescription';
import { campaignOperations } from './descriptions/CampaignDescription';
import { webhookOperations } from './descriptions/WebhookDescription';
import { whatsappOperations } from './descriptions/WhatsAppDescription';
import { isOutcomeUnknown } from '../shared/apiErrors';
import { quotedValue } from '../shared/endpoints';
import { createPacer } from './pacing';

type Operation = (
	this: IExecuteFunctions,
	operation: string,
	i: number,
) => Promise<IDataObject | IDataObject[]>;

const RESOURCES: Record<string, Operation> = {
	assistant: assistantOperation,
	call: callOperation,
	campaign: campaignOperation,
	whatsapp: whatsappOperation,
	conversationEndedWebhook: webhookOperation,
};

/** The operation values each resource's description offers: nothing else is ever run. */
function operationValues(properties: INodeProperties[]): string[] {
	const operation = properties.find((property) => property.name === 'operation');
	return ((operation?.options ?? []) as INodePropertyOptions[]).map((option) =>
		String(option.value),
	);
}

const OPERATIONS: Record<string, string[]> = {
	assistant: operationValues(assistantOperations),
	call: operationValues(callOperations),
	campaign: operationValues(campaignOperations),
	whatsapp: operationValues(whatsappOperations),
	conversationEndedWebhook: operationValues(webhookOperations),
};

/** The resource's runner, after checking that the resource and the operation are known. */
function runnerFor(this: IExecuteFunctions, resource: string, operation: string): Operation {
	const run = Object.prototype.hasOwnProperty.call(RESOURCES, resource)
		? RESOURCES[resource]
		: undefined;
	if (!run) {
		throw new NodeOperationError(this.getNode(), `Unknown resource "${quotedValue(resource)}"`, {
			description: `The Intellixent node has the resources ${Object.keys(RESOURCES).join(', ')}. Choose one of them (a workflow imported from elsewhere or built by an AI agent may name another).`,
		});
	}
	if (!OPERATIONS[resource].includes(operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`Unknown operation "${quotedValue(operation)}" for the resource "${resource}"`,
			{
				description: `Nothing was sent. The resource "${resource}" has the operations ${OPERATIONS[resource].join(', ')}: choose one of them.`,
			},
		);
	}
	return run;
}

function paired(result: IDataObject | IDataObject[], i: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((json) => ({ json, pairedItem: { item: i } }));
}

/** The error as the node throws it: n8n's own kinds keep their text and learn the item. */
function itemError(this: IExecuteFunctions, error: unknown, i: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= i;
		return error;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
}

export async function runItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const pacer = createPacer();
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const run = runnerFor.call(this, resource, operation);
			if (resource === 'whatsapp' && SEND_OPERATIONS.includes(operation)) await pacer.wait();
			output.push(...paired(await run.call(this, operation, i), i));
		} catch (error) {
			const failure = itemError.call(this, error, i);
			if (!this.continueOnFail()) throw failure;
			const description = (failure as NodeApiError).description;
			output.push({
				json: {
					error: failure.message,
					...(description ? { description } : {}),
					// A workflow can branch on this: the write may have been done although it failed.
					...(isOutcomeUnknown(failure) ? { outcome: 'unknown' } : {}),
				},
				pairedItem: { item: i },
			});
		}
	}
	return [output];
}
