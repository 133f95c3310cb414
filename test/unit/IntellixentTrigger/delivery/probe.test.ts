/**
 * The published trigger's side of the test-listen probe (testListenGuard.ts): a POST carrying the
 * probe header is answered at once, says only whether the token in the header is this trigger's
 * (same node, same assistant), and never starts an execution. The test listen's side is in
 * test/unit/IntellixentTrigger/lifecycle/registration.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { deliveryToken } from '../../../../nodes/IntellixentTrigger/deliveryToken';
import { PROBE_HEADER } from '../../../../nodes/IntellixentTrigger/testListenGuard';
import {
	runWebhook,
	TEST_API_KEY,
	TEST_WEBHOOK_ID,
	webhookContext,
} from '../../../helpers/fakeContext';

import { widget } from './samples';

const OTHER_ASSISTANT_ID = '0a0b0c0d-1111-4222-8333-444455556666';

const probeHeaders = (token: unknown): IDataObject => ({ [PROBE_HEADER]: token as string });

describe('webhook(): the test-listen probe', () => {
	it('answers a probe with this trigger’s token: same assistant, no execution, nothing logged', async () => {
		const { validToken } = webhookContext();
		const { ctx, result } = await runWebhook({
			body: widget(),
			query: {},
			headers: probeHeaders(validToken),
		});
		expect(result).toEqual({
			webhookResponse: { probe: 'intellixent-trigger', same_assistant: true },
		});
		expect(ctx.sent.statusCodes).toEqual([]);
		expect(ctx.mockLogger.warn).not.toHaveBeenCalled();
	});

	it.each<[string, unknown]>([
		[
			'the token of another assistant',
			deliveryToken(TEST_API_KEY, { webhookId: TEST_WEBHOOK_ID, assistantId: OTHER_ASSISTANT_ID }),
		],
		['a wrong token', 'forged'],
		['an empty header', ''],
	])('answers a probe with %s: not the same assistant, no execution', async (_name, token) => {
		const { ctx, result } = await runWebhook({ body: {}, headers: probeHeaders(token) });
		expect(result).toEqual({
			webhookResponse: { probe: 'intellixent-trigger', same_assistant: false },
		});
		expect(ctx.sent.statusCodes).toEqual([]);
	});

	it('answers a probe also when token verification is off (the guard needs it either way)', async () => {
		const { validToken } = webhookContext();
		const { result } = await runWebhook({
			body: widget(),
			parameters: { options: { verifyDeliveryToken: false } },
			headers: probeHeaders(validToken),
		});
		expect(result).toEqual({
			webhookResponse: { probe: 'intellixent-trigger', same_assistant: true },
		});
	});
});
