/**
 * The Intellixent API client shared by the package's nodes: the request core and the assistants list (enabling
 * and disabling the conversation-ended webhook is in webhookRegistrationApi.ts). Every request
 * goes through n8n's `httpRequestWithAuthentication` (the credential adds
 * `Authorization: Bearer <key>`), transient failures (429, 5xx, network) are
 * retried a bounded number of times, and every failure becomes a NodeApiError with a message that
 * says what happened and what to do. No message ever contains the API key or the delivery token.
 * Answers are read within byte and time limits (answerLimits.ts), and what a request returns is a
 * copy with its nesting capped and the API key's every form removed (outputData.ts).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { baseUrlProblem, DEFAULT_BASE_URL, normalizeBaseUrl, withoutUserInfo } from './baseUrl';
import type { Failure, RequestPurpose } from './apiErrors';
import { apiError, unexpectedAnswer } from './apiErrors';
import { readAnswer, runBudgetTooLowForWrite } from './answerLimits';
import { outputData } from './outputData';
import { endpoints } from './endpoints';
import { redactUrl, secretRedactor, TOKEN_PARAMETER, valueRedactor } from './secretRedaction';
import { isDefinitiveWhatsAppError } from './whatsappErrors';

export { DEFAULT_BASE_URL, normalizeBaseUrl, redactUrl };

export const CREDENTIAL_TYPE = 'intellixentApi';

/** The n8n contexts the Intellixent API is called from (one home for the type). */
export type ApiContext =
	| IHookFunctions
	| ILoadOptionsFunctions
	| IExecuteFunctions
	| IPollFunctions;

export interface IntellixentCredential {
	apiKey: string;
	baseUrl?: string;
}

export interface Assistant {
	id: number;
	uuid: string;
	name: string;
	[key: string]: unknown;
}

interface AssistantPage {
	current_page: number;
	last_page: number;
	per_page: number;
	total: number;
	data: Assistant[];
}

export interface RetryPolicy {
	/** Attempts in all, the first one included. */
	attempts: number;
	/** Wait before the 2nd attempt; doubled for each later one. */
	baseDelayMs: number;
	/** Longest wait, also the cap on a server's Retry-After. */
	maxDelayMs: number;
	/** Per attempt, for the whole answer (a body that drips in slowly included). */
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	attempts: 3,
	baseDelayMs: 1000,
	maxDelayMs: 10_000,
	timeoutMs: 15_000,
};

interface ApiResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
]);

/**
 * Failures after which a request certainly did not reach Intellixent: nothing happened there, so
 * even a send may be asked again. A 429 is a refusal too (the server did not act).
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function isTransientStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(
	header: string | string[] | undefined,
	now = Date.now(),
): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	// The code may sit on the error or on its cause (n8n and undici both wrap).
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** The credential's Base URL, normalised; refuses (before any request) one that cannot be used. */
function usableBaseUrl(this: ApiContext, credential: IntellixentCredential): string {
	const problem = baseUrlProblem(credential.baseUrl);
	if (problem) {
		throw new NodeOperationError(
			this.getNode(),
			'The Base URL of the Intellixent API credential cannot be used',
			{
				description: problem,
			},
		);
	}
	return normalizeBaseUrl(credential.baseUrl);
}

/** The value of every `token` parameter in URLs among the body's strings (the webhook URL). */
function tokensIn(body: IDataObject | undefined): string[] {
	const tokens: string[] = [];
	for (const value of Object.values(body ?? {})) {
		if (typeof value !== 'string' || !value.includes('?')) continue;
		try {
			tokens.push(...new URL(value).searchParams.getAll(TOKEN_PARAMETER));
		} catch {
			// not a URL: nothing to collect
		}
	}
	return tokens;
}

function isJsonObject(body: unknown): boolean {
	return (
		typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body)
	);
}

function header(response: ApiResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

/** What a 2xx body is, when it is not Intellixent's JSON object. */
function notApiDescription(response: ApiResponse): string {
	const type = header(response, 'content-type')?.split(';')[0].trim();
	const { body } = response;
	if (body === undefined || body === null || body === '') return 'an empty body';
	if (type && !/json/i.test(type)) return `${type} content`;
	if (typeof body === 'string') return 'text';
	return Array.isArray(body) ? 'a JSON list' : `a JSON ${typeof body}`;
}

/** The origin a redirect points to, resolved against the request URL; no path, no user-info. */
function redirectTarget(response: ApiResponse, requestUrl: string): string | undefined {
	const location = header(response, 'location');
	if (!location) return undefined;
	try {
		const target = new URL(location, requestUrl);
		return /^https?:$/.test(target.protocol) ? `${target.protocol}//${target.host}` : undefined;
	} catch {
		return undefined;
	}
}

/** The failure a response means, or undefined for Intellixent's JSON in a 2xx. */
function responseFailure(response: ApiResponse, requestUrl: string): Failure | undefined {
	const status = response.statusCode;
	if (status >= 200 && status < 300) {
		return isJsonObject(response.body)
			? undefined
			: { status, notApi: notApiDescription(response) };
	}
	if (status >= 300 && status < 400)
		return { status, redirectTo: redirectTarget(response, requestUrl) ?? '' };
	return { status, body: response.body };
}

/**
 * One Intellixent API request with bounded retries. Returns the parsed JSON body of a 2xx answer;
 * throws a NodeApiError for anything else. Redirects are never followed (the API does not
 * redirect, and following one would hand the API key and the webhook URL to another origin).
 */
export async function intellixentRequest<T>(
	this: ApiContext,
	method: IHttpRequestMethods,
	path: string,
	purpose: RequestPurpose,
	options: {
		body?: IDataObject;
		qs?: IDataObject;
		retry?: RetryPolicy;
		/**
		 * The request may be repeated whatever happened to the last attempt (enabling or disabling a
		 * webhook: the same request twice ends in the same state). Otherwise a request that may change
		 * something (any method but GET) is repeated only when it certainly did not arrive.
		 */
		idempotent?: boolean;
		/** Sees every HTTP answer (status and parsed body) before it is judged. */
		onAnswer?: (answer: { status: number; body: unknown }) => void;
		/** How to ask for less, in the error of an answer over the byte limits (a sentence). */
		narrow?: string;
	} = {},
): Promise<T> {
	const retry = options.retry ?? DEFAULT_RETRY_POLICY;
	const credential = await this.getCredentials<IntellixentCredential>(CREDENTIAL_TYPE);
	const baseUrl = usableBaseUrl.call(this, credential);
	const redact = secretRedactor([credential.apiKey, ...tokensIn(options.body)]);
	// Answers keep the delivery token (a registration is checked against its URL), not the key.
	const redactAnswer = valueRedactor([credential.apiKey]);
	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${path}`,
		qs: options.qs,
		body: options.body,
		json: true,
		// The raw stream, read within the limits by readAnswer (n8n would read any size).
		encoding: 'stream',
		headers: { Accept: 'application/json' },
		timeout: retry.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
	};

	const mayRepeat = method === 'GET' || options.idempotent === true;
	let lastFailure: Failure = {};
	let attempts = 0;
	if (!mayRepeat && runBudgetTooLowForWrite(this)) {
		// Refused before sending: a write whose answer could not be read would have an unknown outcome.
		lastFailure = {
			limit: { kind: 'run', bytes: 0, timeoutMs: retry.timeoutMs },
			narrow: options.narrow,
		};
		throw apiError(this.getNode(), purpose, withoutUserInfo(baseUrl), lastFailure, 0, redact);
	}
	for (let attempt = 1; attempt <= retry.attempts; attempt++) {
		attempts = attempt;
		let waitMs = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
		const deadline = Date.now() + retry.timeoutMs;
		try {
			const raw = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				request,
			)) as ApiResponse;
			const read = await readAnswer(this, raw.body, deadline);
			if ('limit' in read) {
				// Not repeated: a large answer stays large, and a slow one would take as long again.
				lastFailure = {
					status: raw.statusCode,
					limit: { kind: read.limit, bytes: read.bytes, timeoutMs: retry.timeoutMs },
					narrow: options.narrow,
					outcomeUnknown: !mayRepeat,
				};
				break;
			}
			const body = outputData(read.body, redactAnswer);
			const response: ApiResponse = { ...raw, body };
			options.onAnswer?.({ status: response.statusCode, body: response.body });
			const failure = responseFailure(response, request.url);
			if (!failure) return response.body as T;
			lastFailure = failure;
			if (!isTransientStatus(response.statusCode)) break;
			// A 5xx in the WhatsApp error shape (SENDER_OFFLINE) will not change by asking again.
			if (response.statusCode !== 429 && isDefinitiveWhatsAppError(response.body)) break;
			// A server error after a write: the write may have been done before the error.
			if (!mayRepeat && response.statusCode !== 429) {
				lastFailure.outcomeUnknown = true;
				break;
			}
			const serverWait = retryAfterMs(response.headers?.['retry-after']);
			if (serverWait !== undefined) waitMs = Math.min(retry.maxDelayMs, serverWait);
		} catch (error) {
			const code = errorCode(error);
			lastFailure = { code: code ?? 'UNKNOWN' };
			// A reset, a timeout or any other failure after a write: the server may have read and
			// done it. Only a refused connection or an unknown host certainly sent nothing.
			if (!mayRepeat && !(code !== undefined && NOT_SENT_CODES.has(code))) {
				lastFailure.outcomeUnknown = true;
				break;
			}
			if (code !== undefined && !TRANSIENT_NETWORK_CODES.has(code)) break;
		}
		if (attempt < retry.attempts) await sleep(waitMs);
	}
	throw apiError(this.getNode(), purpose, withoutUserInfo(baseUrl), lastFailure, attempts, redact);
}

export async function listAssistants(
	this: ApiContext,
	page: number,
	perPage: number,
	stage: RequestPurpose['stage'],
): Promise<AssistantPage> {
	const result: unknown = await intellixentRequest.call(
		this,
		'GET',
		endpoints.assistants(),
		{ action: 'list the assistants', stage },
		{ qs: { page, per_page: perPage } },
	);
	const pageData = result as Partial<AssistantPage> | undefined;
	if (!pageData || !Array.isArray(pageData.data))
		throw unexpectedAnswer(this.getNode(), 'list the assistants');
	return {
		current_page: Number(pageData.current_page ?? page),
		last_page: Number(pageData.last_page ?? page),
		per_page: Number(pageData.per_page ?? perPage),
		total: Number(pageData.total ?? pageData.data.length),
		data: pageData.data,
	};
}
