/**
 * The router, against the emulator: Continue On Fail (an error item paired with the failed input,
 * the others still run) or an error naming the item, and an unknown resource or operation refused,
 * naming it, before any request.
 */
import type { NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { actionNodeAgainstEmulator, pairedIndex, rl, templateSend } from '../actionRun';

const { emulator, run, failure } = actionNodeAgainstEmulator();

describe('Continue On Fail', () => {
	it('a failed item becomes an error item paired with it; the others still run', async () => {
		const output = await run(
			(i) => (i === 1 ? { ...templateSend(i), sender: rl(99) } : templateSend(i)),
			{
				items: 3,
				continueOnFail: true,
			},
		);
		expect(output.map((item) => pairedIndex(item))).toEqual([0, 1, 2]);
		expect(output[1].json.error).toMatch(/sender was not found/);
		expect(output[0].json.success).toBe(true);
		expect(output[2].json.success).toBe(true);
		// A refusal the server gave before acting: its outcome is known, so no outcome field.
		expect(output[1].json).not.toHaveProperty('outcome');
	});

	it("an error that is not one of n8n's becomes one that names the item; its error item has only the message", async () => {
		// The fake context throws a plain Error for a parameter that is missing, as n8n does.
		const params = (i: number) =>
			i === 1 ? { operation: 'sendTemplate' } : { ...templateSend(i) };
		const error = await run(params, { items: 2 }).then(
			() => undefined,
			(e: NodeOperationError) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Could not get parameter "resource"');
		expect(error?.context.itemIndex).toBe(1);
		const output = await run(params, { items: 2, continueOnFail: true });
		expect(output[1].json).toEqual({ error: 'Could not get parameter "resource"' });
		expect(pairedIndex(output[1])).toBe(1);
	});

	it('without it, the error names the item that failed', async () => {
		const error = await run(
			(i) => (i === 1 ? { ...templateSend(i), sender: rl(99) } : templateSend(i)),
			{
				items: 2,
			},
		).then(
			() => undefined,
			(e: NodeApiError) => e,
		);
		expect(error?.context.itemIndex).toBe(1);
	});
});

describe('unknown resources and operations fail loudly and send nothing', () => {
	it.each([
		['campaign', 'pause', { campaignId: 7 }],
		['call', 'delete', { callId: 7 }],
		['assistant', 'create', { assistant: rl(3) }],
		['whatsapp', 'sendVoice', { sender: rl(1), recipientPhone: '+34600000000' }],
		['conversationEndedWebhook', 'toggle', { webhookAssistant: rl('x') }],
	])('%s with the operation %j', async (resource, operation, extra) => {
		const error = await failure({ resource, operation, ...extra });
		expect(error.message).toBe(`Unknown operation "${operation}" for the resource "${resource}"`);
		expect(error.description).toContain('Nothing was sent.');
		expect(emulator().requests()).toHaveLength(0);
	});

	it('the refusals list what there is to choose from', async () => {
		const operation = await failure({ resource: 'campaign', operation: 'pause', campaignId: 7 });
		expect(operation.description).toBe(
			'Nothing was sent. The resource "campaign" has the operations start, stop: choose one of them.',
		);
		const resource = await failure({ resource: 'voicemail', operation: 'get' });
		expect(resource.description).toBe(
			'The Intellixent node has the resources assistant, call, campaign, whatsapp, conversationEndedWebhook. Choose one of them (a workflow imported from elsewhere or built by an AI agent may name another).',
		);
	});

	it('an unknown resource, and one named like an object property, are refused', async () => {
		for (const resource of ['voicemail', 'constructor', 'toString']) {
			const error = await failure({ resource, operation: 'get' });
			expect(error.message).toBe(`Unknown resource "${resource}"`);
		}
		expect(emulator().requests()).toHaveLength(0);
	});
});
