/**
 * The request core at its edges, against scripted answers: errors that carry no usual code (none
 * at all, a code that only looks like one, a rejection with null), answers that n8n's helper gives
 * without headers, content types with spaces, redirects to schemes that merely end in https,
 * Retry-After with two decimals, and the delivery token quoted percent-encoded by the server. Each
 * is a case the common tests (requestCore.test.ts) leave open.
 */
import { NodeApiError, sleep } from 'n8n-workflow';

import { retryAfterMs } from '../../../nodes/shared/intellixentApi';
import { answer, instantSleep, networkError } from '../../helpers/fakeContext';
import { ctx, failure, outcome } from '../../helpers/scriptedRequest';

instantSleep();

beforeEach(() => (sleep as unknown as jest.Mock).mockClear());

/** A GET whose every attempt n8n's helper rejects with `value`, which need not be an Error. */
async function rejectedWith(value: unknown): Promise<{ error: Error; requests: number }> {
	const context = ctx([]);
	const reject = jest.fn(async () => await Promise.reject(value as Error));
	context.helpers.httpRequestWithAuthentication = reject;
	const error = (await outcome(context, 'GET')) as Error;
	return { error, requests: reject.mock.calls.length };
}

describe('errors without a usable code', () => {
	it('a request that rejects with null is reported as UNKNOWN and, for a read, asked again', async () => {
		const { error, requests } = await rejectedWith(null);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('could not be reached (UNKNOWN)');
		expect(requests).toBe(3);
	});

	it('a code that is not text (a list holding a code) counts as none: asked again', async () => {
		const listed = Object.assign(new Error('x'), { code: ['EPROTO'] });
		const { requests } = await failure([listed, listed, networkError('EPROTO')]);
		expect(requests).toBe(3);
	});

	it('only an object carries a code: a thrown function with one counts as none', async () => {
		const { error, requests } = await rejectedWith(
			Object.assign(() => undefined, { code: 'EPROTO' }),
		);
		expect(error.message).toContain('(UNKNOWN)');
		expect(requests).toBe(3);
	});

	it('a code with lower-case letters before or after the capitals counts as none', async () => {
		const before = Object.assign(new Error('x'), { code: 'xEPROTO' });
		const after = Object.assign(new Error('x'), { code: 'EPROTOx' });
		const { requests } = await failure([before, after, networkError('EPROTO')]);
		expect(requests).toBe(3);
	});
});

describe('answers without headers', () => {
	it('a 2xx of text with no headers at all is judged by its body', async () => {
		const { error, requests } = await failure([
			{ statusCode: 200, headers: undefined, body: 'hello' } as never,
		]);
		expect(error.message).toContain('answered 200 with text instead');
		expect(requests).toBe(1);
	});

	it('a redirect with no headers at all points to no valid address', async () => {
		const { error } = await failure([{ statusCode: 302, headers: undefined } as never]);
		expect(error.message).toContain('answered with a redirect (302) to no valid address');
	});
});

describe('what is named in the message', () => {
	it('a content type with a space before its parameters is named without the space', async () => {
		const { error } = await failure([
			answer(200, '<p>hi</p>', { 'content-type': 'text/html ; charset=utf-8' }),
		]);
		expect(error.message).toContain('(it answered 200 with text/html content instead');
	});

	it('a redirect to a scheme that only ends in https is to no valid address', async () => {
		const { error } = await failure([
			answer(302, undefined, { location: 'web+https://evil.example.net/steal' }),
		]);
		expect(error.message).toContain('answered with a redirect (302) to no valid address');
		expect(error.message).not.toContain('evil.example.net');
	});
});

describe('Retry-After', () => {
	it('seconds with two decimals are read to the millisecond', () => {
		expect(retryAfterMs('2.25')).toBe(2250);
		expect(retryAfterMs('0.125')).toBe(125);
	});
});

describe('the delivery token is kept out of errors in every form', () => {
	const token = 'tok-4f9a8b7c6d5e';
	const url = `https://n8n.example.com/webhook/x?token=${token}`;

	it('also where the server quotes the webhook URL percent-encoded', async () => {
		const { error } = await failure(
			[answer(422, { message: `rejected ${encodeURIComponent(url)}` })],
			'POST',
			{ body: { webhook_url: url } },
		);
		const text = `${error.message}\n${error.description ?? ''}`;
		expect(text).toContain('rejected');
		expect(text).not.toContain(token);
	});

	it('the token is taken from every URL among the body strings, not only the first', async () => {
		const other = 'tok-0a1b2c3d4e5f';
		const { error } = await failure(
			[answer(422, { message: `rejected ${token} and ${other}` })],
			'POST',
			{ body: { n: 3, first: url, second: `https://n8n.example.com/w?token=${other}` } },
		);
		expect(error.message).toContain('rejected');
		expect(error.message).not.toContain(token);
		expect(error.message).not.toContain(other);
	});

	it('a body value that is not a URL is no token, and the request still goes', async () => {
		const context = ctx([answer(200, { ok: true })]);
		expect(
			await outcome(context, 'POST', { body: { a: 'what?', b: 'http://[broken?token=x' } }),
		).toEqual({ body: { ok: true } });
		expect(context.mock.requests).toHaveLength(1);
	});
});
