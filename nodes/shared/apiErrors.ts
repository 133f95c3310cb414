/**
 * What users read when an Intellixent API call fails: one message that says what failed, where and
 * why, and a description that says what to do. Every text goes through the request's redactor, so
 * neither the API key nor the delivery token reaches a message, whatever the server echoed.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { AnswerLimit } from './answerLimits';
import { MAX_ANSWER_BYTES, MAX_RUN_BYTES } from './answerLimits';
import { DEFAULT_BASE_URL } from './baseUrl';
import { whatsappText } from './whatsappErrors';

export type RequestStage = 'publish' | 'poll' | 'picker' | 'run';

/** What the request was for, in words that fit "Could not ... ". */
export interface RequestPurpose {
	action: string;
	assistantId?: string;
	/**
	 * Who asked, so that the advice fits the situation: 'publish' (the trigger publishing or
	 * unpublishing a workflow), 'poll' (a polling trigger's scheduled poll, which the next poll
	 * retries by itself), 'picker' (the editor filling a list of choices) or 'run' (an action node
	 * running). Every caller says which: there is no default.
	 */
	stage: RequestStage;
	/** What a 404 means was not found, e.g. "call 42" (when it is not an assistant). */
	subject?: string;
}

/** What went wrong with the last attempt. */
export interface Failure {
	status?: number;
	body?: unknown;
	code?: string;
	/** A 3xx: the origin it pointed to, or '' when it named no valid http(s) address. */
	redirectTo?: string;
	/** A 2xx that is not Intellixent's JSON: what it was instead. */
	notApi?: string;
	/** A write whose answer was lost or failed after it may have been done: not repeated. */
	outcomeUnknown?: boolean;
	/** The answer was not read to its end (answerLimits.ts): which limit, after how many bytes. */
	limit?: { kind: AnswerLimit; bytes: number; timeoutMs: number };
	/** How to ask for less (a sentence), for the byte limits' errors; a general advice otherwise. */
	narrow?: string;
}

/**
 * The error of a 2xx answer that is JSON but not in the shape the operation documents; `what`
 * says what is wrong with it, when that helps.
 */
export function unexpectedAnswer(node: INode, action: string, what?: string): NodeApiError {
	return new NodeApiError(node, { message: 'Unexpected answer' } as JsonObject, {
		message: `Could not ${action}: Intellixent answered with an unexpected format${what ? ` (${what})` : ''}`,
		description: "Check the credential's Base URL: it should be the Intellixent portal address.",
	});
}

const NARROW_IN_GENERAL =
	'Ask for less in one run: for a list, turn off Return All and set a Limit, or add filters; with many input items, run the node on fewer at a time (for example with Loop Over Items).';

function mebibytes(bytes: number): string {
	return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

/** Message and description for an answer that was not read to its end. */
function limitText(
	action: string,
	limit: NonNullable<Failure['limit']>,
	narrow: string | undefined,
): { message: string; description: string } {
	const advice = narrow ?? NARROW_IN_GENERAL;
	if (limit.kind === 'answer') {
		return {
			message: `Could not ${action}: Intellixent's answer is larger than ${mebibytes(MAX_ANSWER_BYTES)}, the most the node reads from one answer (reading stopped there)`,
			description: advice,
		};
	}
	if (limit.kind === 'run') {
		return {
			message:
				limit.bytes === 0
					? `Could not ${action}: this run has read nearly ${mebibytes(MAX_RUN_BYTES)} from Intellixent, the most one node run reads, so the request was not sent (its answer could not be read)`
					: `Could not ${action}: this run has read ${mebibytes(MAX_RUN_BYTES)} from Intellixent, the most one node run reads (reading stopped there)`,
			description: advice,
		};
	}
	return {
		message: `Could not ${action}: Intellixent's answer did not arrive completely within ${limit.timeoutMs / 1000} s, the time one request may take (${limit.bytes} bytes had arrived)`,
		description: `The server or the network is slow right now: try again in a few minutes. If it keeps happening, the answer may be too large to arrive in time. ${advice}`,
	};
}

/** Where a NodeApiError carries that the request's outcome is unknown (see Failure). */
export const OUTCOME_UNKNOWN = 'outcomeUnknown';

/** True for an error of a write that may have been done at Intellixent although it failed. */
export function isOutcomeUnknown(error: unknown): boolean {
	const context = (error as { context?: Record<string, unknown> } | undefined)?.context;
	return context?.[OUTCOME_UNKNOWN] === true;
}

function outcomeUnknownText(action: string): string {
	return `The request was not repeated, because it may have reached Intellixent before the failure: check whether it happened before you ${action} again (for a WhatsApp send, look at the conversation in the Intellixent portal; the message may have gone out).`;
}

/** What to do again after a temporary failure, by situation; a poll needs nobody to act. */
const AGAIN: Record<RequestStage, { retry: string; reassure: string }> = {
	publish: { retry: 'publish the workflow again', reassure: '' },
	poll: {
		retry: 'wait for the next poll',
		reassure:
			' The trigger stays published and the next poll retries by itself; the calls since the last successful poll are still checked then.',
	},
	picker: { retry: 'open the list again', reassure: '' },
	run: { retry: 'run the node again', reassure: '' },
};

function tries(attempts: number): string {
	return attempts === 1 ? 'tried once' : `tried ${attempts} times`;
}

/** Longest server text quoted in a message (after redaction, so no secret is cut in half). */
const MAX_QUOTED = 300;

function quoted(text: string, redact: (text: string) => string): string {
	const clean = redact(text).replace(/\p{Cc}+/gu, ' ');
	return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean;
}

function apiMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const { message, error } = body as { message?: unknown; error?: unknown };
		if (typeof message === 'string' && message) return message;
		if (typeof error === 'string' && error) return error;
	}
	if (typeof body === 'string' && body && body.length < 300 && !body.trimStart().startsWith('<'))
		return body;
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

/** Message and description for a failure that is not an Intellixent API error status. */
function transportText(
	action: string,
	baseUrl: string,
	failure: Failure,
	attempts: number,
): { message: string; description: string } | undefined {
	const { status, code, redirectTo, notApi, limit } = failure;
	if (limit !== undefined) return limitText(action, limit, failure.narrow);
	if (notApi !== undefined) {
		return {
			message: `Could not ${action}: this is not the Intellixent API at ${baseUrl} (it answered ${status} with ${notApi} instead of Intellixent's JSON)`,
			description: `The request reached a server that does not answer like Intellixent: a login page, a proxy or another site. Set the credential's Base URL to the Intellixent portal address (normally ${DEFAULT_BASE_URL}).`,
		};
	}
	if (redirectTo !== undefined) {
		return {
			message: `Could not ${action}: Intellixent at ${baseUrl} answered with a redirect (${status}) to ${redirectTo || 'no valid address'}, which was not followed: the API key was not sent there`,
			description: `The Intellixent API does not redirect, so the Base URL does not point at it. Set the credential's Base URL to the address the API answers at (normally ${DEFAULT_BASE_URL}; https://, not http://).`,
		};
	}
	if (status !== undefined) return undefined;
	return {
		message: `Could not ${action}: Intellixent at ${baseUrl} could not be reached (${code})`,
		description:
			code === 'ENOTFOUND' || code === 'EAI_AGAIN'
				? `The host name in the credential's Base URL does not resolve. Check the Base URL (normally ${DEFAULT_BASE_URL}) and this server's DNS.`
				: `${tries(attempts).replace('t', 'T')}. Check the credential's Base URL and that this n8n server can make outbound HTTPS requests to it (proxy, firewall).`,
	};
}

/** Message and description for an error status of the Intellixent API. */
function statusText(
	purpose: RequestPurpose,
	status: number,
	body: unknown,
	attempts: number,
	redact: (text: string) => string,
): { message: string; description: string } {
	const action = purpose.action;
	const said = apiMessage(body);
	const serverSaid = said === undefined ? undefined : quoted(said, redact);
	const assistant = purpose.assistantId ? ` ${purpose.assistantId}` : '';
	const publishing = purpose.stage === 'publish';
	const again = AGAIN[purpose.stage];
	const whatsapp = whatsappText(action, status, body, serverSaid);
	if (whatsapp) return whatsapp;
	if (status === 401) {
		return {
			message: `Could not ${action}: Intellixent rejected the API key (401 Unauthenticated)`,
			description:
				"Check the API key in the Intellixent API credential. Create a key in the Intellixent portal under Account settings > API Keys, and make sure the credential's Base URL is the portal the key belongs to.",
		};
	}
	if (status === 403) {
		return {
			message: `Could not ${action}: this API key is not allowed to do that (403)`,
			description: serverSaid ?? 'Use an API key of the account that owns the assistant.',
		};
	}
	if (status === 404 && purpose.subject) {
		return {
			message: `Could not ${action}: ${purpose.subject} was not found in this Intellixent account (404)`,
			description:
				'Check the ID. The item may have been deleted, or it belongs to another account than the API key in the credential.',
		};
	}
	if (status === 404) {
		return purpose.assistantId
			? {
					message: `Could not ${action}: assistant${assistant} was not found in this Intellixent account (404)`,
					description:
						'Choose the assistant again from the list. It may have been deleted, or it belongs to another account than the API key in the credential.',
				}
			: {
					message: `Could not ${action}: Intellixent answered 404 Not Found`,
					description: `Check the credential's Base URL (normally ${DEFAULT_BASE_URL}).`,
				};
	}
	if (status === 422) {
		const details = validationDetails(body);
		const detail = details ? quoted(details, redact) : serverSaid;
		return {
			message: `Could not ${action}: Intellixent refused the request (422${detail ? `: ${detail}` : ''})`,
			description: publishing
				? 'Intellixent must be able to reach the webhook URL over the internet. If n8n runs behind a proxy or under another domain, set the public address of n8n in its N8N_WEBHOOK_URL environment variable (WEBHOOK_URL on n8n 1.x), restart n8n and publish again.'
				: `Intellixent named the parameter it refused: correct that parameter of the node (or the expression that fills it), then ${again.retry}.`,
		};
	}
	if (status === 429) {
		return {
			message: `Could not ${action}: Intellixent is rate-limiting requests (429, ${tries(attempts)})`,
			description: `Wait a minute, then ${again.retry}.${again.reassure} If other workflows use the same API key at the same time, they share its limit (WhatsApp sends: 5 a second).`,
		};
	}
	if (status >= 500) {
		return {
			message: `Could not ${action}: Intellixent had a server error (${status}, ${tries(attempts)})`,
			description: `This is usually temporary: ${again.retry} in a few minutes.${again.reassure}${serverSaid ? ` Intellixent said: ${serverSaid}` : ''}`,
		};
	}
	return {
		message: `Could not ${action}: Intellixent answered ${status}${serverSaid ? ` (${serverSaid})` : ''}`,
		description: 'See the Intellixent API documentation for this status.',
	};
}

export function apiError(
	node: INode,
	purpose: RequestPurpose,
	baseUrl: string,
	failure: Failure,
	attempts: number,
	redact: (text: string) => string,
): NodeApiError {
	const { status } = failure;
	const text =
		transportText(purpose.action, baseUrl, failure, attempts) ??
		statusText(purpose, status as number, failure.body, attempts, redact);
	const message = redact(text.message);
	const httpCode = status !== undefined ? String(status) : undefined;
	const response: JsonObject = { message };
	if (httpCode) response.httpCode = httpCode;
	const description = failure.outcomeUnknown
		? `${outcomeUnknownText(purpose.action)} ${text.description}`
		: text.description;
	const error = new NodeApiError(node, response, {
		message: failure.outcomeUnknown ? `${message} (the outcome is unknown)` : message,
		description: redact(description),
		httpCode,
	});
	if (failure.outcomeUnknown) error.context[OUTCOME_UNKNOWN] = true;
	// NodeApiError swaps a message that mentions a Node error code (ECONNRESET, ENOTFOUND, ...)
	// for n8n's generic text, which would drop what failed and where: keep ours.
	error.message = failure.outcomeUnknown ? `${message} (the outcome is unknown)` : message;
	return error;
}
