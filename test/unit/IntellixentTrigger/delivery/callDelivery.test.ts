/**
 * The Call Ended event's deliveries (Intellixent's post-call webhook), through the node's real
 * `webhook()`: the delivery token, the payload schema, the status filter, duplicates by call id,
 * the three output shapes and the Rejected output.
 */
import type { IDataObject } from 'n8n-workflow';

import callFixture from '../../../fixtures/call.json';
import conversationFixture from '../../../fixtures/widget.json';
import { forgetDuplicatesInMemory } from '../../../../nodes/IntellixentTrigger/duplicates';
import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import { webhookContext, type WebhookContextOptions } from '../../../helpers/fakeContext';

const trigger = new IntellixentTrigger();

function callContext(options: WebhookContextOptions & { callParameters?: IDataObject } = {}) {
	return webhookContext({
		body: structuredClone(callFixture),
		...options,
		parameters: { event: 'callEnded', ...(options.callParameters ?? {}) },
	});
}

async function deliver(ctx: ReturnType<typeof callContext>) {
	return await trigger.webhook.call(ctx);
}

function firstOutput(result: Awaited<ReturnType<typeof deliver>>): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((item) => item.json);
}

function rejectedOutput(result: Awaited<ReturnType<typeof deliver>>): IDataObject[] {
	return (result.workflowData?.[1] ?? []).map((item) => item.json);
}

beforeEach(() => forgetDuplicatesInMemory());

describe('Call Ended deliveries', () => {
	it('emits the whole call with line counts, and answers with its call_id', async () => {
		const result = await deliver(callContext());
		const [item] = firstOutput(result);
		expect(item).toMatchObject({
			id: 48213,
			status: 'completed',
			duration: 184,
			transcript_line_count: 3,
			human_line_count: 1,
			bot_line_count: 2,
		});
		expect(item.lead).toEqual(callFixture.lead);
		expect(result.webhookResponse).toEqual({ received: true, processed: true, call_id: 48213 });
	});

	it('refuses a delivery without the token with 401 and records it on Rejected, starting nothing', async () => {
		const ctx = callContext({ query: { token: 'forged' } });
		const result = await deliver(ctx);
		expect(ctx.sent.statusCodes).toEqual([401]);
		expect(firstOutput(result)).toEqual([]);
		const [rejected] = rejectedOutput(result);
		expect(rejected).toMatchObject({
			reason: 'invalid_token',
			call_id: null,
			authenticated: false,
		});
		expect(rejected).not.toHaveProperty('conversation_id');
	});

	it('refuses a conversation payload (no call id) with 422 naming the field, keeping the call id when there is one', async () => {
		const ctx = callContext({ body: structuredClone(conversationFixture) });
		const result = await deliver(ctx);
		expect(ctx.sent.statusCodes).toEqual([422]);
		expect(rejectedOutput(result)[0]).toMatchObject({
			reason: 'invalid_payload',
			call_id: null,
			issues: [{ field: 'id', problem: 'is required' }],
		});

		const badDuration = callContext({ body: { ...callFixture, duration: 'long' } });
		const refused = await deliver(badDuration);
		expect(badDuration.sent.statusCodes).toEqual([422]);
		expect(rejectedOutput(refused)[0]).toMatchObject({
			call_id: 48213,
			issues: [{ field: 'duration', problem: 'must be a number' }],
		});
	});

	it.each(['busy', 'failed', 'no-answer', undefined])(
		'acknowledges a call with status %s without an execution by default, and emits it with All Calls',
		async (status) => {
			const body: IDataObject = { ...structuredClone(callFixture), status };
			const skipped = await deliver(callContext({ body }));
			expect(skipped.workflowData).toBeUndefined();
			expect(skipped.webhookResponse).toMatchObject({ received: true, processed: false });
			expect(String((skipped.webhookResponse as IDataObject).message)).toContain('completed calls');

			const all = await deliver(callContext({ body, callParameters: { callStatusFilter: 'all' } }));
			expect(firstOutput(all)).toHaveLength(1);
		},
	);

	it.each(['completed', 'COMPLETED', 'ended_by_customer'])(
		'takes status %s as a completed call',
		async (status) => {
			const result = await deliver(callContext({ body: { ...callFixture, status } }));
			expect(firstOutput(result)).toHaveLength(1);
		},
	);

	it('ignores a second delivery of the same call id when Ignore Duplicate Deliveries is on', async () => {
		const staticData: IDataObject = {};
		const options = { staticData, callParameters: { options: { ignoreDuplicates: true } } };
		const first = await deliver(callContext(options));
		expect(firstOutput(first)).toHaveLength(1);
		const again = await deliver(callContext(options));
		expect(again.workflowData).toBeUndefined();
		expect(again.webhookResponse).toMatchObject({
			processed: false,
			message: 'Not processed: call 48213 was already delivered.',
		});
		const other = await deliver(callContext({ ...options, body: { ...callFixture, id: 48214 } }));
		expect(other.workflowData?.[0]).toHaveLength(1);
		expect(staticData.recentConversationIds).toEqual(['48213', '48214']);
	});

	it('Flat Row flattens the lead and each transfer into columns, and escapes formulas', async () => {
		const body = structuredClone(callFixture) as IDataObject;
		(body.extracted_variables as IDataObject).summary = '=HYPERLINK("https://evil.example")';
		const [row] = firstOutput(
			await deliver(callContext({ body, callParameters: { callOutputShape: 'flatRow' } })),
		);
		expect(row).toMatchObject({
			call_id: 48213,
			status: 'completed',
			customer_phone: '+34612345678',
			duration_seconds: 184,
			transfer_count: 1,
			transcript_line_count: 3,
			lead_call_attempts: 2,
			lead_campaign_name: 'February demos',
			lead_campaign_allowed_hours_start: '09:00',
			lead_variables_company: 'Acme',
			transfer_1_transfer_number: '+34910000099',
			transfer_1_duration: 24,
			input_first_name: 'Ana',
			summary: `'=HYPERLINK("https://evil.example")`,
			demo_date: '2026-02-24',
		});
		expect(Object.keys(row).slice(0, 3)).toEqual(['call_id', 'status', 'customer_phone']);
		for (const value of Object.values(row))
			expect(typeof value === 'object' && value !== null).toBe(false);
		expect(String(row.transcript)).toContain('Customer: Hi, yes');
	});

	it('Flat Row of a call without lead, transfers or formatted transcript builds its transcript', async () => {
		const { lead, transfers, formatted_transcript, ...plain } = structuredClone(callFixture);
		void lead;
		void transfers;
		void formatted_transcript;
		const [row] = firstOutput(
			await deliver(callContext({ body: plain, callParameters: { callOutputShape: 'flatRow' } })),
		);
		expect(row.transfer_count).toBe(0);
		expect(Object.keys(row).some((k) => k.startsWith('lead_') || k.startsWith('transfer_1'))).toBe(
			false,
		);
		expect(row.transcript).toBe(
			'AI: Hello Ana, this is Sofia from Intellixent.\nCustomer: Hi, yes, I filled in the form.\nAI: Great, let me transfer you to sales.',
		);
	});

	it('One Item per Transcript Line: one item per line with the call id; a call without lines starts nothing', async () => {
		const items = firstOutput(
			await deliver(callContext({ callParameters: { callOutputShape: 'lines' } })),
		);
		expect(items.map((i) => [i.call_id, i.line_number, i.line_total, i.sender])).toEqual([
			[48213, 1, 3, 'bot'],
			[48213, 2, 3, 'human'],
			[48213, 3, 3, 'bot'],
		]);
		const none = await deliver(
			callContext({
				body: { ...callFixture, transcript: null },
				callParameters: { callOutputShape: 'lines' },
			}),
		);
		expect(none.workflowData).toBeUndefined();
		expect((none.webhookResponse as IDataObject).message).toContain('no transcript lines');
	});

	it('keeps a __proto__ key of the lead as data, never as a prototype', async () => {
		const body = JSON.parse(
			JSON.stringify(callFixture).replace('"lead":{', '"lead":{"__proto__":{"polluted":true},'),
		);
		const [row] = firstOutput(
			await deliver(callContext({ body, callParameters: { callOutputShape: 'flatRow' } })),
		);
		expect(row.lead___proto___polluted).toBe(true);
		expect(({} as IDataObject).polluted).toBeUndefined();
	});
});
