/**
 * Reading the action node's parameters for one item: resource locator values and IDs that must be
 * positive integers (Return All / Limit: returnAllLimit.ts). A wrong value stops with a message
 * naming the parameter and the item, before any request is made. Requests go through `runRequest`.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestPurpose } from '../../shared/apiErrors';
import type { RetryPolicy } from '../../shared/intellixentApi';
import { intellixentRequest } from '../../shared/intellixentApi';

/** A resource locator's value (list or by ID), trimmed. */
export function locatorValue(this: IExecuteFunctions, name: string, i: number): string {
	const value = this.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
	return String(value ?? '').trim();
}

/**
 * Where each ID comes from, in its error's message: an AI agent's model receives only the message,
 * so the message itself says what to pass instead.
 */
const ID_SOURCES: Record<string, string> = {
	Sender: 'the "id" of a sender from WhatsApp > Get Senders, not a phone number',
	Assistant: 'the "id" of an assistant from Assistant > Get Many, not its UUID',
	'Call ID': 'the "id" of a call from Call > Get Many',
	'Campaign ID': 'the numeric ID of the campaign in the Intellixent portal',
	'Template ID': 'the numeric ID of an approved template in the Intellixent portal',
};

/** A positive integer ID from a parameter (number or numeric text); `label` names it in errors. */
export function positiveId(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	i: number,
): number {
	const text = String(raw ?? '').trim();
	const id = /^\d+$/.test(text) ? Number(text) : NaN;
	if (Number.isSafeInteger(id) && id > 0) return id;
	const source = ID_SOURCES[label];
	const message = `${label} must be a positive whole number${source ? `: ${source}` : ''}`;
	throw new NodeOperationError(this.getNode(), message, {
		description: text
			? `It is "${text.slice(0, 60)}". Use the numeric ID shown in the Intellixent portal.`
			: 'It is empty. Use the numeric ID shown in the Intellixent portal.',
		itemIndex: i,
	});
}

/** An Intellixent request made while the node runs (so errors advise running again, not publishing). */
export async function runRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	purpose: Omit<RequestPurpose, 'stage'>,
	options: { body?: IDataObject; qs?: IDataObject; retry?: RetryPolicy } = {},
): Promise<IDataObject> {
	const answer: unknown = await intellixentRequest.call(
		this,
		method,
		path,
		{ ...purpose, stage: 'run' },
		options,
	);
	return answer as IDataObject;
}
