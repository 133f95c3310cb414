/**
 * Refusals, through the real `webhook()`:
 * - a refusal without a valid token keeps no large trace, and such refusals start at most
 *   UNPROVEN_REJECTIONS_PER_MINUTE Rejected executions per trigger and minute, the rest counted;
 * - damaged static data never makes the webhook throw (n8n would answer 500);
 * - values from the delivery are escaped in log lines;
 * - `authenticated` says what is known.
 */
import { createHash } from 'crypto';

import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';

import { tokenDigest } from '../../../../nodes/IntellixentTrigger/deliveryToken';
import { forgetDuplicatesInMemory } from '../../../../nodes/IntellixentTrigger/duplicates';
import { UNTRUSTED_PREFIX_LENGTH } from '../../../../nodes/IntellixentTrigger/refusedBody';
import {
	forgetRejectionWindows,
	UNPROVEN_REJECTIONS_PER_MINUTE,
} from '../../../../nodes/IntellixentTrigger/rejectionLimit';
import type { WebhookContextOptions } from '../../../helpers/fakeContext';
import { runWebhook, TEST_ASSISTANT_ID } from '../../../helpers/fakeContext';

import { widget } from './samples';

beforeEach(() => {
	forgetDuplicatesInMemory();
	forgetRejectionWindows();
});
afterEach(() => jest.restoreAllMocks());

function rejectedItems(result: IWebhookResponseData): IDataObject[] {
	const data = result.workflowData as INodeExecutionData[][] | undefined;
	return data ? data[1].map((item) => item.json) : [];
}

/** A schema-valid conversation of about `bytes` bytes (one long message). */
function bigBody(bytes: number): string {
	return JSON.stringify({
		...widget(),
		transcript: [{ role: 'user', content: 'x'.repeat(bytes) }],
	});
}

describe('a refusal without a valid token keeps no large trace', () => {
	it.each<[string, IDataObject]>([
		['no token', {}],
		['a wrong token', { token: 'forged' }],
	])(
		'15 MB with %s: 401, and the Rejected item keeps 256 characters, the size and the SHA-256',
		async (_name, query) => {
			const raw = bigBody(15 * 1024 * 1024);
			const { ctx, result } = await runWebhook({ body: JSON.parse(raw), rawBody: raw, query });
			expect(ctx.sent.statusCodes).toEqual([401]);
			const [item] = rejectedItems(result);
			expect(item).toMatchObject({
				reason: 'invalid_token',
				authenticated: false,
				raw_body: raw.slice(0, UNTRUSTED_PREFIX_LENGTH),
				raw_body_truncated: true,
				raw_body_bytes: Buffer.byteLength(raw),
				raw_body_sha256: createHash('sha256').update(raw).digest('hex'),
			});
			expect(JSON.stringify(item).length).toBeLessThan(2000);
		},
	);

	it('keeps the whole body of a refusal that carried the right token (a 422 from Intellixent itself)', async () => {
		const raw = JSON.stringify({ ...JSON.parse(bigBody(100_000)), message_count: 'many' });
		const { result } = await runWebhook({ body: JSON.parse(raw), rawBody: raw });
		expect(rejectedItems(result)[0]).toMatchObject({
			reason: 'invalid_payload',
			authenticated: true,
			raw_body: raw,
			raw_body_truncated: false,
		});
	});

	it('never ends the kept prefix on half of a surrogate pair', async () => {
		const raw = `${'a'.repeat(UNTRUSTED_PREFIX_LENGTH - 1)}${'🙂'.repeat(200)}`;
		const { result } = await runWebhook({ body: {}, rawBody: raw, query: {} });
		const kept = rejectedItems(result)[0].raw_body as string;
		expect(kept).toBe('a'.repeat(UNTRUSTED_PREFIX_LENGTH - 1));
		expect(raw.startsWith(kept)).toBe(true);
	});
});

describe('Rejected executions for unauthenticated senders are rate-limited per trigger', () => {
	const unauthenticated = (extra: WebhookContextOptions = {}): WebhookContextOptions => ({
		body: widget(),
		query: {},
		...extra,
	});

	async function refuseTimes(n: number, options: WebhookContextOptions) {
		const outcomes: Array<{
			recorded: boolean;
			item?: IDataObject;
			warning: string;
			status: number;
			result: IWebhookResponseData;
		}> = [];
		for (let i = 0; i < n; i++) {
			const { ctx, result } = await runWebhook(options);
			const [item] = rejectedItems(result);
			outcomes.push({
				recorded: item !== undefined,
				item,
				warning: ctx.mockLogger.warn.mock.calls[0][0],
				status: ctx.sent.statusCodes[0],
				result,
			});
		}
		return outcomes;
	}

	it(`records ${UNPROVEN_REJECTIONS_PER_MINUTE} a minute; the rest are answered 401, logged and counted`, async () => {
		let now = Date.parse('2026-11-30T12:00:00Z');
		jest.spyOn(Date, 'now').mockImplementation(() => now);
		const first = await refuseTimes(UNPROVEN_REJECTIONS_PER_MINUTE + 5, unauthenticated());
		expect(first.map((o) => o.status)).toEqual(Array(UNPROVEN_REJECTIONS_PER_MINUTE + 5).fill(401));
		expect(first.filter((o) => o.recorded)).toHaveLength(UNPROVEN_REJECTIONS_PER_MINUTE);
		expect(first.slice(UNPROVEN_REJECTIONS_PER_MINUTE).every((o) => !o.recorded)).toBe(true);
		// The 401 is already sent: n8n must neither answer again nor start an execution.
		expect(first.slice(UNPROVEN_REJECTIONS_PER_MINUTE).map((o) => o.result)).toEqual(
			Array(5).fill({ noWebhookResponse: true }),
		);
		expect(first[UNPROVEN_REJECTIONS_PER_MINUTE + 4].warning).toMatch(
			/\(invalid_token\).*not on the Rejected output: more than 10 refusals of unauthenticated senders this minute; 5 not recorded so far/,
		);

		now += 60_000;
		const [next] = await refuseTimes(1, unauthenticated());
		expect(next.item).toMatchObject({ reason: 'invalid_token', unrecorded_before: 5 });
		const [after] = await refuseTimes(1, unauthenticated());
		expect(after.item).toMatchObject({ unrecorded_before: 0 });
	});

	it('counts each trigger node on its own', async () => {
		await refuseTimes(UNPROVEN_REJECTIONS_PER_MINUTE + 1, unauthenticated());
		const [other] = await refuseTimes(
			1,
			unauthenticated({ node: { webhookId: 'another-trigger' } }),
		);
		expect(other.recorded).toBe(true);
	});

	it('never limits refusals that carried the right token', async () => {
		const outcomes = await refuseTimes(UNPROVEN_REJECTIONS_PER_MINUTE + 3, {
			body: { ...widget(), transcript: 'none' },
		});
		expect(outcomes.every((o) => o.recorded && o.status === 422)).toBe(true);
		expect(outcomes[0].item).not.toHaveProperty('unrecorded_before');
	});

	it('limits every refusal when token verification is off (nothing proves the sender)', async () => {
		const outcomes = await refuseTimes(UNPROVEN_REJECTIONS_PER_MINUTE + 1, {
			body: { ...widget(), transcript: 'none' },
			parameters: { options: { verifyDeliveryToken: false } },
		});
		expect(outcomes.filter((o) => o.recorded)).toHaveLength(UNPROVEN_REJECTIONS_PER_MINUTE);
	});
});

describe('authenticated says what is known', () => {
	const verificationOff = { options: { verifyDeliveryToken: false } };
	it.each<[string, boolean | null, WebhookContextOptions]>([
		['the right token', true, { body: { ...widget(), transcript: 'none' } }],
		['a wrong token', false, { body: widget(), query: { token: 'forged' } }],
		[
			'verification off, with the right token',
			null,
			{ body: { ...widget(), transcript: 'none' }, parameters: verificationOff },
		],
		[
			'verification off, anonymous',
			null,
			{ body: { ...widget(), transcript: 'none' }, query: {}, parameters: verificationOff },
		],
	])('%s: authenticated is %s', async (_name, authenticated, options) => {
		const { result } = await runWebhook(options);
		expect(rejectedItems(result)[0].authenticated).toBe(authenticated);
	});
});

describe('damaged static data never makes the webhook throw', () => {
	const registration = (fields: IDataObject): IDataObject => ({
		registration: {
			assistantId: TEST_ASSISTANT_ID,
			webhookUrl: 'https://n8n.example.com/webhook/x/webhook',
			test: false,
			registeredAt: '2026-11-27T10:00:00.000Z',
			...fields,
		},
	});

	it.each<[string, IDataObject]>([
		['tokenDigest a number', registration({ tokenDigest: 12345 })],
		['tokenDigest an object', registration({ tokenDigest: { a: 1 } })],
		['tokenDigest true', registration({ tokenDigest: true })],
		['tokenDigest empty', registration({ tokenDigest: '' })],
		['assistantId a number', registration({ assistantId: 42, tokenDigest: tokenDigest('x') })],
		['assistantId null', registration({ assistantId: null, tokenDigest: tokenDigest('x') })],
		[
			'assistantId missing',
			registration({ assistantId: undefined, tokenDigest: tokenDigest('x') }),
		],
		['registration a list', { registration: [1, 2] }],
		['registration a string', { registration: 'damaged' }],
	])(
		'%s: the token is derived from the credential, the delivery accepted',
		async (_name, staticData) => {
			const { ctx, result } = await runWebhook({ body: widget(), staticData });
			expect((result.workflowData as INodeExecutionData[][])[0]).toHaveLength(1);
			expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
		},
	);

	it.each<[string, IDataObject]>([
		['tokenDigest a number', registration({ tokenDigest: 12345 })],
		[
			'assistantId an object',
			registration({ assistantId: { a: 1 }, tokenDigest: tokenDigest('x') }),
		],
	])('%s: a wrong token is still refused with 401', async (_name, staticData) => {
		const { ctx } = await runWebhook({ body: widget(), staticData, query: { token: 'forged' } });
		expect(ctx.sent.statusCodes).toEqual([401]);
	});

	it.each<[string, unknown]>([
		['a number', 7],
		['an object', { a: 1 }],
		[
			'a list of a million entries',
			Array.from({ length: 1_000_000 }, (_, i) => (i % 2 ? i : `old-${i}`)),
		],
	])('recentConversationIds %s: the delivery is processed', async (_name, stored) => {
		const { result } = await runWebhook({
			body: widget(),
			staticData: { recentConversationIds: stored } as IDataObject,
			parameters: { options: { ignoreDuplicates: true } },
		});
		expect((result.workflowData as INodeExecutionData[][])[0]).toHaveLength(1);
	});
});

describe('values from the delivery are escaped in log lines', () => {
	/** A newline, a carriage return or an ANSI escape (ESC) in a log line. */
	const hasLineBreakOrEscape = (line: string) => /[\n\r]/.test(line) || line.includes('\u001b');
	const FORGED = '\n2026-11-30T12:00:00.000Z | info | Workflow published \u001b[31m';

	it('a refusal quoting an assistant ID with a newline and an ANSI escape logs one line', async () => {
		const { ctx } = await runWebhook({ body: { ...widget(), assistant_id: `evil${FORGED}` } });
		expect(ctx.sent.statusCodes).toEqual([403]);
		const line = ctx.mockLogger.warn.mock.calls[0][0] as string;
		expect(hasLineBreakOrEscape(line)).toBe(false);
		expect(line).toContain(
			'evil\\n2026-11-30T12:00:00.000Z | info | Workflow published \\u001b[31m',
		);
	});

	it('a duplicate with a newline in its conversation ID logs one line', async () => {
		const options = {
			body: { ...widget(), conversation_id: `c1${FORGED}` },
			parameters: { options: { ignoreDuplicates: true } },
		};
		await runWebhook(options);
		const { ctx } = await runWebhook(options);
		const line = ctx.mockLogger.info.mock.calls[0][0] as string;
		expect(line).toContain('duplicate ignored');
		expect(hasLineBreakOrEscape(line)).toBe(false);
	});

	it('a JSON error quoting the body logs one line', async () => {
		const { ctx } = await runWebhook({
			body: {},
			rawBody: '{"a":\n\r\u2028 x',
			headers: { 'content-type': 'text/plain' },
		});
		expect(ctx.sent.statusCodes).toEqual([400]);
		expect(ctx.mockLogger.warn.mock.calls[0][0]).not.toMatch(/[\n\r\u2028]/);
	});
});
