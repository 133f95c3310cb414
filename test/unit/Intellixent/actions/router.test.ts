/**
 * The router, against the emulator: Continue On Fail (an error item paired with the failed input,
 * the others still run) or an error naming the item, and an unknown resource or operation refused,
 * naming it, before any request.
 */
import type { NodeApiError } from 'n8n-workflow';

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

	it('an unknown resource, and one named like an object property, are refused', async () => {
		for (const resource of ['voicemail', 'constructor', 'toString']) {
			const error = await failure({ resource, operation: 'get' });
			expect(error.message).toBe(`Unknown resource "${resource}"`);
		}
		expect(emulator().requests()).toHaveLength(0);
	});
});
