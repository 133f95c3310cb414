/**
 * A hand-built `this` for the trigger's `webhook()` method, after the pattern of n8n's own
 * `testWebhookTriggerNode` test helper (in n8n's repository, not published to npm), with the real
 * `returnJsonArray` from n8n-core. Everything the handler writes is recorded for assertions:
 * `ctx.sent` (status codes and JSON bodies written to the response) and `ctx.logger` (jest fns).
 */
import { returnJsonArray } from 'n8n-core';
import type {
	IDataObject,
	INode,
	IWebhookFunctions,
	IWebhookResponseData,
	IWorkflowMetadata,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { deliveryToken } from '../../../nodes/IntellixentTrigger/deliveryToken';
import { IntellixentTrigger } from '../../../nodes/IntellixentTrigger/IntellixentTrigger.node';

import {
	credentialGetter,
	fakeLogger,
	isResourceLocator,
	lookup,
	readParameter,
	staticDataGetter,
	type FakeLogger,
} from './core';

/** The assistant of the vendor's example payload (`test/fixtures/widget.json`). */
export const TEST_ASSISTANT_ID = 'f9e8d7c6-b5a4-3210-fedc-ba9876543210';
export const TEST_WEBHOOK_ID = '5d0c7a4e-1b2f-4c3d-9e8f-a0b1c2d3e4f5';
const TEST_WORKFLOW_ID = 'wf-unit-delivery';
/** Not a real key; deliberately not token-shaped. */
export const TEST_API_KEY = 'unit-test-api-key';

export interface WebhookContextOptions {
	/** Node parameters, shallow-merged over a valid default (assistant by ID, all channels, conversation shape). */
	parameters?: IDataObject;
	/** The `intellixentApi` credential; `null` makes `getCredentials` throw as n8n does without one. */
	credentials?: IDataObject | null;
	/** What n8n parsed (`getBodyData()`); defaults to `{}`. */
	body?: unknown;
	/**
	 * `req.rawBody`. Defaults to `JSON.stringify(body)` when a body is given; `null` for no raw body.
	 */
	rawBody?: string | Buffer | null;
	/** Query parameters; defaults to `{ token: <the valid delivery token> }`. */
	query?: IDataObject;
	headers?: IDataObject;
	mode?: WorkflowExecuteMode;
	/** The node's static data (`getWorkflowStaticData('node')`); share one object between contexts to share it. */
	staticData?: IDataObject;
	node?: Partial<INode>;
	workflow?: Partial<IWorkflowMetadata>;
}

interface SentResponse {
	/** Every `status(code)` call, in order. */
	statusCodes: number[];
	/** Every `json(body)` call, in order. */
	jsonBodies: unknown[];
	/** Everything else written (`send`, `end`). */
	otherWrites: unknown[];
}

/** The part of an express response the handler may use; every call is recorded in `sent`. */
interface MockResponse {
	headersSent: boolean;
	status: jest.Mock<MockResponse, [number]>;
	json: jest.Mock<MockResponse, [unknown]>;
	send: jest.Mock<MockResponse, [unknown]>;
	end: jest.Mock<MockResponse, [unknown?]>;
	setHeader: jest.Mock<MockResponse, unknown[]>;
}

export type WebhookTestContext = IWebhookFunctions & {
	sent: SentResponse;
	mockLogger: FakeLogger;
	staticData: IDataObject;
	/** The token the handler expects for this context's credential, node and assistant. */
	validToken: string;
};

const DEFAULT_PARAMETERS: IDataObject = {
	assistant: { __rl: true, mode: 'id', value: TEST_ASSISTANT_ID },
	channel: 'all',
	outputShape: 'conversation',
	options: {},
};

function testNode(
	overrides: Partial<INode> = {},
	parameters: IDataObject = DEFAULT_PARAMETERS,
): INode {
	return {
		id: 'b2e4f6a8-0000-4000-8000-000000000001',
		name: 'Intellixent Trigger',
		type: 'n8n-nodes-intellixent.intellixentTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: TEST_WEBHOOK_ID,
		parameters: parameters as INode['parameters'],
		...overrides,
	};
}

export function webhookContext(options: WebhookContextOptions = {}): WebhookTestContext {
	const parameters: IDataObject = { ...DEFAULT_PARAMETERS, ...(options.parameters ?? {}) };
	const credentials =
		options.credentials === undefined
			? { apiKey: TEST_API_KEY, baseUrl: 'http://127.0.0.1:9' }
			: options.credentials;
	const node = testNode(options.node, parameters);
	const workflow = {
		id: TEST_WORKFLOW_ID,
		name: 'Unit delivery tests',
		active: true,
		...(options.workflow ?? {}),
	};
	const staticData = options.staticData ?? {};
	const body = options.body === undefined ? {} : options.body;
	const rawBodyInput =
		options.rawBody === undefined
			? options.body === undefined
				? null
				: JSON.stringify(options.body)
			: options.rawBody;
	const rawBody =
		rawBodyInput === null || rawBodyInput === undefined
			? undefined
			: Buffer.isBuffer(rawBodyInput)
				? rawBodyInput
				: Buffer.from(rawBodyInput, 'utf8');

	const assistant = lookup(parameters, 'assistant');
	const assistantId = String(isResourceLocator(assistant) ? assistant.value : (assistant ?? ''));
	const validToken = deliveryToken(String(credentials?.apiKey ?? ''), {
		webhookId: node.webhookId ?? node.id,
		assistantId: assistantId.trim(),
	});
	const query = options.query ?? { token: validToken };
	const headers = { 'content-type': 'application/json', ...(options.headers ?? {}) };

	const sent: SentResponse = { statusCodes: [], jsonBodies: [], otherWrites: [] };
	const response: MockResponse = {
		headersSent: false,
		status: jest.fn((code: number) => {
			sent.statusCodes.push(code);
			return response;
		}),
		json: jest.fn((value: unknown) => {
			sent.jsonBodies.push(value);
			response.headersSent = true;
			return response;
		}),
		send: jest.fn((value: unknown) => {
			sent.otherWrites.push(value);
			response.headersSent = true;
			return response;
		}),
		end: jest.fn((value?: unknown) => {
			sent.otherWrites.push(value);
			response.headersSent = true;
			return response;
		}),
		setHeader: jest.fn(() => response),
	};
	const request = { method: 'POST', body, rawBody, query, headers };
	const mockLogger = fakeLogger();

	const ctx = {
		sent,
		mockLogger,
		staticData,
		validToken,
		logger: mockLogger,
		getNodeParameter: jest.fn(
			(name: string, fallback?: unknown, parameterOptions?: { extractValue?: boolean }) =>
				readParameter(parameters, name, fallback, parameterOptions),
		),
		getCredentials: credentialGetter(credentials, node.name),
		getBodyData: jest.fn(() => body),
		getRequestObject: jest.fn(() => request),
		getQueryData: jest.fn(() => query),
		getHeaderData: jest.fn(() => headers),
		getParamsData: jest.fn(() => ({})),
		getResponseObject: jest.fn(() => response),
		getMode: jest.fn(() => options.mode ?? 'webhook'),
		getNode: jest.fn(() => node),
		getWorkflow: jest.fn(() => workflow),
		getWebhookName: jest.fn(() => 'default'),
		getNodeWebhookUrl: jest.fn(() => `http://localhost:5678/webhook/${node.webhookId}/webhook`),
		getWorkflowStaticData: staticDataGetter(staticData),
		helpers: { returnJsonArray: jest.fn(returnJsonArray) },
	};
	return ctx as unknown as WebhookTestContext;
}

/** Runs the real node's `webhook()` against a fresh context. */
export async function runWebhook(
	options: WebhookContextOptions = {},
): Promise<{ ctx: WebhookTestContext; result: IWebhookResponseData }> {
	const ctx = webhookContext(options);
	const result = await new IntellixentTrigger().webhook.call(ctx);
	return { ctx, result };
}
