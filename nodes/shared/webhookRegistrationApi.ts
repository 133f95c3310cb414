/**
 * Enabling and disabling an assistant's conversation-ended webhook in whichever of the two
 * documented shapes the Intellixent API serves (nobody here can call the live API):
 * - the path form of Intellixent's own page, tried first:
 *   `POST /api/assistants/{uuid}/enable-conversation-ended-webhook {webhook_url}`;
 * - the body form of the sister platforms' docs and of public client code:
 *   `POST /api/user/assistants/enable-conversation-ended-webhook {assistant_id: <integer id>, webhook_url}`,
 *   with the integer id looked up by the assistant's UUID in the assistants list.
 * Only an "unknown route" answer moves on to the other form: a 405, or a 404 that does not say
 * that the assistant is missing. The form that worked is remembered per Base URL for this process
 * (registrationState.ts) and returned, so that a caller can keep it with its registration and
 * disable with the form that enabled. Only webhookRegistration.ts calls these functions: the trigger
 * and the action node's Enable/Disable go through it.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RequestPurpose } from './apiErrors';
import { endpoints, quotedValue, uuidSegment } from './endpoints';
import { withoutUserInfo } from './baseUrl';
import type { IntellixentCredential, RetryPolicy } from './intellixentApi';
import {
	CREDENTIAL_TYPE,
	DEFAULT_BASE_URL,
	intellixentRequest,
	listAssistants,
	normalizeBaseUrl,
} from './intellixentApi';
import type { WebhookApiForm } from './registrationState';
import { rememberForm, rememberedForm } from './registrationState';
import { secretRedactor, TOKEN_PARAMETER } from './secretRedaction';

type ApiContext = ThisParameterType<typeof listAssistants>;
type Operation = 'enable' | 'disable';
/** One form tried: the request and what it answered, in words, and the status. */
type Step = { text: string; status: number };

/** What worked: worth keeping with a registration, to disable the same way. */
export interface WebhookApiChoice {
	form: WebhookApiForm;
	/** The assistant's integer id, which the body form needs. */
	assistantNumericId?: number;
}

interface WebhookApiOptions {
	retry?: RetryPolicy;
	/** Tried first (e.g. what enabled a registration), before what this process remembers. */
	prefer?: WebhookApiChoice;
	/** Who asks (see RequestPurpose): the trigger publishing (default) or an action node running. */
	stage: RequestPurpose['stage'];
}

/** One HTTP answer of the Intellixent API. */
export interface ApiAnswer {
	status: number;
	body: unknown;
}

const ACTION: Record<Operation, string> = {
	enable: 'register the webhook with Intellixent',
	disable: 'remove the webhook from Intellixent',
};

const LIST_PAGE_SIZE = 100;
/** Accounts with more assistants than 100 pages of 100 are not searched further. */
const MAX_LIST_PAGES = 100;
const ANSWER_TEXT_LIMIT = 160;

/** The API serves neither form: a 404 or 405, but not "this assistant does not exist". */
export class WebhookRouteNotFoundError extends NodeApiError {}

/** One switch of an assistant's webhook: on with `webhookUrl`, or off. */
export interface SwitchRequest {
	operation: Operation;
	assistantUuid: string;
	/** The URL to enable (with any token); absent to disable. */
	webhookUrl?: string;
	options: WebhookApiOptions;
}

export async function enableConversationEndedWebhook(
	this: ApiContext,
	assistantUuid: string,
	webhookUrl: string,
	options: WebhookApiOptions,
): Promise<WebhookApiChoice> {
	return await inEitherForm.call(this, { operation: 'enable', assistantUuid, webhookUrl, options });
}

export async function disableConversationEndedWebhook(
	this: ApiContext,
	assistantUuid: string,
	options: WebhookApiOptions,
): Promise<WebhookApiChoice> {
	return await inEitherForm.call(this, { operation: 'disable', assistantUuid, options });
}

const POST_CALL_ACTION: Record<Operation, string> = {
	enable: 'switch on the post-call webhook in Intellixent',
	disable: 'switch off the post-call webhook in Intellixent',
};

/**
 * Enables (with `webhookUrl`) or disables (without) an assistant's post-call webhook, the one
 * Intellixent sends after each voice call: `POST /api/user/assistants/{enable|disable}-webhook
 * {assistant_id, webhook_url}`, the sister platforms' form (Intellixent documents no path). The
 * integer id comes from `options.prefer` (what enabled a registration) or the assistants list.
 * An unknown-route answer throws a WebhookRouteNotFoundError: the caller tells the user where to
 * paste the URL instead.
 */
export async function switchPostCallWebhook(
	this: ApiContext,
	request: SwitchRequest,
): Promise<WebhookApiChoice> {
	const { operation, assistantUuid, webhookUrl, options } = request;
	const { baseUrl, redact } = await prepare.call(this, request);
	const assistantNumericId =
		options.prefer?.assistantNumericId ??
		(await findAssistantNumericId.call(this, assistantUuid, operation, options.stage, redact));
	const route = endpoints.postCallWebhook(operation);
	const failure = await postSwitch.call(
		this,
		route,
		{ action: POST_CALL_ACTION[operation], assistantId: assistantUuid, stage: options.stage },
		bodyOf('body', assistantNumericId, webhookUrl),
		options.retry,
	);
	if (failure) {
		const { answer, error } = failure;
		throw answer && isUnknownRouteFailure(failure)
			? apiFailure(WebhookRouteNotFoundError, this, {
					httpCode: String(answer.status),
					message: `Could not ${POST_CALL_ACTION[operation]}: Intellixent at ${withoutUserInfo(baseUrl)} does not serve ${operation}-webhook`,
					description: `${describeStep('body', route, assistantNumericId, answer, redact)}.`,
				})
			: error;
	}
	return { form: 'body', assistantNumericId };
}

/** A switch request that failed: the error, and the last HTTP answer when one came. */
interface SwitchFailure {
	error: unknown;
	answer?: ApiAnswer;
}

/** One switch request; enabling or disabling twice ends in the same state, so it is safe to repeat. */
async function postSwitch(
	this: ApiContext,
	route: string,
	purpose: RequestPurpose,
	body: IDataObject | undefined,
	retry: RetryPolicy | undefined,
): Promise<SwitchFailure | undefined> {
	let answer: ApiAnswer | undefined;
	try {
		await intellixentRequest.call(this, 'POST', route, purpose, {
			body,
			retry,
			idempotent: true,
			onAnswer: (last) => (answer = last),
		});
		return undefined;
	} catch (error) {
		return { error, answer };
	}
}

/** The API answered "no such route" (not a network failure, not "no such assistant"). */
function isUnknownRouteFailure(failure: SwitchFailure): failure is Required<SwitchFailure> {
	return (
		failure.answer !== undefined &&
		isUnknownRoute(failure.answer) &&
		failure.error instanceof NodeApiError
	);
}

/** How a Base URL is remembered (in this process and in static data): no user-info, lower case. */
export function baseUrlKey(baseUrl: string): string {
	return withoutUserInfo(baseUrl).toLowerCase();
}

/**
 * True for an answer that means "no such route here": a 405, or a 404 that does not name the
 * assistant (Laravel's `The route … could not be found.`, a bare `Not Found`, an HTML page).
 */
export function isUnknownRoute(answer: ApiAnswer): boolean {
	if (answer.status === 405) return true;
	if (answer.status !== 404) return false;
	const text = serverText(answer.body);
	if (text === undefined || /\broute\b/i.test(text)) return true;
	// Words, not paths: "Cannot POST /api/assistants/x" names a route, not a missing assistant.
	return !/assistant|no query results/i.test(text.replace(/\S*\/\S*/g, ' '));
}

/**
 * What every switch needs first: the Base URL and a redactor of the key and the URL's token. The
 * UUID is refused here, before any request, when it is not one (whatever filled it).
 */
async function prepare(
	this: ApiContext,
	{ assistantUuid, webhookUrl }: SwitchRequest,
): Promise<{ baseUrl: string; redact: (text: string) => string }> {
	const credential = await this.getCredentials<IntellixentCredential>(CREDENTIAL_TYPE);
	const redact = secretRedactor([credential.apiKey, tokenOf(webhookUrl)]);
	uuidSegment(this.getNode(), assistantUuid, 'Assistant');
	return { baseUrl: normalizeBaseUrl(credential.baseUrl), redact };
}

async function inEitherForm(this: ApiContext, request: SwitchRequest): Promise<WebhookApiChoice> {
	const { operation, assistantUuid, webhookUrl, options } = request;
	const { baseUrl, redact } = await prepare.call(this, request);
	const key = baseUrlKey(baseUrl);
	const tried: Step[] = [];
	let assistantNumericId = options.prefer?.assistantNumericId;
	for (const form of formOrder(options.prefer?.form ?? rememberedForm(key))) {
		const route = routeOf(this.getNode(), form, operation, assistantUuid);
		try {
			if (form === 'body')
				assistantNumericId ??= await findAssistantNumericId.call(
					this,
					assistantUuid,
					operation,
					options.stage,
					redact,
				);
		} catch (error) {
			throw withFormsTried(error, tried, undefined);
		}
		const failure = await postSwitch.call(
			this,
			route,
			{ action: ACTION[operation], assistantId: assistantUuid, stage: options.stage },
			bodyOf(form, assistantNumericId, webhookUrl),
			options.retry,
		);
		if (!failure) {
			rememberForm(key, form);
			return form === 'body' ? { form, assistantNumericId } : { form };
		}
		const step = failure.answer && {
			text: describeStep(form, route, assistantNumericId, failure.answer, redact),
			status: failure.answer.status,
		};
		if (step && isUnknownRouteFailure(failure)) {
			tried.push(step);
			continue;
		}
		throw withFormsTried(failure.error, tried, step);
	}
	throw routeNotFound(this, operation, baseUrl, tried);
}

function formOrder(first: WebhookApiForm | undefined): WebhookApiForm[] {
	return first === 'body' ? ['body', 'path'] : ['path', 'body'];
}

function routeOf(
	node: INode,
	form: WebhookApiForm,
	operation: Operation,
	assistantUuid: string,
): string {
	return form === 'path'
		? endpoints.conversationEndedWebhookByPath(node, operation, assistantUuid)
		: endpoints.conversationEndedWebhookByBody(operation);
}

function bodyOf(
	form: WebhookApiForm,
	assistantNumericId: number | undefined,
	webhookUrl: string | undefined,
) {
	const body: IDataObject = form === 'body' ? { assistant_id: assistantNumericId } : {};
	if (webhookUrl !== undefined) body.webhook_url = webhookUrl;
	return Object.keys(body).length ? body : undefined;
}

/** Pages through the assistants list for the integer id that belongs to this UUID. */
async function findAssistantNumericId(
	this: ApiContext,
	assistantUuid: string,
	operation: Operation,
	stage: RequestPurpose['stage'],
	redact: (text: string) => string,
): Promise<number> {
	const wanted = assistantUuid.trim().toLowerCase();
	let page = 1;
	for (; page <= MAX_LIST_PAGES; page++) {
		const result = await listAssistants.call(this, page, LIST_PAGE_SIZE, stage);
		const match = result.data.find(
			(a) => typeof a?.uuid === 'string' && a.uuid.toLowerCase() === wanted,
		);
		if (match) return integerIdOf(this, match.id, assistantUuid, operation, redact);
		if (result.data.length === 0 || page >= result.last_page) break;
	}
	const where =
		page > MAX_LIST_PAGES
			? `among the first ${MAX_LIST_PAGES * LIST_PAGE_SIZE} assistants`
			: 'in the assistants list';
	throw apiFailure(NodeApiError, this, {
		httpCode: '404',
		message: `Could not ${ACTION[operation]}: assistant ${assistantUuid} was not found ${where} of this Intellixent account (404)`,
		description:
			'Choose the assistant again from the list. It may have been deleted, or it belongs to another account than the API key in the credential.',
	});
}

function integerIdOf(
	context: ApiContext,
	id: unknown,
	assistantUuid: string,
	operation: Operation,
	redact: (text: string) => string,
): number {
	const numeric = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
	if (typeof numeric === 'number' && Number.isSafeInteger(numeric) && numeric > 0) return numeric;
	throw apiFailure(NodeApiError, context, {
		message: `Could not ${ACTION[operation]}: Intellixent listed assistant ${assistantUuid} without an integer id`,
		// The id is the API's value: redacted, on one line and shortened like any quoted value.
		description: `The body form of the endpoint needs the assistant's integer id; the assistants list gave ${quotedValue(redact(JSON.stringify(id) ?? 'none'))}.`,
	});
}

function routeNotFound(
	context: ApiContext,
	operation: Operation,
	baseUrl: string,
	tried: Step[],
): NodeApiError {
	return apiFailure(WebhookRouteNotFoundError, context, {
		httpCode: String(tried[tried.length - 1].status),
		message: `Could not ${ACTION[operation]}: Intellixent at ${withoutUserInfo(baseUrl)} serves neither documented form of ${operation}-conversation-ended-webhook`,
		description: `${formsTried(tried)} Check the credential's Base URL (normally ${DEFAULT_BASE_URL}): it should be the Intellixent portal address.`,
	});
}

function apiFailure<E extends NodeApiError>(
	Kind: new (...args: ConstructorParameters<typeof NodeApiError>) => E,
	context: ApiContext,
	{ message, description, httpCode }: { message: string; description: string; httpCode?: string },
): E {
	const error = new Kind(context.getNode(), { message, httpCode: httpCode ?? null } as JsonObject, {
		message,
		description,
		httpCode,
	});
	// NodeApiError swaps a message that names a Node error code for a generic one: keep ours.
	error.message = message;
	return error;
}

/** After a fallback, adds what each form answered to the failure's description. */
function withFormsTried(error: unknown, tried: Step[], failedStep: Step | undefined): unknown {
	if (tried.length === 0 || !(error instanceof NodeApiError)) return error;
	const steps = failedStep ? [...tried, failedStep] : tried;
	error.description = [error.description, formsTried(steps)].filter(Boolean).join(' ');
	return error;
}

function formsTried(tried: Step[]): string {
	return `Forms tried: ${tried.map((step, i) => `${i + 1}) ${step.text}`).join('; ')}.`;
}

function describeStep(
	form: WebhookApiForm,
	route: string,
	assistantNumericId: number | undefined,
	answer: ApiAnswer,
	redact: (text: string) => string,
): string {
	const request =
		form === 'path'
			? `the path form POST ${route}`
			: `the body form POST ${route} {assistant_id: ${assistantNumericId}}`;
	return `${request} answered ${answer.status} ${summary(answer.body, redact)}`;
}

function summary(body: unknown, redact: (text: string) => string): string {
	const text = serverText(body);
	if (text !== undefined) {
		// Redacted before it is cut, so that no part of a secret is left at the cut.
		const clean = redact(text);
		return `"${clean.length > ANSWER_TEXT_LIMIT ? `${clean.slice(0, ANSWER_TEXT_LIMIT)}…` : clean}"`;
	}
	if (typeof body === 'string' && body.trimStart().startsWith('<')) return '(an HTML page)';
	return body === undefined || body === null || body === '' ? '(no body)' : '(no message)';
}

/** The server's own words: `message` or `error` of a JSON answer, or a short plain-text body. */
function serverText(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const { message, error } = body as { message?: unknown; error?: unknown };
		if (typeof message === 'string' && message.trim()) return message.trim();
		if (typeof error === 'string' && error.trim()) return error.trim();
		return undefined;
	}
	if (typeof body !== 'string') return undefined;
	const trimmed = body.trim();
	return trimmed && !trimmed.startsWith('<') ? trimmed : undefined;
}

function tokenOf(webhookUrl: string | undefined): string | undefined {
	if (webhookUrl === undefined) return undefined;
	try {
		return new URL(webhookUrl).searchParams.get(TOKEN_PARAMETER) ?? undefined;
	} catch {
		return undefined;
	}
}
