/**
 * What the request core accepts as Intellixent: the Base URLs it refuses before
 * any request, redirects (never followed, the target host named), and 2xx answers that are not
 * Intellixent's JSON. The same checks through n8n-core's real HTTP stack are in
 * test/integration/activation-faults.test.ts.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { baseUrlProblem, withoutUserInfo } from '../../../../nodes/shared/baseUrl';
import { intellixentRequest, listAssistants } from '../../../../nodes/shared/intellixentApi';
import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import {
	answer,
	FAKE_API_KEY,
	hookContext,
	ok,
	requestedWaits,
	type ScriptedAnswer,
	instantSleep,
} from '../../../helpers/fakeContext';

instantSleep();

const hooks = new IntellixentTrigger().webhookMethods.default;
const ctx = (http: ScriptedAnswer[], baseUrl = 'https://portal.intellixent.ai') =>
	hookContext({ credentials: { apiKey: FAKE_API_KEY, baseUrl }, http });

async function requestError(http: ScriptedAnswer[], baseUrl?: string): Promise<NodeApiError> {
	const context = ctx(http, baseUrl);
	const error = await intellixentRequest
		.call(context, 'POST', '/api/x', { action: 'register the webhook', stage: 'publish' })
		.then(
			() => undefined,
			(e: unknown) => e,
		);
	expect(error).toBeInstanceOf(NodeApiError);
	expect(context.mock.requests).toHaveLength(1);
	return error as NodeApiError;
}

const REFUSED: Array<[string, string]> = [
	[
		'https://admin:hunter2@portal.intellixent.ai',
		'contains a user name or password (https://portal.intellixent.ai with "…@" before the host)',
	],
	['https://admin@portal.intellixent.ai', 'contains a user name or password'],
	[
		'https://portal.intellixent.ai?region=eu',
		'contains a query ("?…"), which would send every request to another address',
	],
	['https://portal.intellixent.ai/?', 'contains a query'],
	['https://portal.intellixent.ai#eu', 'contains a fragment ("#…"), which would drop the API path'],
	[
		'http://portal.intellixent.ai',
		'uses plain http:// to portal.intellixent.ai, a host on the internet',
	],
	['http://203.0.113.7:8080', 'uses plain http:// to 203.0.113.7:8080'],
	['ftp://portal.intellixent.ai', 'must start with https://'],
	['portal.intellixent.ai', 'is not a valid URL (portal.intellixent.ai)'],
];

describe('baseUrlProblem', () => {
	it.each(REFUSED)('refuses %s: %s', (raw, words) => {
		const problem = baseUrlProblem(raw);
		expect(problem).toContain(words);
		expect(problem).not.toContain('hunter2');
		expect(problem).not.toContain('region=eu');
	});

	it.each([
		undefined,
		'',
		'https://portal.intellixent.ai',
		'https://portal.intellixent.ai/api/',
		'https://eu.portal.intellixent.ai:8443',
		'http://127.0.0.1:9999',
		'http://localhost:8080/api',
		'http://10.0.0.2:8080',
		'http://intellixent-emulator:8080',
		'http://emulator.internal',
	])('accepts %j', (raw) => {
		expect(baseUrlProblem(raw)).toBeUndefined();
	});

	it('withoutUserInfo removes user and password, up to the last @ before the host', () => {
		expect(withoutUserInfo('https://u:p@host/x')).toBe('https://host/x');
		expect(withoutUserInfo('https://u:p@q@host')).toBe('https://host');
		expect(withoutUserInfo('https://host/a@b')).toBe('https://host/a@b');
		expect(withoutUserInfo('https://host?x=a@b')).toBe('https://host?x=a@b');
	});
});

describe('a refused Base URL stops every API call before any request', () => {
	// (A Base URL that is no URL at all is caught one step earlier, by the webhook-host check.)
	it.each(REFUSED.filter(([raw]) => raw.includes('//')))(
		'publish with %s: NodeOperationError naming the problem, nothing sent',
		async (baseUrl, words) => {
			const context = ctx([ok()], baseUrl);
			const error = await hooks.create.call(context).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(NodeOperationError);
			// A publish error carries its advice in the message too (publishErrors.ts).
			const { message, description } = error as NodeOperationError;
			expect(
				message.startsWith('The Base URL of the Intellixent API credential cannot be used. '),
			).toBe(true);
			expect(message).toContain(words);
			expect(description).toBe(message);
			expect(context.mock.requests).toEqual([]);
		},
	);

	it('publish with a Base URL that is no URL: refused before any request too', async () => {
		const context = ctx([ok()], 'portal.intellixent.ai');
		const error = await hooks.create.call(context).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toContain(
			'is not a valid URL (portal.intellixent.ai)',
		);
		expect(context.mock.requests).toEqual([]);
	});

	it('listing the assistants refuses too', async () => {
		const context = ctx([ok()], 'https://portal.intellixent.ai#x');
		await expect(listAssistants.call(context, 1, 100, 'publish')).rejects.toThrow(
			'The Base URL of the Intellixent API credential cannot be used',
		);
		expect(context.mock.requests).toEqual([]);
	});
});

describe('redirects', () => {
	it('every request asks n8n not to follow redirects', async () => {
		const context = ctx([ok()]);
		await intellixentRequest.call(context, 'GET', '/api/x', { action: 'x', stage: 'publish' });
		expect(context.mock.requests[0].options.disableFollowRedirect).toBe(true);
	});

	it.each([
		[301, 'https://evil.example.com:8443/steal?key=1', 'https://evil.example.com:8443'],
		[302, 'https://user:pw@evil.example.com/x', 'https://evil.example.com'],
		[307, '/login', 'https://portal.intellixent.ai'],
		[308, '//cdn.example.net/api', 'https://cdn.example.net'],
	])(
		'%i to %s: an error naming %s, not retried, no path or user-info',
		async (status, location, target) => {
			const error = await requestError([answer(status, '', { location }), ok()]);
			expect(error.message).toBe(
				`Could not register the webhook: Intellixent at https://portal.intellixent.ai answered with a redirect (${status}) to ${target}, which was not followed: the API key was not sent there`,
			);
			expect(error.description).toContain("Set the credential's Base URL");
			expect(error.httpCode).toBe(String(status));
			expect(requestedWaits()).toEqual([]);
		},
	);

	it.each([
		['no Location', {}],
		['a javascript: Location', { location: 'javascript:alert(1)' }],
		['an unreadable Location', { location: 'http://[zz' }],
	])('a redirect with %s says it named no valid address', async (_name, headers) => {
		const error = await requestError([answer(302, '', headers as Record<string, string>)]);
		expect(error.message).toContain('answered with a redirect (302) to no valid address');
	});
});

describe('a 2xx that is not Intellixent JSON', () => {
	it.each<[string, ScriptedAnswer, string]>([
		[
			'an HTML login page',
			answer(200, '<html>Sign in</html>', { 'content-type': 'text/html; charset=UTF-8' }),
			'text/html content',
		],
		['text without a content type', answer(200, 'OK'), 'text'],
		['an empty 204', answer(204, ''), 'an empty body'],
		['no body at all', answer(200, undefined), 'an empty body'],
		[
			'a JSON list',
			answer(200, [{ id: 1 }], { 'content-type': 'application/json' }),
			'a JSON list',
		],
		['a JSON number', answer(200, 42), 'a JSON number'],
		[
			'raw bytes',
			answer(200, Buffer.from('%PDF'), { 'content-type': 'application/pdf' }),
			'application/pdf content',
		],
	])(
		'%s is an error: "this is not the Intellixent API at …", not retried',
		async (_name, response, what) => {
			const error = await requestError([response, ok()]);
			expect(error.message).toBe(
				`Could not register the webhook: this is not the Intellixent API at https://portal.intellixent.ai (it answered ${(response as { statusCode: number }).statusCode} with ${what} instead of Intellixent's JSON)`,
			);
			expect(error.description).toContain('login page, a proxy or another site');
			expect(error.description).toContain("credential's Base URL");
		},
	);

	it('the Base URL in the message never shows user-info (even if it got past the refusal)', async () => {
		const error = await requestError([answer(200, '<html>')], 'http://localhost:8080');
		expect(error.message).toContain('this is not the Intellixent API at http://localhost:8080 (');
	});

	it('a JSON object (Intellixent answer) is returned as it is', async () => {
		const context = ctx([
			ok({ message: 'Conversation ended webhook enabled successfully', data: [] }),
		]);
		await expect(
			intellixentRequest.call(context, 'POST', '/api/x', { action: 'x', stage: 'publish' }),
		).resolves.toEqual({
			message: 'Conversation ended webhook enabled successfully',
			data: [],
		});
	});
});

describe('what a server says is quoted within bounds', () => {
	it('a long server message is cut to 300 characters, after redaction', async () => {
		const error = await requestError([
			answer(409, { message: `${'x'.repeat(290)}${FAKE_API_KEY}${'y'.repeat(5000)}` }),
		]);
		expect(error.message).toContain(`(${'x'.repeat(290)}***${'y'.repeat(7)}…)`);
		expect(error.message.length).toBeLessThan(400);
	});

	it('control characters (line breaks) in a server message become spaces', async () => {
		const error = await requestError([answer(409, { message: 'line one\r\nFAKE LOG LINE\u0000' })]);
		expect(error.message).toContain('(line one FAKE LOG LINE )');
	});
});
