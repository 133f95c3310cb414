/**
 * A small, typed stand-in for n8n's hook / load-options context, to call the trigger's
 * `webhookMethods.default.*` and `methods.listSearch.*` (and the API client) with `this` set.
 *
 * Same idea as n8n's own trigger tests (a mock of IHookFunctions with getNodeParameter backed by
 * the parameters object, a shared static-data object and `helpers.httpRequestWithAuthentication`
 * as a jest.fn), without jest-mock-extended: every member the code may use is implemented here,
 * so anything else fails loudly instead of silently returning undefined.
 *
 * HTTP is scripted: `http` is a queue of answers (`{ statusCode, headers, body }`) or errors to
 * throw, consumed one per request. A request with nothing left in the queue throws, so a test
 * that expects no request fails if one is made. Every request is recorded in `mock.requests`.
 *
 * Unauthenticated `helpers.httpRequest` calls (the test-listen probe of the production URL) have
 * their own queue, `plainHttp`, recorded in `mock.plainRequests`; when it is empty they get what
 * n8n answers for a webhook nobody registered: 404.
 *
 * To make retries instant, call `instantSleep()` once in the test file; read the requested waits
 * with `requestedWaits()` (both from this folder's index).
 */
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeParameters,
	WorkflowActivateMode,
} from 'n8n-workflow';

import {
	credentialGetter,
	fakeLogger,
	loggedLines,
	lookup,
	NODE_CREDENTIALS,
	readParameter,
	staticDataGetter,
	type FakeLogger,
	type LogLevel,
} from './core';

export const FAKE_API_KEY = 'fake-key-for-tests';
export const NODE_WEBHOOK_ID = '4b0c8a3e-2f1d-4c5b-9a7e-6d5f4e3c2b1a';
export const ASSISTANT_ID = 'a7b3c942-5f1e-4d28-8c59-2e4f7a8b9c3d';
export const OTHER_ASSISTANT_ID = 'f9e8d7c6-b5a4-3210-fedc-ba9876543210';
export const PRODUCTION_URL = `https://n8n.example.com/webhook/${NODE_WEBHOOK_ID}/webhook`;
export const TEST_URL = `https://n8n.example.com/webhook-test/${NODE_WEBHOOK_ID}/webhook`;

/** One scripted HTTP answer (n8n's full response with `returnFullResponse: true`). */
interface ScriptedResponse {
	statusCode: number;
	headers?: Record<string, string | string[]>;
	body?: unknown;
}

export type ScriptedAnswer = ScriptedResponse | Error;

interface RecordedRequest {
	credentialType: string;
	options: IHttpRequestOptions;
}

interface IntellixentCredentialData {
	apiKey: string;
	baseUrl?: string;
}

export interface HookContextOptions {
	parameters?: IDataObject;
	credentials?: IntellixentCredentialData;
	/** The URL n8n gives for the `default` webhook; `null` for "no URL". */
	webhookUrl?: string | null;
	activationMode?: WorkflowActivateMode;
	workflowActive?: boolean;
	staticData?: IDataObject;
	node?: Partial<INode>;
	/** `getWorkflow().id`; defaults to 'wf-1'. */
	workflowId?: string;
	/** Answers for `helpers.httpRequestWithAuthentication` (the Intellixent API). */
	http?: ScriptedAnswer[];
	/** Answers for `helpers.httpRequest` (unauthenticated); default: 404 not registered. */
	plainHttp?: ScriptedAnswer[];
}

interface HookContextMock {
	/** Every call of httpRequestWithAuthentication, in order. */
	requests: RecordedRequest[];
	/** Every call of helpers.httpRequest (no credential), in order. */
	plainRequests: IHttpRequestOptions[];
	/** What is left of the scripted answers; push more with `respond`. */
	queue: ScriptedAnswer[];
	respond(...answers: ScriptedAnswer[]): void;
	/** The object getWorkflowStaticData('node') returns, every time. */
	staticData: IDataObject;
	logger: FakeLogger;
	http: jest.Mock;
	plainHttp: jest.Mock;
	/** Everything logged, one string per call (message plus any metadata as JSON). */
	logged(level?: LogLevel): string[];
}

export type HookContext = IHookFunctions & ILoadOptionsFunctions & { mock: HookContextMock };

export function defaultParameters(assistantId = ASSISTANT_ID): IDataObject {
	return {
		assistant: { __rl: true, mode: 'id', value: assistantId },
		channel: 'all',
		outputShape: 'conversation',
		options: {},
	};
}

/** `{ statusCode, headers, body }` helpers. */
export function ok(body: unknown = { message: 'ok', data: [] }): ScriptedResponse {
	return { statusCode: 200, headers: {}, body };
}

export function answer(
	statusCode: number,
	body?: unknown,
	headers: Record<string, string> = {},
): ScriptedResponse {
	return { statusCode, headers, body };
}

/** A Node-style network error, e.g. `networkError('ECONNRESET', 'socket hang up')`. */
export function networkError(code: string, message = `connect ${code}`): Error {
	return Object.assign(new Error(message), { code });
}

export function hookContext(options: HookContextOptions = {}): HookContext {
	const parameters = options.parameters ?? defaultParameters();
	const credentials = options.credentials ?? {
		apiKey: FAKE_API_KEY,
		baseUrl: 'https://portal.intellixent.ai',
	};
	const webhookUrl = options.webhookUrl === undefined ? PRODUCTION_URL : options.webhookUrl;
	const activationMode = options.activationMode ?? 'activate';
	const staticData = options.staticData ?? {};
	const node: INode = {
		id: 'node-1',
		name: 'Intellixent Trigger',
		type: 'n8n-nodes-intellixent.intellixentTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: NODE_WEBHOOK_ID,
		credentials: NODE_CREDENTIALS,
		...options.node,
		parameters: parameters as INodeParameters,
	};

	const requests: RecordedRequest[] = [];
	const queue: ScriptedAnswer[] = [...(options.http ?? [])];
	const http = jest.fn(async (credentialType: string, requestOptions: IHttpRequestOptions) => {
		requests.push({ credentialType, options: requestOptions });
		const next = queue.shift();
		if (next === undefined) {
			throw new Error(
				`hookContext: unexpected request ${requestOptions.method ?? 'GET'} ${requestOptions.url} (no scripted answer left)`,
			);
		}
		if (next instanceof Error) throw next;
		return { headers: {}, body: undefined, ...next };
	});

	const plainRequests: IHttpRequestOptions[] = [];
	const plainQueue: ScriptedAnswer[] = [...(options.plainHttp ?? [])];
	const plainHttp = jest.fn(async (requestOptions: IHttpRequestOptions) => {
		plainRequests.push(requestOptions);
		const next = plainQueue.shift() ?? {
			statusCode: 404,
			body: { code: 404, message: 'The requested webhook is not registered.' },
		};
		if (next instanceof Error) throw next;
		return { headers: {}, body: undefined, ...next };
	});

	const logger = fakeLogger();

	const mock: HookContextMock = {
		requests,
		plainRequests,
		queue,
		respond: (...answers) => {
			queue.push(...answers);
		},
		staticData,
		logger,
		http,
		plainHttp,
		logged: (level) => loggedLines(logger, level),
	};

	const context = {
		mock,
		logger,
		getNode: () => node,
		getWebhookName: () => 'default',
		getNodeWebhookUrl: (name: string) =>
			name === 'default' && webhookUrl !== null ? webhookUrl : undefined,
		getActivationMode: () => activationMode,
		getMode: () => (activationMode === 'manual' ? 'manual' : 'trigger'),
		getWorkflow: () => ({
			id: options.workflowId ?? 'wf-1',
			name: 'Intellixent test workflow',
			active: options.workflowActive ?? false,
		}),
		getWorkflowStaticData: staticDataGetter(staticData),
		getCredentials: credentialGetter({ ...credentials }, node.name),
		getNodeParameter: jest.fn(
			(name: string, fallback?: unknown, parameterOptions?: { extractValue?: boolean }) =>
				readParameter(parameters, name, fallback, parameterOptions),
		),
		getCurrentNodeParameter: (name: string) => lookup(parameters, name),
		getCurrentNodeParameters: () => parameters,
		getTimezone: () => 'UTC',
		helpers: {
			httpRequestWithAuthentication: http,
			httpRequest: plainHttp,
		},
	};
	return context as unknown as HookContext;
}
