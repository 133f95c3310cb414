/** The Intellixent API credential: auth header, test request, base URL expression, rules. */
import type { ICredentialTestRequest, IHttpRequestOptions } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import { IntellixentApi } from '../../../credentials/IntellixentApi.credentials';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../../../nodes/IntellixentTrigger/intellixentApi';

const credential = new IntellixentApi();
const request = credential.test.request as IHttpRequestOptions & { baseURL: string };

/** Evaluates the test request's baseURL with n8n's own expression engine, as n8n would. */
function evaluateBaseUrl(baseUrl: unknown): unknown {
	expect(request.baseURL.startsWith('=')).toBe(true);
	return Expression.resolveWithoutWorkflow(request.baseURL.slice(1), { $credentials: { apiKey: 'fake-key-for-tests', baseUrl } });
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

	it('authenticate adds Authorization: Bearer {{$credentials.apiKey}}', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
		});
	});

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

	it('rules give readable 401 and 404 messages', () => {
		const rules = (credential.test as ICredentialTestRequest).rules ?? [];
		const byCode = new Map(
			rules.map((r) => {
				const { value, message } = (r as { properties: { value: number; message: string } }).properties;
				expect(r.type).toBe('responseCode');
				return [value, message] as const;
			}),
		);
		expect(byCode.get(401)).toContain('rejected the API key');
		expect(byCode.get(401)).toContain('Account settings > API Keys');
		expect(byCode.get(404)).toContain('Base URL');
	});
});
