/**
 * Reading the request body (delivery.ts `readJsonBody`), case by case: what n8n parsed is used
 * when it parsed something; otherwise the raw bytes are parsed; a body with nothing in it is a 400
 * that says so. Found under-tested by the mutation run (test/mutation/).
 */
import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';

import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import type { WebhookContextOptions } from '../../../helpers/fakeContext';
import { webhookContext } from '../../../helpers/fakeContext';

import { widget } from './samples';

const CONVERSATION_ID = widget().conversation_id;

/** Runs webhook() with `parsed` as what n8n parsed (getBodyData), undefined included. */
async function deliver(parsed: unknown, options: WebhookContextOptions = {}) {
	const ctx = webhookContext(options);
	ctx.getBodyData = jest.fn(() => parsed) as unknown as typeof ctx.getBodyData;
	const result: IWebhookResponseData = await new IntellixentTrigger().webhook.call(ctx);
	const accepted = (result.workflowData as INodeExecutionData[][] | undefined)?.[0] ?? [];
	const refusal = ctx.sent.jsonBodies[0] as IDataObject | undefined;
	return { status: ctx.sent.statusCodes[0] ?? 200, accepted, refusal };
}

describe('what n8n parsed', () => {
	it('is used as it is when it holds something, without reading the raw bytes', async () => {
		const { status, accepted } = await deliver(widget(), { rawBody: 'not JSON at all' });
		expect(status).toBe(200);
		expect(accepted[0].json.conversation_id).toBe(CONVERSATION_ID);
	});

	it('is passed on when it is an empty array: a 422 for the array, not a 400', async () => {
		const { status, refusal } = await deliver([], { rawBody: null });
		expect(status).toBe(422);
		expect(refusal?.issues).toEqual([{ field: '(body)', problem: 'must be a JSON object' }]);
	});

	it('is passed on when it is a number and there are no raw bytes (422, not 400)', async () => {
		const { status, refusal } = await deliver(0, { rawBody: null });
		expect(status).toBe(422);
		expect(refusal?.error).toBe('invalid_payload');
	});
});

describe('the raw bytes, when n8n parsed nothing', () => {
	it.each<[string, unknown]>([
		['an empty object', {}],
		['a string', 'something else'],
		['bytes', Buffer.from('something else')],
		['undefined', undefined],
		['null', null],
	])('are parsed when n8n gave %s', async (_name, parsed) => {
		const { status, accepted } = await deliver(parsed, { rawBody: JSON.stringify(widget()) });
		expect(status).toBe(200);
		expect(accepted[0].json.conversation_id).toBe(CONVERSATION_ID);
	});

	it('a string n8n gave is parsed when there are no raw bytes', async () => {
		const { status, accepted } = await deliver(JSON.stringify(widget()), { rawBody: null });
		expect(status).toBe(200);
		expect(accepted[0].json.conversation_id).toBe(CONVERSATION_ID);
	});

	it('are reported as not JSON, with the parser’s reason (400)', async () => {
		const { status, refusal } = await deliver({}, { rawBody: '{"a":' });
		expect(status).toBe(400);
		expect(refusal?.error).toBe('invalid_json');
		expect(refusal?.message).toMatch(/^The request body is not valid JSON \(.+\)\.$/);
	});
});

describe('an empty body', () => {
	it.each<[string, unknown, string | null]>([
		['nothing parsed and no raw bytes', undefined, null],
		['null parsed and no raw bytes', null, null],
		['nothing parsed and blank raw bytes', undefined, ' \r\n\t '],
		['null parsed and blank raw bytes', null, ''],
	])('is a 400 that says so: %s', async (_name, parsed, rawBody) => {
		const { status, refusal } = await deliver(parsed, { rawBody });
		expect(status).toBe(400);
		expect(refusal).toEqual({
			error: 'invalid_json',
			message: 'The request body is empty: expected the conversation as JSON.',
		});
	});

	it('with an empty object parsed and blank raw bytes, is the empty object (422, naming the fields)', async () => {
		const { status, refusal } = await deliver({}, { rawBody: '   ' });
		expect(status).toBe(422);
		expect(refusal?.message).toContain('conversation_id is required');
	});
});
