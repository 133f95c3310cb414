/**
 * Enable/disable in both documented API forms: which answers count as "unknown route",
 * the fallback to the body form with the integer id found by paging the assistants list, the
 * memory per Base URL, and the messages after a fallback. HTTP is scripted (hookContext).
 */
import { NodeApiError, sleep } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../../../nodes/shared/intellixentApi';

import { deliveryToken } from '../../../nodes/IntellixentTrigger/deliveryToken';
import {
	baseUrlKey,
	disableConversationEndedWebhook,
	enableConversationEndedWebhook,
	isUnknownRoute,
	WebhookRouteNotFoundError,
} from '../../../nodes/shared/webhookRegistrationApi';
import {
	answer,
	ASSISTANT_ID,
	FAKE_API_KEY,
	hookContext,
	NODE_WEBHOOK_ID,
	ok,
	PRODUCTION_URL,
	type HookContext,
	type ScriptedAnswer,
	instantSleep,
} from '../../helpers/fakeContext';

instantSleep();

const TOKEN = deliveryToken(FAKE_API_KEY, {
	webhookId: NODE_WEBHOOK_ID,
	assistantId: ASSISTANT_ID,
});
const URL_WITH_TOKEN = `${PRODUCTION_URL}?token=${TOKEN}`;
const LARAVEL_ROUTE_404 = (path: string) =>
	answer(404, { message: `The route ${path} could not be found.` });
const HTML_404 = answer(
	404,
	'<!DOCTYPE html><html><head><title>Not Found</title></head><body>404</body></html>',
);

/** The form memory is per Base URL and per process: each test gets its own Base URL. */
let baseCounter = 0;
let base = '';
beforeEach(() => {
	(sleep as unknown as jest.Mock).mockClear();
	base = `https://portal-${++baseCounter}.example.com`;
});

function ctx(http: ScriptedAnswer[], baseUrl = base): HookContext {
	return hookContext({ credentials: { apiKey: FAKE_API_KEY, baseUrl }, http });
}

function page(current: number, last: number, assistants: Array<{ id: unknown; uuid: string }>) {
	return ok({
		current_page: current,
		last_page: last,
		per_page: 100,
		total: last * 100,
		data: assistants.map((a) => ({ ...a, name: `Assistant ${String(a.id)}` })),
	});
}

const filler = (from: number, n: number) =>
	Array.from({ length: n }, (_, i) => ({
		id: from + i,
		uuid: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`,
	}));

function urls(context: HookContext): string[] {
	return context.mock.requests.map((r) => {
		const qs = r.options.qs
			? `?${new URLSearchParams(r.options.qs as Record<string, string>).toString()}`
			: '';
		return `${r.options.method} ${r.options.url.replace(base, '')}${qs}`;
	});
}

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	const outcome = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(outcome).toBeInstanceOf(NodeApiError);
	return outcome as NodeApiError;
}

function expectNoSecret(error: NodeApiError) {
	const text = `${error.message}\n${error.description ?? ''}\n${JSON.stringify(error.messages)}`;
	expect(text).not.toContain(FAKE_API_KEY);
	expect(text).not.toContain(TOKEN);
	expect(text).not.toContain(encodeURIComponent(TOKEN));
}

const PATH_ENABLE = `/api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook`;
const PATH_DISABLE = `/api/assistants/${ASSISTANT_ID}/disable-conversation-ended-webhook`;
const BODY_ENABLE = '/api/user/assistants/enable-conversation-ended-webhook';
const BODY_DISABLE = '/api/user/assistants/disable-conversation-ended-webhook';

describe('isUnknownRoute: which answers move on to the other form', () => {
	it.each([
		[
			'405 with Laravel text',
			405,
			{ message: 'The POST method is not supported for route api/x. Supported methods: GET.' },
		],
		['405 without body', 405, undefined],
		[
			"404 Laravel's route message",
			404,
			{
				message:
					'The route api/assistants/abc/enable-conversation-ended-webhook could not be found.',
			},
		],
		['404 bare Not Found', 404, { message: 'Not Found' }],
		['404 HTML page', 404, '<html><body>Not Found</body></html>'],
		['404 empty', 404, ''],
		['404 no body', 404, undefined],
		['404 plain text', 404, 'Cannot POST /api/assistants/x'],
	])('%s: unknown route', (_label, status, body) => {
		expect(isUnknownRoute({ status, body })).toBe(true);
	});

	it.each([
		['404 Assistant not found', 404, { message: 'Assistant not found' }],
		[
			"404 Laravel's model not found",
			404,
			{ message: 'No query results for model [App\\Models\\Assistant] 5' },
		],
		['404 error field', 404, { error: 'assistant does not exist' }],
		['400', 400, { message: 'Not Found' }],
		['401', 401, { message: 'Unauthenticated.' }],
		['422', 422, { message: 'The given data was invalid.' }],
		['500', 500, undefined],
		['200', 200, { message: 'ok' }],
	])('%s: not an unknown route', (_label, status, body) => {
		expect(isUnknownRoute({ status, body })).toBe(false);
	});
});

describe('Base URL memory key', () => {
	it('strips user-info and lower-cases the key, never keeps a password', () => {
		expect(baseUrlKey('https://User:Secret@Portal.Example.com')).toBe('https://portal.example.com');
	});
});

describe('enable', () => {
	it('path form answers: one request, {form: "path"}', async () => {
		const context = ctx([ok()]);
		await expect(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		).resolves.toEqual({ form: 'path' });
		expect(urls(context)).toEqual([`POST ${PATH_ENABLE}`]);
	});

	it.each([
		['Laravel route 404', LARAVEL_ROUTE_404(`api${PATH_ENABLE}`)],
		['HTML 404', HTML_404],
		['405', answer(405, { message: 'Method Not Allowed' })],
		['bare 404', answer(404, { message: 'Not Found' })],
	])(
		'%s on the path form: finds the integer id on page 2 of the list and uses the body form',
		async (_label, unknown) => {
			const context = ctx([
				unknown,
				page(1, 2, filler(1, 100)),
				page(2, 2, [...filler(101, 5), { id: 205, uuid: ASSISTANT_ID.toUpperCase() }]),
				ok({ message: 'Conversation ended webhook enabled successfully', data: [] }),
			]);
			await expect(
				enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
					stage: 'publish',
				}),
			).resolves.toEqual({
				form: 'body',
				assistantNumericId: 205,
			});
			expect(urls(context)).toEqual([
				`POST ${PATH_ENABLE}`,
				'GET /api/user/assistants/get?page=1&per_page=100',
				'GET /api/user/assistants/get?page=2&per_page=100',
				`POST ${BODY_ENABLE}`,
			]);
			expect(context.mock.requests[3].options.body).toEqual({
				assistant_id: 205,
				webhook_url: URL_WITH_TOKEN,
			});
			expect(context.mock.requests.every((r) => r.credentialType === 'intellixentApi')).toBe(true);
		},
	);

	it('remembers the body form per Base URL: the next call goes straight to it, another Base URL does not', async () => {
		const first = ctx([HTML_404, page(1, 1, [{ id: 9, uuid: ASSISTANT_ID }]), ok()]);
		await enableConversationEndedWebhook.call(first, ASSISTANT_ID, URL_WITH_TOKEN, {
			stage: 'publish',
		});

		const again = ctx([page(1, 1, [{ id: 9, uuid: ASSISTANT_ID }]), ok()]);
		await expect(
			enableConversationEndedWebhook.call(again, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		).resolves.toEqual({
			form: 'body',
			assistantNumericId: 9,
		});
		expect(urls(again)).toEqual([
			'GET /api/user/assistants/get?page=1&per_page=100',
			`POST ${BODY_ENABLE}`,
		]);

		// Same host, written differently (trailing slash, /api, user-info): the same memory.
		const sameHost = ctx(
			[page(1, 1, [{ id: 9, uuid: ASSISTANT_ID }]), ok()],
			`${base.toUpperCase()}/api/`,
		);
		await enableConversationEndedWebhook.call(sameHost, ASSISTANT_ID, URL_WITH_TOKEN, {
			stage: 'publish',
		});
		expect(sameHost.mock.requests.map((r) => r.options.url.toLowerCase())).toEqual([
			`${base}/api/user/assistants/get`,
			`${base}${BODY_ENABLE}`,
		]);

		const other = ctx([ok()], `${base}.other`);
		await enableConversationEndedWebhook.call(other, ASSISTANT_ID, URL_WITH_TOKEN, {
			stage: 'publish',
		});
		expect(other.mock.requests.map((r) => r.options.url)).toEqual([`${base}.other${PATH_ENABLE}`]);
	});

	it('a preferred body form with its id skips both the path form and the list', async () => {
		const context = ctx([ok()]);
		await expect(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				prefer: { form: 'body', assistantNumericId: 42 },
				stage: 'publish',
			}),
		).resolves.toEqual({ form: 'body', assistantNumericId: 42 });
		expect(urls(context)).toEqual([`POST ${BODY_ENABLE}`]);
		expect(context.mock.requests[0].options.body).toEqual({
			assistant_id: 42,
			webhook_url: URL_WITH_TOKEN,
		});
	});

	it('a remembered form that now answers "unknown route" falls back to the other one', async () => {
		const context = ctx([answer(405, {}), ok()]);
		await expect(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				prefer: { form: 'body', assistantNumericId: 42 },
				stage: 'publish',
			}),
		).resolves.toEqual({ form: 'path' });
		expect(urls(context)).toEqual([`POST ${BODY_ENABLE}`, `POST ${PATH_ENABLE}`]);
	});

	it('"assistant not found" from the path form is reported as before, without trying the body form', async () => {
		const context = ctx([answer(404, { message: 'Assistant not found' })]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(error).not.toBeInstanceOf(WebhookRouteNotFoundError);
		expect(error.message).toBe(
			`Could not register the webhook with Intellixent: assistant ${ASSISTANT_ID} was not found in this Intellixent account (404)`,
		);
		expect(error.description).not.toContain('Forms tried');
		expect(context.mock.requests).toHaveLength(1);
	});

	it('neither form served: a specific 404 that names both requests and what each answered, no secret', async () => {
		const echo = `The route api/assistants/${ASSISTANT_ID}/enable-conversation-ended-webhook?token=${encodeURIComponent(TOKEN)}&key=${FAKE_API_KEY} could not be found.`;
		const context = ctx([
			answer(404, { message: echo }),
			page(1, 1, [{ id: 127, uuid: ASSISTANT_ID }]),
			HTML_404,
		]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(error).toBeInstanceOf(WebhookRouteNotFoundError);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe(
			`Could not register the webhook with Intellixent: Intellixent at ${base} serves neither documented form of enable-conversation-ended-webhook`,
		);
		expect(error.description).toContain(
			`Forms tried: 1) the path form POST ${PATH_ENABLE} answered 404 "The route api/assistants/`,
		);
		expect(error.description).toContain(
			`2) the body form POST ${BODY_ENABLE} {assistant_id: 127} answered 404 (an HTML page)`,
		);
		expect(error.description).toContain("Check the credential's Base URL");
		expectNoSecret(error);
	});

	it('a real failure after the fallback keeps its own message and lists the forms tried', async () => {
		const context = ctx([
			answer(405, { message: 'The POST method is not supported for route api/assistants/x.' }),
			page(1, 1, [{ id: 127, uuid: ASSISTANT_ID }]),
			answer(422, {
				message: 'The given data was invalid.',
				errors: { webhook_url: ['The webhook url must be a valid URL.'] },
			}),
		]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(error.httpCode).toBe('422');
		expect(error.message).toContain(
			'Intellixent refused the request (422: webhook_url: The webhook url must be a valid URL.)',
		);
		expect(error.description).toContain('Forms tried: 1) the path form');
		expect(error.description).toContain('answered 405 "The POST method is not supported');
		expect(error.description).toContain(
			`2) the body form POST ${BODY_ENABLE} {assistant_id: 127} answered 422 "The given data was invalid."`,
		);
		expectNoSecret(error);
	});

	it("a failing assistants list after the fallback says so, with the path form's answer", async () => {
		const context = ctx([HTML_404, answer(401, { message: 'Unauthenticated.' })]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(error.message).toContain('Could not list the assistants');
		expect(error.message).toContain('401');
		expect(error.description).toContain('Forms tried: 1) the path form');
		expect(error.description).toContain('answered 404 (an HTML page)');
	});

	it('a UUID missing from every page of the list: assistant not found (404), after reading each page once', async () => {
		const context = ctx([
			HTML_404,
			page(1, 3, filler(1, 100)),
			page(2, 3, filler(101, 100)),
			page(3, 3, filler(201, 7)),
		]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(error.httpCode).toBe('404');
		expect(error).not.toBeInstanceOf(WebhookRouteNotFoundError);
		expect(error.message).toBe(
			`Could not register the webhook with Intellixent: assistant ${ASSISTANT_ID} was not found in the assistants list of this Intellixent account (404)`,
		);
		expect(error.description).toContain('Choose the assistant again from the list');
		expect(error.description).toContain('Forms tried: 1) the path form');
		expect(context.mock.requests).toHaveLength(4);
	});

	it('stops paging at 100 pages when the list never ends (or lies about last_page)', async () => {
		const pages = Array.from({ length: 100 }, (_, i) => page(1, 1000, filler(i * 100 + 1, 100)));
		const context = ctx([HTML_404, ...pages]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(error.message).toContain('was not found among the first 10000 assistants');
		expect(context.mock.requests).toHaveLength(101);
	});

	it('an empty page ends the search early', async () => {
		const context = ctx([HTML_404, page(1, 50, [])]);
		await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(context.mock.requests).toHaveLength(2);
	});

	it('an id the body form cannot use is a specific error', async () => {
		const context = ctx([HTML_404, page(1, 1, [{ id: 'abc', uuid: ASSISTANT_ID }])]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(error.message).toBe(
			`Could not register the webhook with Intellixent: Intellixent listed assistant ${ASSISTANT_ID} without an integer id`,
		);
		expect(error.description).toContain('"abc"');
	});

	it("the list's id is quoted redacted, on one line and shortened", async () => {
		const id = `${URL_WITH_TOKEN} ${FAKE_API_KEY}\n${'x'.repeat(10_000)}`;
		const context = ctx([HTML_404, page(1, 1, [{ id, uuid: ASSISTANT_ID }])]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		const description = error.description ?? '';
		expect(description).not.toContain(TOKEN);
		expect(description).not.toContain(FAKE_API_KEY);
		expect(description).not.toContain('\n');
		expect(description.length).toBeLessThan(400);
	});

	it('accepts an integer id sent as a numeric string', async () => {
		const context = ctx([HTML_404, page(1, 1, [{ id: '77', uuid: ASSISTANT_ID }]), ok()]);
		await expect(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		).resolves.toEqual({
			form: 'body',
			assistantNumericId: 77,
		});
		expect(context.mock.requests[2].options.body).toEqual({
			assistant_id: 77,
			webhook_url: URL_WITH_TOKEN,
		});
	});

	it('a transient failure of the path form is retried and reported, never a reason to switch forms', async () => {
		const context = ctx([answer(503, {}), answer(503, {}), answer(503, {})]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, {
				stage: 'publish',
			}),
		);
		expect(error.httpCode).toBe('503');
		expect(urls(context)).toEqual([
			`POST ${PATH_ENABLE}`,
			`POST ${PATH_ENABLE}`,
			`POST ${PATH_ENABLE}`,
		]);
	});
});

describe('disable', () => {
	it('path form: POST with no body', async () => {
		const context = ctx([ok()]);
		await expect(
			disableConversationEndedWebhook.call(context, ASSISTANT_ID, { stage: 'publish' }),
		).resolves.toEqual({
			form: 'path',
		});
		expect(urls(context)).toEqual([`POST ${PATH_DISABLE}`]);
		expect(context.mock.requests[0].options.body).toBeUndefined();
	});

	it('with the form that enabled (body, id known): {assistant_id} only, no list', async () => {
		const context = ctx([
			ok({ message: 'Conversation ended webhook disabled successfully', data: [] }),
		]);
		await disableConversationEndedWebhook.call(context, ASSISTANT_ID, {
			prefer: { form: 'body', assistantNumericId: 205 },
			stage: 'publish',
		});
		expect(urls(context)).toEqual([`POST ${BODY_DISABLE}`]);
		expect(context.mock.requests[0].options.body).toEqual({ assistant_id: 205 });
	});

	it('falls back like enable does, and says "remove" in its messages', async () => {
		const context = ctx([
			LARAVEL_ROUTE_404(`api${PATH_DISABLE}`),
			page(1, 1, [{ id: 3, uuid: ASSISTANT_ID }]),
			answer(405, {}),
		]);
		const error = await failure(
			disableConversationEndedWebhook.call(context, ASSISTANT_ID, { stage: 'publish' }),
		);
		expect(error).toBeInstanceOf(WebhookRouteNotFoundError);
		expect(error.httpCode).toBe('405');
		expect(error.message).toContain('Could not remove the webhook from Intellixent');
		expect(error.message).toContain('disable-conversation-ended-webhook');
		expect(error.description).toContain(
			`2) the body form POST ${BODY_DISABLE} {assistant_id: 3} answered 405 (no message)`,
		);
	});
});

describe('the assistants list looked up for the body form gives advice for who asked', () => {
	const busyList = () =>
		Array.from({ length: DEFAULT_RETRY_POLICY.attempts }, () =>
			answer(429, { message: 'Too Many Attempts.' }),
		);

	it.each([
		['an action node (stage run)', 'run' as const, 'run the node again', 'publish'],
		['a publish', 'publish' as const, 'publish the workflow again', 'run the node'],
	])('%s', async (_label, stage, said, notSaid) => {
		const context = ctx([HTML_404, ...busyList()]);
		const error = await failure(
			enableConversationEndedWebhook.call(context, ASSISTANT_ID, URL_WITH_TOKEN, { stage }),
		);
		expect(error.message).toContain('Could not list the assistants');
		expect(error.description).toContain(said);
		expect(error.description).not.toContain(notSaid);
	});
});
