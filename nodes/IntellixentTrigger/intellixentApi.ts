/**
 * The Intellixent API as this trigger uses it: the request core and the assistants list (enabling
 * and disabling the conversation-ended webhook is in webhookRegistrationApi.ts). Every request
 * goes through n8n's `httpRequestWithAuthentication` (the credential adds
 * `Authorization: Bearer <key>`), transient failures (429, 5xx, network) are
 * retried a bounded number of times, and every failure becomes a NodeApiError with a message that
 * says what happened and what to do. No message ever contains the API key or the delivery token.
 */
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'intellixentApi';
export const DEFAULT_BASE_URL = 'https://portal.intellixent.ai';

type ApiContext = IHookFunctions | ILoadOptionsFunctions;

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

export interface AssistantPage {
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
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	attempts: 3,
	baseDelayMs: 1000,
	maxDelayMs: 10_000,
	timeoutMs: 15_000,
};

/** What the request was for, in words that fit "Could not ... ". */
interface RequestPurpose {
	action: string;
	assistantId?: string;
}

interface ApiResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** `https://x.ai/`, `https://x.ai/api` and `https://x.ai/api/` all mean `https://x.ai`. */
export function normalizeBaseUrl(raw: string | undefined): string {
	const trimmed = (raw ?? '').trim() || DEFAULT_BASE_URL;
	return trimmed.replace(/\/+$/, '').replace(/\/api$/i, '');
}

export async function getBaseUrl(this: ApiContext): Promise<string> {
	const credential = await this.getCredentials<IntellixentCredential>(CREDENTIAL_TYPE);
	return normalizeBaseUrl(credential.baseUrl);
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

function isTransientStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
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

/** Removes anything secret from a URL before it appears in a message. */
export function redactUrl(url: string): string {
	return url.replace(/([?&]token=)[^&#\s]*/gi, '$1***');
}

/**
 * One Intellixent API request with bounded retries. Returns the parsed JSON body of a 2xx answer;
 * throws a NodeApiError for anything else.
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
		/** Sees every HTTP answer (status and parsed body) before it is judged. */
		onAnswer?: (answer: { status: number; body: unknown }) => void;
	} = {},
): Promise<T> {
	const retry = options.retry ?? DEFAULT_RETRY_POLICY;
	const baseUrl = await getBaseUrl.call(this);
	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${path}`,
		qs: options.qs,
		body: options.body,
		json: true,
		headers: { Accept: 'application/json' },
		timeout: retry.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};

	let lastFailure: { status?: number; body?: unknown; code?: string } = {};
	for (let attempt = 1; attempt <= retry.attempts; attempt++) {
		let waitMs = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				request,
			)) as ApiResponse;
			options.onAnswer?.({ status: response.statusCode, body: response.body });
			if (response.statusCode >= 200 && response.statusCode < 300) return response.body as T;
			lastFailure = { status: response.statusCode, body: response.body };
			if (!isTransientStatus(response.statusCode)) break;
			const serverWait = retryAfterMs(response.headers?.['retry-after']);
			if (serverWait !== undefined) waitMs = Math.min(retry.maxDelayMs, serverWait);
		} catch (error) {
			const code = errorCode(error);
			lastFailure = { code: code ?? 'UNKNOWN', body: { message: (error as Error)?.message } };
			if (code !== undefined && !TRANSIENT_NETWORK_CODES.has(code)) break;
		}
		if (attempt < retry.attempts) await sleep(waitMs);
	}
	throw apiError.call(this, purpose, baseUrl, lastFailure, retry.attempts);
}

function apiMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const { message, error } = body as { message?: unknown; error?: unknown };
		if (typeof message === 'string' && message) return message;
		if (typeof error === 'string' && error) return error;
	}
	if (typeof body === 'string' && body && body.length < 300 && !body.trimStart().startsWith('<')) return body;
	return undefined;
}

function validationDetails(body: unknown): string | undefined {
	const errors = (body as { errors?: unknown } | undefined)?.errors;
	if (!errors || typeof errors !== 'object') return undefined;
	const parts = Object.entries(errors as Record<string, unknown>).map(([field, problems]) => {
		const text = Array.isArray(problems) ? problems.map(String).join(' ') : String(problems);
		return `${field}: ${text}`;
	});
	return parts.length ? parts.join('; ') : undefined;
}

function apiError(
	this: ApiContext,
	purpose: RequestPurpose,
	baseUrl: string,
	failure: { status?: number; body?: unknown; code?: string },
	attempts: number,
): NodeApiError {
	const { status, body, code } = failure;
	const serverSaid = apiMessage(body);
	const assistant = purpose.assistantId ? ` ${purpose.assistantId}` : '';
	let message: string;
	let description: string;

	if (status === undefined) {
		message = `Could not ${purpose.action}: Intellixent at ${baseUrl} could not be reached (${code})`;
		description =
			code === 'ENOTFOUND' || code === 'EAI_AGAIN'
				? `The host name in the credential's Base URL does not resolve. Check the Base URL (normally ${DEFAULT_BASE_URL}) and this server's DNS.`
				: `Tried ${attempts} times. Check the credential's Base URL and that this n8n server can make outbound HTTPS requests to it (proxy, firewall).`;
	} else if (status === 401) {
		message = `Could not ${purpose.action}: Intellixent rejected the API key (401 Unauthenticated)`;
		description =
			"Check the API key in the Intellixent API credential. Create a key in the Intellixent portal under Account settings > API Keys, and make sure the credential's Base URL is the portal the key belongs to.";
	} else if (status === 403) {
		message = `Could not ${purpose.action}: this API key is not allowed to do that (403)`;
		description = serverSaid ?? 'Use an API key of the account that owns the assistant.';
	} else if (status === 404) {
		message = purpose.assistantId
			? `Could not ${purpose.action}: assistant${assistant} was not found in this Intellixent account (404)`
			: `Could not ${purpose.action}: Intellixent answered 404 Not Found`;
		description = purpose.assistantId
			? 'Choose the assistant again from the list. It may have been deleted, or it belongs to another account than the API key in the credential.'
			: `Check the credential's Base URL (normally ${DEFAULT_BASE_URL}).`;
	} else if (status === 422) {
		const details = validationDetails(body);
		message = `Could not ${purpose.action}: Intellixent refused the request (422${details ? `: ${details}` : serverSaid ? `: ${serverSaid}` : ''})`;
		description =
			'Intellixent must be able to reach the webhook URL over the internet. If n8n runs behind a proxy or under another domain, set the WEBHOOK_URL environment variable of n8n to its public address and publish again.';
	} else if (status === 429) {
		message = `Could not ${purpose.action}: Intellixent is rate-limiting requests (429, tried ${attempts} times)`;
		description = 'Wait a minute, then publish the workflow again.';
	} else if (status >= 500) {
		message = `Could not ${purpose.action}: Intellixent had a server error (${status}, tried ${attempts} times)`;
		description = `This is usually temporary: publish the workflow again in a few minutes.${serverSaid ? ` Intellixent said: ${serverSaid}` : ''}`;
	} else {
		message = `Could not ${purpose.action}: Intellixent answered ${status}${serverSaid ? ` (${serverSaid})` : ''}`;
		description = 'See the Intellixent API documentation for this status.';
	}

	const response: JsonObject = { message: redactUrl(message) };
	if (status !== undefined) response.httpCode = String(status);
	const error = new NodeApiError(this.getNode(), response, {
		message: redactUrl(message),
		description: redactUrl(description),
		httpCode: status !== undefined ? String(status) : undefined,
	});
	// NodeApiError swaps a message that mentions a Node error code (ECONNRESET, ENOTFOUND, ...)
	// for n8n's generic text, which would drop what failed and where: keep ours.
	error.message = redactUrl(message);
	return error;
}

export async function listAssistants(
	this: ApiContext,
	page: number,
	perPage = 100,
): Promise<AssistantPage> {
	const result: unknown = await intellixentRequest.call(
		this,
		'GET',
		'/api/user/assistants/get',
		{ action: 'list the assistants' },
		{ qs: { page, per_page: perPage } },
	);
	const pageData = result as Partial<AssistantPage> | undefined;
	if (!pageData || !Array.isArray(pageData.data)) {
		throw new NodeApiError(this.getNode(), { message: 'Unexpected answer' } as JsonObject, {
			message: 'Could not list the assistants: Intellixent answered with an unexpected format',
			description: "Check the credential's Base URL: it should be the Intellixent portal address.",
		});
	}
	return {
		current_page: Number(pageData.current_page ?? page),
		last_page: Number(pageData.last_page ?? page),
		per_page: Number(pageData.per_page ?? perPage),
		total: Number(pageData.total ?? pageData.data.length),
		data: pageData.data,
	};
}
