/**
 * Publish and unpublish (the trigger's create() and delete()) against the Intellixent emulator
 * with injected faults, through n8n-core's own HTTP helpers (`getRequestHelperFunctions`: the
 * same axios stack, error wrapping and timeouts n8n uses at run time). Only the credential
 * plumbing is local: the credential's `authenticate` header is applied from the credential class
 * (test/helpers/fakeContext, realRequestHelpers).
 *
 * Each fault is real: the emulator answers 401/404/422/429 (with Retry-After)/500, redirects to
 * another origin, answers 2xx with a page that is not Intellixent's JSON, echoes secrets, holds
 * the answer longer than the client timeout, or destroys the socket.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { startEmulator, type Emulator, type FaultSpec } from '../../tools/emulator';
import {
	defaultParameters,
	hookContext,
	realRequestHelpers,
	type HookContext,
} from '../helpers/fakeContext';
import { deliveryToken } from '../../nodes/IntellixentTrigger/deliveryToken';
import * as api from '../../nodes/shared/intellixentApi';
import { triggerNodeId } from '../../nodes/IntellixentTrigger/registration';
import { IntellixentTrigger } from '../../nodes/IntellixentTrigger/IntellixentTrigger.node';

const API_KEY = 'ix-faults-key-8c2d';
const hooks = new IntellixentTrigger().webhookMethods.default;
/** Short client timeouts and waits, so timeouts and retries are real but quick. */
const FAST_POLICY = { attempts: 3, baseDelayMs: 50, maxDelayMs: 1500, timeoutMs: 800 };

let emulator: Emulator;
/** Another origin, which records everything it receives (a redirect's target). */
let elsewhere: {
	url: string;
	received: Array<{ method?: string; url?: string; authorization?: string; body: string }>;
};
let elsewhereServer: http.Server;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, apiKey: API_KEY });
	const received: typeof elsewhere.received = [];
	elsewhereServer = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push({
				method: req.method,
				url: req.url,
				authorization: req.headers.authorization,
				body,
			});
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"message":"ok","data":[]}');
		});
	});
	await new Promise<void>((resolve) => elsewhereServer.listen(0, '127.0.0.1', resolve));
	elsewhere = {
		url: `http://localhost:${(elsewhereServer.address() as AddressInfo).port}`,
		received,
	};
});
afterAll(async () => {
	await emulator.close();
	await new Promise((resolve) => elsewhereServer.close(resolve));
});
beforeEach(() => {
	elsewhere.received.length = 0;
	emulator.reset();
	emulator.clearFaults();
	jest.restoreAllMocks();
	// The production retry policy, with shorter waits and timeout (same attempts).
	jest.replaceProperty(api, 'DEFAULT_RETRY_POLICY', FAST_POLICY);
});

/** A hook context whose HTTP helpers are n8n-core's real ones, talking to the emulator. */
function realHttpContext(
	apiKey = API_KEY,
	options: Parameters<typeof hookContext>[0] = {},
): HookContext {
	const assistantId = emulator.assistants[0].uuid;
	const ctx = hookContext({
		parameters: defaultParameters(assistantId),
		credentials: { apiKey, baseUrl: emulator.url },
		webhookUrl: 'http://127.0.0.1:5678/webhook/4b0c8a3e-2f1d-4c5b-9a7e-6d5f4e3c2b1a/webhook',
		...options,
	});
	(ctx as any).helpers = realRequestHelpers(ctx, ctx.getNode() as INode);
	return ctx;
}

const assistant = () => emulator.assistants[0].uuid;
/** The delivery token this context would register (the same derivation as the trigger). */
const tokenFor = (ctx: HookContext) =>
	deliveryToken(API_KEY, { webhookId: triggerNodeId(ctx.getNode()), assistantId: assistant() });
const attemptsAt = (endpoint: 'enable' | 'disable') =>
	emulator.requests().filter((r) => r.path.endsWith(`/${endpoint}-conversation-ended-webhook`));

async function publishError(ctx: HookContext): Promise<NodeApiError> {
	const error = await hooks.create.call(ctx).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	const apiError = error as NodeApiError;
	for (const text of [apiError.message, apiError.description ?? '']) {
		expect(text).not.toContain(API_KEY);
		expect(text).not.toMatch(/token=[^*]/);
		expect(text).not.toMatch(/undefined|\n\s+at /);
	}
	return apiError;
}

function inject(endpoint: 'enable' | 'disable', fault: Omit<FaultSpec, 'endpoint'>) {
	emulator.injectFault({ endpoint, ...fault });
}

describe('publish (create) against the emulator, through n8n-core HTTP', () => {
	it('registers the webhook with the Bearer key', async () => {
		const ctx = realHttpContext();
		await expect(hooks.create.call(ctx)).resolves.toBe(true);
		expect(emulator.registrations()[assistant()].webhook_url).toMatch(
			/\/webhook\/.+\/webhook\?token=/,
		);
		expect(attemptsAt('enable')).toEqual([
			expect.objectContaining({ method: 'POST', authorization: `Bearer ${API_KEY}`, status: 200 }),
		]);
	});

	it('401 (wrong key): fails at once, says the key was rejected', async () => {
		const error = await publishError(realHttpContext('wrong-key'));
		expect(error.message).toMatch(/rejected the API key \(401 Unauthenticated\)/);
		expect(attemptsAt('enable')).toHaveLength(1);
	});

	it('404 (unknown assistant): fails at once, names the assistant', async () => {
		const missing = '00000000-0000-4000-8000-00000000abcd';
		const error = await publishError(
			realHttpContext(API_KEY, { parameters: defaultParameters(missing) }),
		);
		expect(error.message).toContain(`assistant ${missing} was not found`);
		expect(attemptsAt('enable')).toHaveLength(1);
	});

	it('422 (Intellixent refuses the URL): fails at once with the validation detail and the WEBHOOK_URL hint', async () => {
		inject('enable', {
			kind: 'status',
			status: 422,
			body: {
				message: 'The webhook url field must be a valid URL.',
				errors: { webhook_url: ['The webhook url field must be a valid URL.'] },
			},
		});
		const error = await publishError(realHttpContext());
		expect(error.message).toContain('422: webhook_url: The webhook url field must be a valid URL.');
		expect(error.description).toContain('WEBHOOK_URL');
		expect(attemptsAt('enable')).toHaveLength(1);
	});

	it('429 with Retry-After: waits as told, then succeeds', async () => {
		inject('enable', { kind: 'status', status: 429, retryAfter: 1 });
		const started = Date.now();
		await expect(hooks.create.call(realHttpContext())).resolves.toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(attemptsAt('enable').map((r) => r.status)).toEqual([429, 200]);
	});

	it('429 on every attempt: gives up after 3 attempts, says rate-limiting', async () => {
		inject('enable', { kind: 'status', status: 429, retryAfter: 0, times: -1 });
		const error = await publishError(realHttpContext());
		expect(error.message).toMatch(/rate-limiting requests \(429, tried 3 times\)/);
		expect(attemptsAt('enable')).toHaveLength(3);
	});

	it('500 once: retried, then succeeds', async () => {
		inject('enable', { kind: 'status', status: 500 });
		await expect(hooks.create.call(realHttpContext())).resolves.toBe(true);
		expect(attemptsAt('enable').map((r) => r.status)).toEqual([500, 200]);
	});

	it('500 on every attempt: gives up after 3 attempts, says server error', async () => {
		inject('enable', { kind: 'status', status: 500, times: -1 });
		const error = await publishError(realHttpContext());
		expect(error.message).toMatch(/server error \(500, tried 3 times\)/);
		expect(attemptsAt('enable')).toHaveLength(3);
	});

	it('a dropped connection: retried, then succeeds', async () => {
		inject('enable', { kind: 'drop' });
		await expect(hooks.create.call(realHttpContext())).resolves.toBe(true);
		expect(attemptsAt('enable').map((r) => r.status)).toEqual(['dropped', 200]);
	});

	it('dropped on every attempt: gives up after 3 attempts, says Intellixent could not be reached', async () => {
		inject('enable', { kind: 'drop', times: -1 });
		const error = await publishError(realHttpContext());
		expect(error.message).toMatch(/could not be reached \(ECONNRESET\)/);
		expect(error.description).toContain('Tried 3 times');
		expect(attemptsAt('enable')).toHaveLength(3);
	});

	it('an answer slower than the timeout: retried, then succeeds', async () => {
		inject('enable', { kind: 'delay', delayMs: FAST_POLICY.timeoutMs + 700 });
		await expect(hooks.create.call(realHttpContext())).resolves.toBe(true);
		expect(attemptsAt('enable').length).toBeGreaterThanOrEqual(2);
	});

	it('slower than the timeout on every attempt: gives up after 3 attempts with a readable reason', async () => {
		inject('enable', { kind: 'delay', delayMs: FAST_POLICY.timeoutMs + 700, times: -1 });
		const error = await publishError(realHttpContext());
		expect(error.message).toMatch(/could not be reached \((ECONNABORTED|ETIMEDOUT)\)/);
		expect(attemptsAt('enable')).toHaveLength(3);
	});
});

describe('publish against a Base URL that is not the Intellixent API, through n8n-core HTTP', () => {
	it.each([301, 302, 303, 307, 308])(
		'a %i redirect to another origin: not followed, the error names the target host, nothing reaches it',
		async (status) => {
			inject('enable', {
				kind: 'redirect',
				status,
				location: `${elsewhere.url}/api/steal?from=intellixent`,
			});
			const error = await publishError(realHttpContext());
			expect(error.message).toContain(
				`answered with a redirect (${status}) to ${elsewhere.url}, which was not followed`,
			);
			expect(error.message).not.toContain('/api/steal');
			expect(error.description).toContain('Base URL');
			expect(elsewhere.received).toEqual([]);
			expect(attemptsAt('enable')).toHaveLength(1);
			expect(emulator.registrations()[assistant()]).toBeUndefined();
		},
	);

	it.each<[string, Omit<FaultSpec, 'endpoint'>, string]>([
		[
			'an HTML login page',
			{
				kind: 'status',
				status: 200,
				body: '<!doctype html><title>Sign in</title>',
				contentType: 'text/html; charset=utf-8',
			},
			'text/html content',
		],
		['an empty 204', { kind: 'status', status: 204, body: '' }, 'an empty body'],
		['a JSON list', { kind: 'status', status: 200, body: [] }, 'a JSON list'],
	])(
		'2xx with %s: an error, "this is not the Intellixent API at …", nothing recorded',
		async (_name, fault, what) => {
			inject('enable', fault);
			const error = await publishError(realHttpContext());
			expect(error.message).toContain(
				`this is not the Intellixent API at ${emulator.url} (it answered`,
			);
			expect(error.message).toContain(`with ${what} instead of Intellixent's JSON`);
			expect(attemptsAt('enable')).toHaveLength(1);
			expect(emulator.registrations()[assistant()]).toBeUndefined();
		},
	);

	it('an echo of the Authorization header and of the registered URL (raw, encoded, in JSON) is redacted', async () => {
		const ctx = realHttpContext();
		const token = tokenFor(ctx);
		const echo = `Authorization: Bearer ${API_KEY}; webhook ${encodeURIComponent(`https://n/w?token=${token}`)}; {"t":"${token}"}; &amp;token=${token}`;
		inject('enable', { kind: 'status', status: 400, body: { message: echo } });
		const error = await publishError(ctx);
		expect(error.message).toContain('Intellixent answered 400 (Authorization: Bearer ***;');
		expect(`${error.message} ${error.description}`).not.toContain(token);
	});

	it('a Base URL with user-info is refused before any request, and the password is not printed', async () => {
		const withUser = emulator.url.replace('http://', 'http://admin:hunter2@');
		const ctx = realHttpContext(API_KEY, { credentials: { apiKey: API_KEY, baseUrl: withUser } });
		const error = await hooks.create.call(ctx).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		// A publish error carries its advice in the message too (publishErrors.ts).
		expect(error?.message).toMatch(
			/^The Base URL of the Intellixent API credential cannot be used\. .*contains a user name or password/,
		);
		expect(error?.description).toContain('contains a user name or password');
		expect(`${error?.message} ${error?.description}`).not.toContain('hunter2');
		expect(emulator.requests()).toEqual([]);
	});
});

describe('unpublish (delete) against the emulator, through n8n-core HTTP: never blocks', () => {
	/** Publishes for real, then returns the context to unpublish with (same static data). */
	async function published(apiKey = API_KEY) {
		const publisher = realHttpContext(API_KEY);
		await expect(hooks.create.call(publisher)).resolves.toBe(true);
		expect(emulator.registrations()[assistant()]).toBeDefined();
		return realHttpContext(apiKey, { staticData: publisher.mock.staticData });
	}

	it('disables the webhook', async () => {
		const ctx = await published();
		await expect(hooks.delete.call(ctx)).resolves.toBe(true);
		expect(emulator.registrations()[assistant()]).toBeUndefined();
		expect(ctx.mock.staticData).toEqual({});
	});

	it('404 (assistant gone) counts as done', async () => {
		const ctx = await published();
		inject('disable', { kind: 'status', status: 404, body: { message: 'Assistant not found.' } });
		await expect(hooks.delete.call(ctx)).resolves.toBe(true);
		expect(ctx.mock.staticData).toEqual({});
	});

	it.each<[string, Omit<FaultSpec, 'endpoint'>, RegExp]>([
		['500', { kind: 'status', status: 500, times: -1 }, /server error \(500/],
		[
			'429 with Retry-After',
			{ kind: 'status', status: 429, retryAfter: 1, times: -1 },
			/rate-limiting/,
		],
		['a dropped connection', { kind: 'drop', times: -1 }, /could not be reached/],
		['a timeout', { kind: 'delay', delayMs: 9000, times: -1 }, /could not be reached/],
	])(
		'%s: resolves (never throws), warns naming the assistant, keeps the record',
		async (_name, fault, reason) => {
			const ctx = await published();
			inject('disable', fault);
			const started = Date.now();
			await expect(hooks.delete.call(ctx)).resolves.toBe(false);
			// Unpublishing is bounded: 2 attempts of at most 8 s each.
			expect(Date.now() - started).toBeLessThan(20000);
			expect(attemptsAt('disable').length).toBeLessThanOrEqual(2);
			const warnings = ctx.mock.logged('warn');
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toContain(assistant());
			expect(warnings[0]).toMatch(reason);
			expect(warnings.join('\n')).not.toContain(API_KEY);
			expect(ctx.mock.staticData.registration).toBeDefined();
		},
		30000,
	);

	it('401 (key changed since publishing): resolves false, says the key was rejected', async () => {
		const ctx = await published('a-key-revoked-since');
		await expect(hooks.delete.call(ctx)).resolves.toBe(false);
		expect(ctx.mock.logged('warn')[0]).toMatch(/rejected the API key/);
		expect(ctx.mock.logged().join('\n')).not.toContain('a-key-revoked-since');
	});
});
