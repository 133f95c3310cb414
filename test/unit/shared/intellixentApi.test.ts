/**
 * The Intellixent API client: exact requests, retries (instant: `sleep` is mocked) and the error
 * messages users see. Errors are checked by their specific words, never by a snapshot.
 */
import { NodeApiError, sleep } from 'n8n-workflow';

import {
	DEFAULT_BASE_URL,
	DEFAULT_RETRY_POLICY,
	listAssistants,
	normalizeBaseUrl,
	redactUrl,
	retryAfterMs,
} from '../../../nodes/shared/intellixentApi';
import {
	disableConversationEndedWebhook,
	enableConversationEndedWebhook,
} from '../../../nodes/shared/webhookRegistrationApi';
import {
	answer,
	ASSISTANT_ID,
	FAKE_API_KEY,
	hookContext,
	networkError,
	ok,
	PRODUCTION_URL,
	requestedWaits,
	type HookContext,
	type ScriptedAnswer,
	instantSleep,
} from '../../helpers/fakeContext';

instantSleep();

const ENABLE_URL = `${DEFAULT_BASE_URL}/api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook`;
const DISABLE_URL = `${DEFAULT_BASE_URL}/api/assistants/${ASSISTANT_ID}/disable-conversation-ended-webhook`;

function ctx(http: ScriptedAnswer[], baseUrl: string | undefined = DEFAULT_BASE_URL): HookContext {
	return hookContext({ credentials: { apiKey: FAKE_API_KEY, baseUrl }, http });
}

async function enableError(
	http: ScriptedAnswer[],
): Promise<{ error: NodeApiError; context: HookContext }> {
	const context = ctx(http);
	const error = await enableConversationEndedWebhook
		.call(context, ASSISTANT_ID, PRODUCTION_URL, { stage: 'publish' })
		.then(
			() => undefined,
			(e: unknown) => e,
		);
	expect(error).toBeInstanceOf(NodeApiError);
	return { error: error as NodeApiError, context };
}

function expectNoSecret(error: NodeApiError) {
	const text = `${error.message}\n${error.description ?? ''}\n${JSON.stringify(error.messages)}`;
	expect(text).not.toContain(FAKE_API_KEY);
}

beforeEach(() => {
	(sleep as unknown as jest.Mock).mockClear();
});

describe('normalizeBaseUrl', () => {
	// The cases shared with the credential's test-request expression are in credential.test.ts,
	// which checks both implementations against one table.
	it('keeps a path segment that merely ends in "api"', () => {
		expect(normalizeBaseUrl('https://x/myapi')).toBe('https://x/myapi');
	});
});

describe('requests', () => {
	it('enable: POST to the assistant path with body {webhook_url}, through the intellixentApi credential', async () => {
		const context = ctx([ok()]);
		await enableConversationEndedWebhook.call(context, ASSISTANT_ID, PRODUCTION_URL, {
			stage: 'publish',
		});

		expect(context.mock.requests).toHaveLength(1);
		const [{ credentialType, options }] = context.mock.requests;
		expect(credentialType).toBe('intellixentApi');
		expect(options.method).toBe('POST');
		expect(options.url).toBe(ENABLE_URL);
		expect(options.body).toEqual({ webhook_url: PRODUCTION_URL });
		expect(options.json).toBe(true);
		expect(options.returnFullResponse).toBe(true);
		expect(options.ignoreHttpStatusErrors).toBe(true);
		expect(options.timeout).toBe(DEFAULT_RETRY_POLICY.timeoutMs);
	});

	it('never builds an Authorization header itself and never puts the key in the request', async () => {
		const context = ctx([ok()]);
		await enableConversationEndedWebhook.call(context, ASSISTANT_ID, PRODUCTION_URL, {
			stage: 'publish',
		});
		const { options } = context.mock.requests[0];
		const headerNames = Object.keys(options.headers ?? {}).map((h) => h.toLowerCase());
		expect(headerNames).not.toContain('authorization');
		expect(JSON.stringify(options)).not.toContain(FAKE_API_KEY);
		expect(context.helpers.httpRequestWithAuthentication).toHaveBeenCalledWith(
			'intellixentApi',
			expect.anything(),
		);
	});

	it('disable: POST to the disable path with no body', async () => {
		const context = ctx([ok()]);
		await disableConversationEndedWebhook.call(context, ASSISTANT_ID, { stage: 'publish' });
		const [{ credentialType, options }] = context.mock.requests;
		expect(credentialType).toBe('intellixentApi');
		expect(options.method).toBe('POST');
		expect(options.url).toBe(DISABLE_URL);
		expect(options.body).toBeUndefined();
	});

	it.each([
		['https://x/', 'https://x'],
		['https://x/api', 'https://x'],
		['https://x/api/', 'https://x'],
		['', DEFAULT_BASE_URL],
		[undefined, DEFAULT_BASE_URL],
	])('base URL %j -> requests go to %s/api/...', async (baseUrl, expected) => {
		const context = ctx([ok()], baseUrl);
		await enableConversationEndedWebhook.call(context, ASSISTANT_ID, PRODUCTION_URL, {
			stage: 'publish',
		});
		expect(context.mock.requests[0].options.url).toBe(
			`${expected}/api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook`,
		);
	});

	it.each(['a/b?c#d e', '..', '.', '', '9b2c4e1a-0f3d-4c8e-a1b2-c3d4e5f6071'])(
		'refuses %j as an assistant UUID before any request',
		async (uuid) => {
			const context = ctx([ok(), ok()]);
			await expect(
				enableConversationEndedWebhook.call(context, uuid, PRODUCTION_URL, { stage: 'run' }),
			).rejects.toThrow('Assistant must be an assistant UUID');
			await expect(
				disableConversationEndedWebhook.call(context, uuid, { stage: 'run' }),
			).rejects.toThrow('Assistant must be an assistant UUID');
			expect(context.mock.requests).toHaveLength(0);
		},
	);

	it('listAssistants: GET /api/user/assistants/get with page and per_page', async () => {
		const page = { current_page: 2, last_page: 3, per_page: 100, total: 201, data: [] };
		const context = ctx([ok(page), ok(page)]);
		await expect(listAssistants.call(context, 2, 100, 'publish')).resolves.toEqual(page);
		await listAssistants.call(context, 1, 25, 'publish');
		const [first, second] = context.mock.requests;
		expect(first.credentialType).toBe('intellixentApi');
		expect(first.options.method).toBe('GET');
		expect(first.options.url).toBe(`${DEFAULT_BASE_URL}/api/user/assistants/get`);
		expect(first.options.qs).toEqual({ page: 2, per_page: 100 });
		expect(first.options.body).toBeUndefined();
		expect(second.options.qs).toEqual({ page: 1, per_page: 25 });
	});

	it('listAssistants fills in missing paging fields', async () => {
		const context = ctx([ok({ data: [{ id: 1, uuid: ASSISTANT_ID, name: 'A' }] })]);
		await expect(listAssistants.call(context, 4, 100, 'publish')).resolves.toEqual({
			current_page: 4,
			last_page: 4,
			per_page: 100,
			total: 1,
			data: [{ id: 1, uuid: ASSISTANT_ID, name: 'A' }],
		});
	});

	it.each([
		// A body that is not a JSON object at all is refused by every request (apiResponses.test.ts).
		['an object without data', { message: 'hello' }],
		['data that is not a list', { data: { id: 1 } }],
	])('listAssistants refuses %s with a hint about the Base URL', async (_label, body) => {
		const context = ctx([answer(200, body)]);
		const error = await listAssistants.call(context, 1, 100, 'publish').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'Could not list the assistants: Intellixent answered with an unexpected format',
		);
		expect((error as NodeApiError).description).toContain('Base URL');
		expect(context.mock.requests).toHaveLength(1);
	});
});

describe('error mapping', () => {
	it('401: says the API key was rejected and where to create one, no retry', async () => {
		const { error, context } = await enableError([answer(401, { message: 'Unauthenticated.' })]);
		expect(error.message).toBe(
			'Could not register the webhook with Intellixent: Intellixent rejected the API key (401 Unauthenticated)',
		);
		expect(error.description).toContain('Account settings > API Keys');
		expect(error.description).toContain('Base URL');
		expect(error.httpCode).toBe('401');
		expect(context.mock.requests).toHaveLength(1);
		expect(requestedWaits()).toEqual([]);
		expectNoSecret(error);
	});

	it('403: not allowed, with what Intellixent said as the description', async () => {
		const { error, context } = await enableError([
			answer(403, { message: 'This assistant belongs to another team.' }),
		]);
		expect(error.message).toContain('this API key is not allowed to do that (403)');
		expect(error.description).toBe('This assistant belongs to another team.');
		expect(error.httpCode).toBe('403');
		expect(context.mock.requests).toHaveLength(1);
	});

	it('403 without a message: tells which key to use', async () => {
		const { error } = await enableError([answer(403, '')]);
		expect(error.description).toContain('API key of the account that owns the assistant');
	});

	it('404 for an assistant: names the assistant, no retry', async () => {
		const { error, context } = await enableError([answer(404, { message: 'Assistant not found' })]);
		expect(error.message).toBe(
			`Could not register the webhook with Intellixent: assistant ${ASSISTANT_ID} was not found in this Intellixent account (404)`,
		);
		expect(error.description).toContain('Choose the assistant again');
		expect(error.httpCode).toBe('404');
		expect(context.mock.requests).toHaveLength(1);
	});

	it('404 without an assistant (listing): points at the Base URL', async () => {
		const context = ctx([answer(404, '<html>Not Found</html>')]);
		const error = (await listAssistants
			.call(context, 1, 100, 'publish')
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not list the assistants: Intellixent answered 404 Not Found');
		expect(error.description).toContain(`Base URL (normally ${DEFAULT_BASE_URL})`);
		expect(error.message).not.toContain('<html>');
		expect(error.httpCode).toBe('404');
	});

	it('422: joins the Laravel validation errors into the message and mentions WEBHOOK_URL', async () => {
		const { error, context } = await enableError([
			answer(422, {
				message: 'The given data was invalid.',
				errors: {
					webhook_url: ['The webhook url must be a valid URL.', 'The webhook url must use https.'],
					assistant_id: ['The selected assistant id is invalid.'],
				},
			}),
		]);
		expect(error.message).toBe(
			'Could not register the webhook with Intellixent: Intellixent refused the request (422: webhook_url: The webhook url must be a valid URL. The webhook url must use https.; assistant_id: The selected assistant id is invalid.)',
		);
		expect(error.description).toContain('WEBHOOK_URL');
		expect(error.httpCode).toBe('422');
		expect(context.mock.requests).toHaveLength(1);
	});

	it('422 without errors: uses the server message', async () => {
		const { error } = await enableError([answer(422, { message: 'Webhook URL is not reachable' })]);
		expect(error.message).toContain('(422: Webhook URL is not reachable)');
	});

	it('422 echoing the registered URL: the delivery token is redacted from the message', async () => {
		const secretUrl = `${PRODUCTION_URL}?token=SECRET-DELIVERY-TOKEN`;
		const { error } = await enableError([
			answer(422, { errors: { webhook_url: [`${secretUrl} did not answer`] } }),
		]);
		expect(error.message).toContain(`webhook_url: ${PRODUCTION_URL}?token=*** did not answer)`);
		expect(`${error.message} ${error.description} ${JSON.stringify(error.messages)}`).not.toContain(
			'SECRET-DELIVERY-TOKEN',
		);
	});

	it('other statuses: say the status and what Intellixent said', async () => {
		const { error } = await enableError([answer(409, { error: 'Conflict detected' })]);
		expect(error.message).toBe(
			'Could not register the webhook with Intellixent: Intellixent answered 409 (Conflict detected)',
		);
		expect(error.httpCode).toBe('409');
	});
});

describe('retries', () => {
	it('429 with Retry-After in seconds: waits that long, then fails saying rate-limiting and 3 tries', async () => {
		const { error, context } = await enableError([
			answer(429, { message: 'Too Many Attempts.' }, { 'retry-after': '2' }),
			answer(429, { message: 'Too Many Attempts.' }, { 'retry-after': '3' }),
			answer(429, { message: 'Too Many Attempts.' }, { 'retry-after': '4' }),
		]);
		expect(context.mock.requests).toHaveLength(3);
		expect(requestedWaits()).toEqual([2000, 3000]);
		expect(error.message).toBe(
			'Could not register the webhook with Intellixent: Intellixent is rate-limiting requests (429, tried 3 times)',
		);
		expect(error.message).toMatch(/rate-limiting.*tried 3 times/);
		expect(error.httpCode).toBe('429');
		expectNoSecret(error);
	});

	it('Retry-After is capped at the longest wait of the policy', async () => {
		const context = ctx([answer(429, {}, { 'retry-after': '3600' }), ok()]);
		await enableConversationEndedWebhook.call(context, ASSISTANT_ID, PRODUCTION_URL, {
			stage: 'publish',
		});
		expect(requestedWaits()).toEqual([DEFAULT_RETRY_POLICY.maxDelayMs]);
		expect(DEFAULT_RETRY_POLICY.maxDelayMs).toBeLessThanOrEqual(10_000);
	});

	it('Retry-After as an HTTP date: waits until then', async () => {
		const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
		const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
		try {
			const context = ctx([
				answer(429, {}, { 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' }),
				ok(),
			]);
			await enableConversationEndedWebhook.call(context, ASSISTANT_ID, PRODUCTION_URL, {
				stage: 'publish',
			});
			expect(requestedWaits()).toEqual([5000]);
			expect(context.mock.requests).toHaveLength(2);
		} finally {
			spy.mockRestore();
		}
	});

	it('retryAfterMs reads seconds, dates, arrays, and ignores garbage', () => {
		const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
		expect(retryAfterMs('1.5', now)).toBe(1500);
		expect(retryAfterMs(['7'], now)).toBe(7000);
		expect(retryAfterMs('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
		expect(retryAfterMs('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs(undefined, now)).toBeUndefined();
	});

	it('429 without Retry-After: exponential backoff 1 s, 2 s', async () => {
		await enableError([answer(429, {}), answer(429, {}), answer(429, {})]);
		expect(requestedWaits()).toEqual([1000, 2000]);
	});

	it.each([500, 502, 503])(
		'%i is retried, then fails saying server error and 3 tries',
		async (status) => {
			const { error, context } = await enableError([
				answer(status, { message: 'Server Error' }),
				answer(status, '<html>Bad gateway</html>'),
				answer(status, { message: 'Server Error' }),
			]);
			expect(context.mock.requests).toHaveLength(3);
			expect(requestedWaits()).toEqual([1000, 2000]);
			expect(error.message).toBe(
				`Could not register the webhook with Intellixent: Intellixent had a server error (${status}, tried 3 times)`,
			);
			expect(error.description).toContain('Intellixent said: Server Error');
			expect(error.httpCode).toBe(String(status));
			expectNoSecret(error);
		},
	);

	it('succeeds on a retry after a 503', async () => {
		const context = ctx([
			answer(503, {}),
			ok({ message: 'Conversation ended webhook enabled successfully' }),
		]);
		await expect(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, PRODUCTION_URL, {
				stage: 'publish',
			}),
		).resolves.toEqual({ form: 'path' });
		expect(context.mock.requests).toHaveLength(2);
		expect(context.mock.requests[1].options).toBe(context.mock.requests[0].options);
		expect(requestedWaits()).toEqual([1000]);
	});

	it('succeeds on a retry after a network error (listing)', async () => {
		const page = { current_page: 1, last_page: 1, per_page: 100, total: 0, data: [] };
		const context = ctx([networkError('ECONNRESET', 'socket hang up'), ok(page)]);
		await expect(listAssistants.call(context, 1, 100, 'publish')).resolves.toEqual(page);
		expect(context.mock.requests).toHaveLength(2);
	});

	it.each(['ECONNRESET', 'ETIMEDOUT'])(
		'%s is retried 3 times, then fails naming the code and the attempts',
		async (code) => {
			const { error, context } = await enableError([
				networkError(code),
				networkError(code),
				networkError(code),
			]);
			expect(context.mock.requests).toHaveLength(3);
			expect(requestedWaits()).toEqual([1000, 2000]);
			expect(error.message).toContain('Could not register the webhook with Intellixent');
			expect(error.message).toContain(`could not be reached (${code})`);
			expect(error.message).toContain(DEFAULT_BASE_URL);
			expect(error.description).toContain('Tried 3 times');
			expect(error.httpCode).toBeNull();
			expectNoSecret(error);
		},
	);

	it('a network error wrapped by n8n (NodeApiError with the code on its cause) is still retried', async () => {
		const wrapped = () =>
			new NodeApiError(
				{
					id: 'n',
					name: 'Intellixent Trigger',
					type: 't',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				networkError('ECONNRESET', 'socket hang up') as unknown as Record<string, string>,
			);
		const context = ctx([wrapped(), ok()]);
		await enableConversationEndedWebhook.call(context, ASSISTANT_ID, PRODUCTION_URL, {
			stage: 'publish',
		});
		expect(context.mock.requests).toHaveLength(2);
	});

	it('ENOTFOUND is not retried and hints at the Base URL and DNS', async () => {
		const context = ctx(
			[networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND portal.example.invalid')],
			'https://portal.example.invalid',
		);
		const error = (await enableConversationEndedWebhook
			.call(context, ASSISTANT_ID, PRODUCTION_URL, { stage: 'publish' })
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(context.mock.requests).toHaveLength(1);
		expect(requestedWaits()).toEqual([]);
		expect(error.message).toContain('could not be reached (ENOTFOUND)');
		expect(error.message).toContain('https://portal.example.invalid');
		expect(error.description).toContain('does not resolve');
		expect(error.description).toContain('DNS');
		expect(error.description).toContain('Base URL');
	});

	it('an unknown thrown error (no code) is retried and reported', async () => {
		const { error, context } = await enableError([
			new Error('boom'),
			new Error('boom'),
			new Error('boom'),
		]);
		expect(context.mock.requests).toHaveLength(3);
		expect(error.message).toContain('could not be reached');
	});
});

describe('redactUrl', () => {
	it('removes the token value, wherever it is in the query', () => {
		expect(redactUrl('https://n/webhook/x?token=abc')).toBe('https://n/webhook/x?token=***');
		expect(redactUrl('https://n/w?a=1&token=abc&b=2')).toBe('https://n/w?a=1&token=***&b=2');
		expect(redactUrl('https://n/w?TOKEN=abc#frag')).toBe('https://n/w?TOKEN=***#frag');
		expect(redactUrl('see https://a/?token=x1 and https://b/?token=y2')).toBe(
			'see https://a/?token=*** and https://b/?token=***',
		);
	});

	it('leaves URLs without a token alone', () => {
		expect(redactUrl(PRODUCTION_URL)).toBe(PRODUCTION_URL);
		expect(redactUrl('https://n/w?mytoken_hint=1')).toBe('https://n/w?mytoken_hint=1');
	});
});
