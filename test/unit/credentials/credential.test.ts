/** The Intellixent API credential: auth header, test request, base URL expression, rules. */
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import { IntellixentApi } from '../../../credentials/IntellixentApi.credentials';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../../../nodes/shared/intellixentApi';

const credential = new IntellixentApi();
const request = credential.test.request as IHttpRequestOptions & { baseURL: string };

/** Evaluates the test request's baseURL with n8n's own expression engine, as n8n would. */
function evaluateBaseUrl(baseUrl: unknown): unknown {
	expect(request.baseURL.startsWith('=')).toBe(true);
	return Expression.resolveWithoutWorkflow(request.baseURL.slice(1), {
		$credentials: { apiKey: 'fake-key-for-tests', baseUrl },
	});
}

describe('IntellixentApi credential', () => {
	it('is named intellixentApi, with a password-type API key and a Base URL defaulting to the portal', () => {
		expect(credential.name).toBe('intellixentApi');
		const apiKey = credential.properties.find((p) => p.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
		expect(apiKey?.required).toBe(true);
		const baseUrl = credential.properties.find((p) => p.name === 'baseUrl');
		expect(baseUrl?.default).toBe(DEFAULT_BASE_URL);
	});

	const authenticate = credential.authenticate as (
		credentials: ICredentialDataDecryptedObject,
		options: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;

	it('authenticate adds Authorization: Bearer <key> and turns redirects off (both HTTP helpers)', async () => {
		const options = await authenticate(
			{ apiKey: 'k-123', baseUrl: 'https://portal.intellixent.ai/api/' },
			{
				url: 'https://portal.intellixent.ai/api/user/assistants/get',
				headers: { Accept: 'application/json' },
			},
		);
		expect(options).toMatchObject({
			headers: { Accept: 'application/json', Authorization: 'Bearer k-123' },
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			followRedirect: false,
			followAllRedirects: false,
		});
	});

	it.each([
		[
			'the test request (baseURL + url)',
			{ baseURL: 'https://portal.intellixent.ai/', url: '/api/user/assistants/get' },
		],
		['an absolute url', { url: 'https://portal.intellixent.ai/api/x' }],
		["the legacy helper's uri", { uri: 'https://portal.intellixent.ai/api/x' }],
	])('authenticate accepts %s on the Base URL origin', async (_name, options) => {
		const out = await authenticate({ apiKey: 'k-123' }, options as unknown as IHttpRequestOptions);
		expect(out.headers?.Authorization).toBe('Bearer k-123');
	});

	it.each([
		['another host', 'https://evil.example.com/api/x', 'https://evil.example.com'],
		['http instead of https', 'http://portal.intellixent.ai/api/x', 'http://portal.intellixent.ai'],
		[
			'another port',
			'https://portal.intellixent.ai:8443/api/x',
			'https://portal.intellixent.ai:8443',
		],
		[
			'a look-alike host',
			'https://portal.intellixent.ai.evil.example/api',
			'https://portal.intellixent.ai.evil.example',
		],
		['no valid URL', '/api/x', 'an address that is not a valid URL'],
	])('authenticate refuses to send the key to %s', async (_name, url, shown) => {
		await expect(
			authenticate({ apiKey: 'k-123', baseUrl: DEFAULT_BASE_URL }, { url }),
		).rejects.toThrow(
			`The Intellixent API key is sent only to the credential's Base URL (${DEFAULT_BASE_URL}); this request was for ${shown}, so it was not sent.`,
		);
	});

	it.each([
		['https://u:secret-pass@portal.intellixent.ai', 'user name or password'],
		['https://portal.intellixent.ai?region=eu', 'query'],
		['https://portal.intellixent.ai#x', 'fragment'],
		['http://portal.intellixent.ai', 'plain http://'],
	])(
		'authenticate refuses the Base URL %s (%s) before the key goes anywhere',
		async (baseUrl, words) => {
			const error = await authenticate(
				{ apiKey: 'k-123', baseUrl },
				{ url: `${baseUrl}/api/x` },
			).catch((e: Error) => e);
			expect((error as Error).message).toContain(words);
			expect((error as Error).message).not.toContain('secret-pass');
			expect((error as Error).message).not.toContain('k-123');
		},
	);

	it('the test request lists one assistant', () => {
		expect(request.url).toBe('/api/user/assistants/get');
		expect(request.qs).toEqual({ per_page: 1 });
		expect(request.method ?? 'GET').toBe('GET');
	});

	it('the baseURL expression text strips trailing slashes and a trailing /api, with the portal as default', () => {
		expect(request.baseURL).toContain('$credentials.baseUrl');
		expect(request.baseURL).toContain(DEFAULT_BASE_URL);
		expect(request.baseURL).toContain('/\\/+$/');
		expect(request.baseURL).toContain('/\\/api$/i');
	});

	it.each([
		['https://x', 'https://x'],
		['https://x/', 'https://x'],
		['https://x/api', 'https://x'],
		['https://x/api/', 'https://x'],
		['https://x/API', 'https://x'],
		[' https://x/api ', 'https://x'],
		['  https://x//  ', 'https://x'],
		['https://x/myapi', 'https://x/myapi'],
		['http://127.0.0.1:9999/', 'http://127.0.0.1:9999'],
		['', DEFAULT_BASE_URL],
		['   ', DEFAULT_BASE_URL],
		[undefined, DEFAULT_BASE_URL],
	])('baseURL for %j evaluates to %s, like the node normalises it', (input, expected) => {
		expect(evaluateBaseUrl(input)).toBe(expected);
		expect(normalizeBaseUrl(input)).toBe(expected);
	});

	it('rules give readable 401, 404 and redirect messages, and refuse a 2xx without the paging field', () => {
		const rules = (credential.test as ICredentialTestRequest).rules ?? [];
		const byCode = new Map<number, string>();
		const bodyRules: Array<{ key: string; value: unknown; message: string }> = [];
		for (const rule of rules as Array<{
			type: string;
			properties: { key?: string; value: unknown; message: string };
		}>) {
			if (rule.type === 'responseCode')
				byCode.set(rule.properties.value as number, rule.properties.message);
			else bodyRules.push(rule.properties as { key: string; value: unknown; message: string });
		}
		expect(byCode.get(401)).toContain('rejected the API key');
		expect(byCode.get(401)).toContain('Account settings > API Keys');
		expect(byCode.get(404)).toContain('Base URL');
		for (const status of [301, 302, 303, 307, 308]) {
			expect(byCode.get(status)).toContain(
				`answered with a redirect (${status}), which was not followed`,
			);
		}
		// n8n's tester fails the test when get(body, key) === value: undefined means "field missing".
		expect(bodyRules).toEqual([
			{
				key: 'current_page',
				value: undefined,
				message: expect.stringContaining('This is not the Intellixent API'),
			},
		]);
	});
});
