/**
 * The request core (intellixentRequest) against scripted answers: the exact request it hands n8n,
 * how often it asks for each failure (every transient network code, the write rule, the retry
 * policy's waits), what a 2xx that is not Intellixent's JSON and a redirect become, and what it
 * returns. Waits are instant (`instantSleep`) and recorded.
 */
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { MAX_ANSWER_BYTES, readAnswer } from '../../../nodes/shared/answerLimits';
import { isOutcomeUnknown } from '../../../nodes/shared/apiErrors';
import {
	DEFAULT_BASE_URL,
	DEFAULT_RETRY_POLICY,
	intellixentRequest,
	listAssistants,
	retryAfterMs,
	type RetryPolicy,
} from '../../../nodes/shared/intellixentApi';
import {
	answer,
	FAKE_API_KEY,
	hookContext,
	instantSleep,
	networkError,
	ok,
} from '../../helpers/fakeContext';
import { ctx, failure, outcome, purpose } from '../../helpers/scriptedRequest';

instantSleep();

beforeEach(() => (sleep as unknown as jest.Mock).mockClear());

describe('the request handed to n8n', () => {
	it('is exactly this: raw stream, JSON, no redirects followed, no HTTP status thrown', async () => {
		const context = ctx([ok({ a: 1 })]);
		await intellixentRequest.call(context, 'GET', '/api/thing', purpose, { qs: { page: 2 } });
		expect(context.mock.requests).toEqual([
			{
				credentialType: 'intellixentApi',
				options: {
					method: 'GET',
					url: `${DEFAULT_BASE_URL}/api/thing`,
					qs: { page: 2 },
					body: undefined,
					json: true,
					encoding: 'stream',
					headers: { Accept: 'application/json' },
					timeout: 15_000,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					disableFollowRedirect: true,
				},
			},
		]);
	});

	it('uses the default policy: 3 attempts, 1 s doubling to at most 10 s, 15 s an attempt', () => {
		expect(DEFAULT_RETRY_POLICY).toEqual({
			attempts: 3,
			baseDelayMs: 1000,
			maxDelayMs: 10_000,
			timeoutMs: 15_000,
		});
	});

	it('a Base URL that cannot be used is refused before any request', async () => {
		const context = ctx([], 'not a url');
		const error = await outcome(context, 'GET');
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			'The Base URL of the Intellixent API credential cannot be used',
		);
		expect((error as NodeOperationError).description).toBeTruthy();
		expect(context.mock.requests).toHaveLength(0);
	});
});

describe('what a 2xx returns', () => {
	it("Intellixent's JSON object, with the API key removed from it", async () => {
		const context = ctx([ok({ id: 1, note: `key ${FAKE_API_KEY}` })]);
		const body = await intellixentRequest.call(context, 'GET', '/api/thing', purpose);
		expect(body).toEqual({ id: 1, note: expect.not.stringContaining(FAKE_API_KEY) });
	});

	it('onAnswer sees every answer, status and body', async () => {
		const seen: unknown[] = [];
		const context = ctx([answer(503, { message: 'busy' }), ok({ id: 2 })]);
		await intellixentRequest.call(context, 'GET', '/api/thing', purpose, {
			onAnswer: (a) => seen.push(a),
		});
		expect(seen).toEqual([
			{ status: 503, body: { message: 'busy' } },
			{ status: 200, body: { id: 2 } },
		]);
	});

	it.each([
		['no body', answer(200, undefined), 'an empty body'],
		['null', ok(null), 'an empty body'],
		['an empty string', ok(''), 'an empty body'],
		[
			'HTML',
			answer(200, '<html></html>', { 'content-type': 'text/html; charset=utf-8' }),
			'text/html content',
		],
		['text without a type', ok('hello'), 'with text instead'],
		[
			'text said to be JSON',
			answer(200, 'hello', { 'content-type': 'application/json' }),
			'with text instead',
		],
		['a JSON list', ok([1, 2]), 'a JSON list'],
		['a JSON number', ok(42), 'a JSON number'],
		['a JSON boolean', answer(201, true, { 'content-type': 'Application/JSON' }), 'a JSON boolean'],
		['bytes', ok(Buffer.from('x')), 'with text instead'],
	])('%s in a 2xx: not the Intellixent API, asked once', async (_name, response, words) => {
		const { error, requests } = await failure([response]);
		expect(error.message).toContain(`this is not the Intellixent API at ${DEFAULT_BASE_URL}`);
		expect(error.message).toContain(words);
		expect(requests).toBe(1);
	});

	it('a 2xx from 200 to 299 counts; 199 and 300 do not', async () => {
		expect(await outcome(ctx([answer(299, { ok: 1 })]), 'GET')).toEqual({ body: { ok: 1 } });
		expect(await outcome(ctx([answer(200, { ok: 2 })]), 'GET')).toEqual({ body: { ok: 2 } });
		const below = await failure([answer(199, { ok: 1 })]);
		expect(below.error.message).not.toContain('not the Intellixent API');
		expect(below.error.message).not.toContain('redirect');
		expect(below.requests).toBe(1);
		const above = await failure([answer(300, { ok: 1 })]);
		expect(above.error.message).toContain('answered with a redirect (300)');
		expect(above.requests).toBe(1);
	});
});

describe('redirects', () => {
	it.each([
		[
			'another origin',
			'https://evil.example.net:8443/steal?x=1',
			'to https://evil.example.net:8443,',
		],
		['a relative path', '/elsewhere', `to ${DEFAULT_BASE_URL},`],
		['http', 'http://plain.example.com/a', 'to http://plain.example.com,'],
		['no Location', undefined, 'to no valid address'],
		['another scheme', 'ftp://files.example.com/x', 'to no valid address'],
		['an unreadable Location', 'http://[broken', 'to no valid address'],
	])('to %s: not followed, the origin named, asked once', async (_name, location, words) => {
		for (const status of [300, 301, 399]) {
			const { error, requests } = await failure([
				answer(status, undefined, location === undefined ? {} : { location }),
			]);
			expect(error.message).toContain(`answered with a redirect (${status}) ${words}`);
			expect(error.message).not.toContain('/steal');
			expect(requests).toBe(1);
		}
	});

	it('a Location given as a list: its first value', async () => {
		const context = hookContext({
			credentials: { apiKey: FAKE_API_KEY, baseUrl: DEFAULT_BASE_URL },
			http: [
				{
					statusCode: 302,
					headers: { location: ['https://a.example.com/', 'https://b.example.com/'] },
				},
			],
		});
		const error = (await outcome(context, 'GET')) as Error;
		expect(error.message).toContain('to https://a.example.com,');
	});

	it('a 400 is not a redirect', async () => {
		const { error } = await failure([
			answer(400, { message: 'bad' }, { location: 'https://x.example.com' }),
		]);
		expect(error.message).not.toContain('redirect');
	});
});

const TRANSIENT = [
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
];

describe('reads (GET) are asked again after a transient failure', () => {
	it.each(TRANSIENT)('%s: three attempts, 1 s and 2 s apart', async (code) => {
		const { error, requests, waits } = await failure([
			networkError(code),
			networkError(code),
			networkError(code),
		]);
		expect(requests).toBe(3);
		expect(waits).toEqual([1000, 2000]);
		expect(isOutcomeUnknown(error)).toBe(false);
	});

	it.each(['ENOTFOUND', 'EPROTO', 'CERT_HAS_EXPIRED'])(
		'%s: not transient, asked once',
		async (code) => {
			const { requests, waits } = await failure([networkError(code)]);
			expect(requests).toBe(1);
			expect(waits).toEqual([]);
		},
	);

	it('a code on the cause of the cause is found', async () => {
		const wrapped = Object.assign(new Error('outer'), {
			cause: Object.assign(new Error('middle'), { cause: networkError('EPROTO') }),
		});
		const { requests } = await failure([wrapped]);
		expect(requests).toBe(1);
	});

	it('a code that is not an error code (lower case, a number) counts as none: asked again', async () => {
		const lower = Object.assign(new Error('x'), { code: 'eproto' });
		const numeric = Object.assign(new Error('x'), { code: 42 });
		const { requests } = await failure([lower, numeric, networkError('EPROTO')]);
		expect(requests).toBe(3);
	});

	it('an error that is its own cause ends the search (no code: asked again)', async () => {
		const loop = new Error('loop') as Error & { cause?: unknown };
		loop.cause = loop;
		const { requests } = await failure([loop, loop, loop]);
		expect(requests).toBe(3);
	});

	it('429 and every 5xx are asked again; other statuses are not', async () => {
		for (const status of [429, 500, 503, 599]) {
			const { requests } = await failure([answer(status), answer(status), answer(status)]);
			expect(requests).toBe(3);
		}
		for (const status of [400, 401, 404, 422, 499]) {
			const { requests } = await failure([answer(status, { message: 'no' })]);
			expect(requests).toBe(1);
		}
	});

	it('the wait doubles up to the longest wait; none after the last attempt', async () => {
		const retry: RetryPolicy = {
			attempts: 5,
			baseDelayMs: 3000,
			maxDelayMs: 10_000,
			timeoutMs: 500,
		};
		const { requests, waits } = await failure(
			[answer(500), answer(500), answer(500), answer(500), answer(500)],
			'GET',
			{ retry },
		);
		expect(requests).toBe(5);
		expect(waits).toEqual([3000, 6000, 10_000, 10_000]);
	});

	it('Retry-After replaces the wait, capped at the longest wait; unreadable ones are ignored', async () => {
		const { waits } = await failure([
			answer(429, {}, { 'retry-after': '0' }),
			answer(429, {}, { 'retry-after': '99' }),
			answer(429, {}, { 'retry-after': 'soon' }),
		]);
		// The third answer is the last attempt: nothing is waited after it.
		expect(waits).toEqual([0, 10_000]);
		(sleep as unknown as jest.Mock).mockClear();
		const third = await failure(
			[answer(503), answer(503, {}, { 'retry-after': 'soon' }), answer(503)],
			'GET',
		);
		expect(third.waits).toEqual([1000, 2000]);
	});

	it('a 5xx in the WhatsApp error shape is final: asked once', async () => {
		const { requests } = await failure([
			answer(503, { success: false, error_code: 'SENDER_OFFLINE', error: 'offline' }),
		]);
		expect(requests).toBe(1);
	});

	it('a 429 in the WhatsApp error shape is asked again', async () => {
		const body = { success: false, error_code: 'RATE_LIMITED', error: 'slow down' };
		const context = ctx([answer(429, body), ok({ sent: true })]);
		expect(await outcome(context, 'GET')).toEqual({ body: { sent: true } });
		expect(context.mock.requests).toHaveLength(2);
	});
});

describe('a write is asked again only when it certainly did not arrive', () => {
	it.each(['ECONNREFUSED', 'EAI_AGAIN'])(
		'%s: nothing was sent, so it is asked again',
		async (code) => {
			const context = ctx([networkError(code), networkError(code), ok({ sent: 1 })]);
			expect(await outcome(context, 'POST', { body: { a: 1 } })).toEqual({ body: { sent: 1 } });
			expect(context.mock.requests).toHaveLength(3);
		},
	);

	it('ENOTFOUND: nothing was sent, not asked again, and the outcome is known', async () => {
		const { error, requests } = await failure([networkError('ENOTFOUND')], 'POST');
		expect(requests).toBe(1);
		expect(isOutcomeUnknown(error)).toBe(false);
		expect(error.message).not.toContain('outcome is unknown');
	});

	it.each([
		['a reset', networkError('ECONNRESET')],
		['a timeout', networkError('ETIMEDOUT')],
		['an error without a code', new Error('boom')],
		['an unknown code', networkError('EPROTO')],
	])('%s: asked once, the outcome is unknown', async (_name, thrown) => {
		for (const method of ['POST', 'DELETE'] as const) {
			const { error, requests } = await failure([thrown, ok()], method);
			expect(requests).toBe(1);
			expect(isOutcomeUnknown(error)).toBe(true);
			expect(error.message).toContain('(the outcome is unknown)');
		}
	});

	it('a 5xx: asked once, the outcome is unknown', async () => {
		const { error, requests } = await failure([answer(500), ok()], 'POST');
		expect(requests).toBe(1);
		expect(isOutcomeUnknown(error)).toBe(true);
	});

	it('a 429 is a refusal: asked again, and an error after three is not "unknown"', async () => {
		const { error, requests } = await failure([answer(429), answer(429), answer(429)], 'POST');
		expect(requests).toBe(3);
		expect(isOutcomeUnknown(error)).toBe(false);
	});

	it('a 4xx: asked once, the outcome is known (Intellixent refused it)', async () => {
		const { error, requests } = await failure([answer(422, { message: 'no' })], 'POST');
		expect(requests).toBe(1);
		expect(isOutcomeUnknown(error)).toBe(false);
	});

	it('a 429 without headers is still a refusal: the write is asked again', async () => {
		const context = ctx([{ statusCode: 429, headers: undefined }, ok({ sent: 2 })]);
		expect(await outcome(context, 'POST')).toEqual({ body: { sent: 2 } });
		expect(context.mock.requests).toHaveLength(2);
	});

	it('an error without a code is reported as UNKNOWN', async () => {
		const { error } = await failure([new Error('boom'), new Error('boom'), new Error('boom')]);
		expect(error.message).toBe(
			`Could not do the thing: Intellixent at ${DEFAULT_BASE_URL} could not be reached (UNKNOWN)`,
		);
	});

	it('an idempotent write is asked again like a read', async () => {
		const context = ctx([networkError('ECONNRESET'), answer(502), ok({ done: true })]);
		expect(await outcome(context, 'POST', { idempotent: true })).toEqual({
			body: { done: true },
		});
		expect(context.mock.requests).toHaveLength(3);
	});

	it('idempotent must be true: anything else keeps the write rule', async () => {
		const { requests } = await failure([answer(500), ok()], 'POST', {
			idempotent: 'yes' as unknown as boolean,
		});
		expect(requests).toBe(1);
	});

	it('an answer over the limit: not asked again; unknown for a write, known for a read', async () => {
		const big = 'x'.repeat(MAX_ANSWER_BYTES + 1);
		const write = await failure([ok(big), ok()], 'POST');
		expect(write.requests).toBe(1);
		expect(isOutcomeUnknown(write.error)).toBe(true);
		const read = await failure([ok(big), ok()], 'GET', { narrow: 'Ask for fewer.' });
		expect(read.requests).toBe(1);
		expect(isOutcomeUnknown(read.error)).toBe(false);
		expect(read.error.message + (read.error.description ?? '')).toContain('Ask for fewer.');
		for (const { error } of [write, read])
			expect(error.message).toContain(
				"Intellixent's answer is larger than 16 MiB, the most the node reads from one answer",
			);
	});

	it('a write is not sent once the run has less than 1 MiB left; a read still is', async () => {
		const context = ctx([ok({ read: true })]);
		for (let n = 0; n < 3; n++)
			await readAnswer(context, 'b'.repeat(16 * 1024 * 1024), Date.now() + 60_000);
		await readAnswer(context, 'b'.repeat(15 * 1024 * 1024 + 1), Date.now() + 60_000);
		const error = (await outcome(context, 'POST', { narrow: 'Fewer items.' })) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(context.mock.requests).toHaveLength(0);
		expect(isOutcomeUnknown(error)).toBe(false);
		expect(error.message + (error.description ?? '')).toContain('Fewer items.');
		expect(error.message).toBe(
			'Could not do the thing: this run has read nearly 64 MiB from Intellixent, the most one node run reads, so the request was not sent (its answer could not be read)',
		);
		expect(await outcome(context, 'GET')).toEqual({ body: { read: true } });
		expect(await outcome(ctx([ok({ w: 1 })]), 'POST')).toEqual({ body: { w: 1 } });
	});
});

describe('errors keep secrets out', () => {
	it('the token of a webhook URL in the body is redacted from the error', async () => {
		const token = 'tok-4f9a8b7c6d5e';
		const url = `https://n8n.example.com/webhook/x?token=${token}`;
		const { error } = await failure(
			[answer(422, { message: `bad ${url}`, errors: { webhook_url: [`bad ${url}`] } })],
			'POST',
			{ body: { webhook_url: url, plain: 'no question', n: 3, odd: 'what?' } },
		);
		const text = `${error.message}\n${error.description ?? ''}`;
		expect(text).toContain('bad');
		expect(text).not.toContain(token);
	});

	it('the API key is redacted from the error', async () => {
		const { error } = await failure([answer(400, { message: `key ${FAKE_API_KEY} bad` })]);
		expect(`${error.message}\n${error.description ?? ''}`).not.toContain(FAKE_API_KEY);
	});
});

describe('retryAfterMs', () => {
	it('reads seconds with a fraction and around spaces, dates, and the first of a list', () => {
		expect(retryAfterMs('1.5')).toBe(1500);
		expect(retryAfterMs(' 2 ')).toBe(2000);
		expect(retryAfterMs(['3', '9'])).toBe(3000);
		expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 1))).toBe(10_000);
		expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 2))).toBe(0);
	});

	it('gives nothing for an absent, empty or unreadable value', () => {
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs('')).toBeUndefined();
		expect(retryAfterMs([])).toBeUndefined();
		expect(retryAfterMs('soon')).toBeUndefined();
		expect(retryAfterMs('x5')).toBeUndefined();
		expect(retryAfterMs('5x')).toBeUndefined();
	});

	it('uses the clock by default', () => {
		const inTen = new Date(Date.now() + 10_000).toUTCString();
		const wait = retryAfterMs(inTen) as number;
		expect(wait).toBeGreaterThan(8000);
		expect(wait).toBeLessThanOrEqual(10_000);
	});
});

describe('listAssistants', () => {
	it('an answer without a data list is unexpected', async () => {
		for (const body of [{ data: 'x' }, { total: 1 }]) {
			const context = ctx([ok(body)]);
			await expect(listAssistants.call(context, 1, 10, 'run')).rejects.toThrow(
				/list the assistants/,
			);
		}
	});

	it('keeps the paging fields given', async () => {
		const context = ctx([
			ok({ current_page: 2, last_page: 4, per_page: 5, total: 17, data: [{ id: 1 }] }),
		]);
		expect(await listAssistants.call(context, 9, 9, 'run')).toEqual({
			current_page: 2,
			last_page: 4,
			per_page: 5,
			total: 17,
			data: [{ id: 1 }],
		});
		expect(context.mock.requests[0].options.qs).toEqual({ page: 9, per_page: 9 });
		expect(context.mock.requests[0].options.method).toBe('GET');
	});
});
