/**
 * The action node's item loop: for each input item, the operation that `resource` and `operation`
 * name in the map below (anything else is refused, naming it, before a request), its results
 * paired with that item, the sends of operations that declare `paced` spaced under Intellixent's
 * 5-a-second limit, and n8n's Continue On Fail (an error item paired with the failed input) or an
 * error that names the item.
 */
import type { IExecuteFunctions, INodeExecutionData, IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isOutcomeUnknown } from '../../shared/apiErrors';
import { quotedValue } from '../../shared/endpoints';
import * as assistant from './assistant';
import * as call from './call';
import * as campaign from './campaign';
import * as conversationEndedWebhook from './conversationEndedWebhook';
import type { Operation, OperationMap } from './operation';
import { operationValues } from './operation';
import { createPacer } from './pacing';
import * as whatsapp from './whatsapp';

/** Each resource's operations, by their saved values: the only things the node ever runs. */
const intellixentMap = {
	assistant: assistant.operations,
	call: call.operations,
	campaign: campaign.operations,
	whatsapp: whatsapp.operations,
	conversationEndedWebhook: conversationEndedWebhook.operations,
} satisfies Record<string, OperationMap>;

/** Own keys only: a resource or operation named like `constructor` or `toString` is unknown. */
function entry<T>(map: Record<string, T>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** The operation `resource:operation` names, after checking that both are known. */
function runnerFor(this: IExecuteFunctions, resource: string, operation: string): Operation {
	const operations: OperationMap | undefined = entry(intellixentMap, resource);
	if (!operations) {
		throw new NodeOperationError(this.getNode(), `Unknown resource "${quotedValue(resource)}"`, {
			description: `The Intellixent node has the resources ${Object.keys(intellixentMap).join(', ')}. Choose one of them (a workflow imported from elsewhere or built by an AI agent may name another).`,
		});
	}
	const run = entry(operations, operation);
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`Unknown operation "${quotedValue(operation)}" for the resource "${resource}"`,
			{
				description: `Nothing was sent. The resource "${resource}" has the operations ${operationValues(operations).join(', ')}: choose one of them.`,
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

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const pacer = createPacer();
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const run = runnerFor.call(this, resource, operation);
			if (run.paced) await pacer.wait();
			// One by one: spreading a result of 200,000 items into push() overflows the call stack.
			for (const item of paired(await run.execute.call(this, i), i)) output.push(item);
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
