/**
 * One delivery from Intellixent, from HTTP request to workflow items (n8n's `webhook()`).
 *
 * Order of checks, each with the status the sender gets:
 *   test-listen probe (200, see testListenGuard.ts) → token (401) → JSON body (400) → payload schema (422) → assistant (403)
 *   → channel filter and duplicates (200, no execution) → items (200, an execution starts).
 * A refused delivery is answered with a JSON error naming the problem, logged (values escaped,
 * ../shared/logText.ts), and, unless the user switched it off, emitted on the "Rejected" output, so that
 * nothing is lost silently. What that item keeps of the body, and how many such items a sender
 * without the token can cause, is bounded: refusedBody.ts, rejectionLimit.ts.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { deliveryToken, matchesDigest, tokenDigest } from './deliveryToken';
import { TOKEN_PARAMETER } from '../shared/secretRedaction';
import { isDuplicateDelivery } from './duplicates';
import type { IntellixentCredential } from '../shared/intellixentApi';
import { CREDENTIAL_TYPE } from '../shared/intellixentApi';
import { logText } from '../shared/logText';
import { shapeConversation } from './outputShapes';
import type { PayloadIssue } from './payloadSchema';
import { parseConversationEndedPayload } from './payloadSchema';
import { bodyRecord, rawBodyBytes } from './refusedBody';
import { getRegistration, triggerKey, triggerNodeId } from './registration';
import { admitUnprovenRejection, UNPROVEN_REJECTIONS_PER_MINUTE } from './rejectionLimit';
import { PROBE_HEADER, probeAnswer } from './testListenGuard';
import type { TriggerSettings } from './triggerOptions';
import { CALL_ENDED } from '../shared/webhookEvents';
import { readTriggerSettings } from './triggerOptions';
import { callItems, readCall } from './callDelivery';
import { tokenScope } from './callRegistration';

type RejectionReason = 'invalid_token' | 'invalid_json' | 'invalid_payload' | 'wrong_assistant';

interface Rejection {
	status: 400 | 401 | 403 | 422;
	reason: RejectionReason;
	message: string;
	issues?: PayloadIssue[];
	conversationId?: string;
	/** Call Ended: the call's id, when the refused body has one. */
	callId?: string | number;
}

/**
 * What is known about the sender: `true` when the delivery token proved it is Intellixent,
 * `false` when the token was missing or wrong, `null` when nothing was checked (verification off).
 */
type Authenticated = boolean | null;

const CHANNEL_LABELS: Record<string, string> = { widget: 'web widget', whatsapp: 'WhatsApp' };

export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readTriggerSettings.call(this);
	const receivedAt = new Date().toISOString();
	const request = this.getRequestObject();
	// Decoded only when needed (a body n8n did not parse): for a large conversation the decoding
	// costs as much as parsing it.
	let rawBody: string | undefined | null = null;
	const rawText = () =>
		rawBody === null ? (rawBody = rawBodyBytes(request)?.toString('utf8')) : rawBody;
	let authenticated: Authenticated = settings.verifyDeliveryToken ? true : null;
	const refuse = (rejection: Rejection) =>
		reject.call(this, settings, rejection, { request, receivedAt, authenticated });

	const probe = this.getHeaderData()[PROBE_HEADER];
	if (settings.verifyDeliveryToken || probe !== undefined) {
		const expected = await expectedTokenDigest.call(this, settings);
		if (probe !== undefined) return probeAnswer(matchesDigest(expected, probe));
		const received = (this.getQueryData() as IDataObject)[TOKEN_PARAMETER];
		if (!matchesDigest(expected, received)) {
			authenticated = false;
			return refuse({
				status: 401,
				reason: 'invalid_token',
				message:
					received === undefined
						? 'The delivery has no token. Only Intellixent, with the URL this trigger registered, can deliver here.'
						: 'The delivery token is wrong. Intellixent delivers to the URL registered when the workflow was published: if these deliveries are genuine, unpublish the workflow, then publish it, to register the current token.',
			});
		}
	}

	const body = readJsonBody(this.getBodyData(), rawText);
	if (!body.ok) return refuse({ status: 400, reason: 'invalid_json', message: body.problem });

	if (settings.event === CALL_ENDED) {
		const call = readCall(settings, body.value);
		if (!call.ok) return refuse(invalidPayload('post-call', call.issues, { callId: call.callId }));
		if (call.skip) return acknowledge(call.skip);
		const { payload } = call;
		return accept.call(this, settings, { noun: 'call', key: 'call_id', id: payload.id }, () =>
			callItems(settings, payload, body.value),
		);
	}

	const parsed = parseConversationEndedPayload(body.value);
	if (!parsed.ok) {
		return refuse(
			invalidPayload('conversation-ended', parsed.issues, {
				conversationId: conversationIdOf(body.value),
			}),
		);
	}
	const payload = parsed.payload;

	if (payload.assistant_id.toLowerCase() !== settings.assistantId.toLowerCase()) {
		return refuse({
			status: 403,
			reason: 'wrong_assistant',
			message: `This trigger listens to assistant ${settings.assistantId}, but the conversation belongs to assistant ${payload.assistant_id}.`,
			conversationId: payload.conversation_id,
		});
	}

	if (settings.channel !== 'all' && payload.type !== settings.channel) {
		return acknowledge(
			`Not processed: the trigger only takes ${CHANNEL_LABELS[settings.channel]} conversations, and this one came from ${payload.type ?? 'an unknown channel'}.`,
		);
	}

	return accept.call(
		this,
		settings,
		{ noun: 'conversation', key: 'conversation_id', id: payload.conversation_id },
		() =>
			shapeConversation(
				payload,
				{
					shape: settings.outputShape,
					includeRawPayload: settings.includeRawPayload,
					escapeFormulas: settings.escapeFormulas,
				},
				body.value,
			),
	);
}

function invalidPayload(
	kind: string,
	issues: PayloadIssue[],
	ids: Pick<Rejection, 'conversationId' | 'callId'>,
): Rejection {
	return {
		status: 422,
		reason: 'invalid_payload',
		message: `The payload is not a valid ${kind} event: ${issues.map((i) => `${i.field} ${i.problem}`).join('; ')}`,
		issues,
		...ids,
	};
}

/** What a delivery is about: a conversation or a call, by its id. */
interface Subject {
	noun: 'conversation' | 'call';
	key: 'conversation_id' | 'call_id';
	id: string | number;
}

/** A valid delivery: ignored as a duplicate, acknowledged without items, or emitted. */
function accept(
	this: IWebhookFunctions,
	settings: TriggerSettings,
	subject: Subject,
	makeItems: () => IDataObject[],
): IWebhookResponseData {
	const remembersDuplicates = settings.ignoreDuplicates && this.getMode() !== 'manual';
	if (
		remembersDuplicates &&
		isDuplicateDelivery(triggerKey(this), this.getWorkflowStaticData('node'), String(subject.id))
	) {
		this.logger.info(
			`Intellixent Trigger: ${subject.noun} ${logText(String(subject.id))} was already delivered; duplicate ignored`,
		);
		return acknowledge(`Not processed: ${subject.noun} ${subject.id} was already delivered.`);
	}

	const items = makeItems();
	if (items.length === 0) {
		return acknowledge(
			subject.noun === 'call'
				? `Not processed: call ${subject.id} has no transcript lines, and the trigger outputs one item per line.`
				: `Not processed: conversation ${subject.id} has no messages, and the trigger outputs one item per message.`,
		);
	}
	// Wrapped by hand: returnJsonArray takes an item with a truthy `json` key as already wrapped,
	// so a payload field named `json` would replace the whole conversation.
	const workflowData = [items.map((json) => ({ json })), []];
	const receipt: IDataObject = {
		received: true,
		processed: true,
		[subject.key]: subject.id,
	};
	if (remembersDuplicates) {
		// n8n saves the static data changed here (the duplicate memory) only when the node answers
		// before the execution starts: for an answer that n8n sends after starting the execution,
		// the new execution's copy of the workflow resets the "changed" flag first and the memory
		// is never written to the database (seen in n8n 2.40.7, live-webhooks.js).
		this.getResponseObject().status(200).json(receipt);
		return { noWebhookResponse: true, workflowData };
	}
	return { workflowData, webhookResponse: receipt };
}

/**
 * The digest of the token this trigger registered: from the registration in static data (no
 * credential access on the hot path), or derived from the credential for a registration made
 * before digests were recorded, for another assistant, or damaged (fields of the wrong type).
 */
async function expectedTokenDigest(
	this: IWebhookFunctions,
	settings: TriggerSettings,
): Promise<string> {
	const { assistantId } = settings;
	const registration = getRegistration(this.getWorkflowStaticData('node')) as
		| { tokenDigest?: unknown; assistantId?: unknown }
		| undefined;
	if (
		typeof registration?.tokenDigest === 'string' &&
		registration.tokenDigest !== '' &&
		typeof registration.assistantId === 'string' &&
		registration.assistantId.toLowerCase() === assistantId.toLowerCase()
	) {
		return registration.tokenDigest;
	}
	const credential = await this.getCredentials<IntellixentCredential>(CREDENTIAL_TYPE);
	return tokenDigest(
		deliveryToken(credential.apiKey, {
			webhookId: tokenScope(settings, triggerNodeId(this.getNode())),
			assistantId,
		}),
	);
}

function acknowledge(message: string): IWebhookResponseData {
	return { webhookResponse: { received: true, processed: false, message } };
}

interface RefusedRequest {
	request: unknown;
	receivedAt: string;
	authenticated: Authenticated;
}

function reject(
	this: IWebhookFunctions,
	settings: TriggerSettings,
	rejection: Rejection,
	refused: RefusedRequest,
): IWebhookResponseData {
	const answer: IDataObject = { error: rejection.reason, message: rejection.message };
	if (rejection.issues) answer.issues = rejection.issues as unknown as IDataObject[];
	this.getResponseObject().status(rejection.status).json(answer);
	const logLine = `Intellixent Trigger: refused a delivery with ${rejection.status} (${rejection.reason}): ${logText(rejection.message, 2000)}`;
	if (!settings.recordRejected) {
		this.logger.warn(logLine);
		return { noWebhookResponse: true };
	}

	const proven = refused.authenticated === true;
	const admission = proven ? undefined : admitUnprovenRejection(triggerKey(this));
	if (admission && !admission.record) {
		this.logger.warn(
			`${logLine} (not on the Rejected output: more than ${UNPROVEN_REJECTIONS_PER_MINUTE} refusals of unauthenticated senders this minute; ${admission.unrecorded} not recorded so far)`,
		);
		return { noWebhookResponse: true };
	}
	this.logger.warn(logLine);
	const item = rejectedItem(settings, rejection, refused, proven);
	if (admission) item.unrecorded_before = admission.unrecordedBefore;
	return { noWebhookResponse: true, workflowData: [[], this.helpers.returnJsonArray([item])] };
}

/** The item on the Rejected output; the body whole only when the token proved the sender. */
function rejectedItem(
	settings: TriggerSettings,
	rejection: Rejection,
	refused: RefusedRequest,
	proven: boolean,
): IDataObject {
	return {
		rejected: true,
		reason: rejection.reason,
		status_code: rejection.status,
		message: rejection.message,
		issues: (rejection.issues ?? []) as unknown as IDataObject[],
		...(settings.event === CALL_ENDED
			? { call_id: rejection.callId ?? null }
			: { conversation_id: rejection.conversationId ?? null }),
		received_at: refused.receivedAt,
		authenticated: refused.authenticated,
		...bodyRecord(rawBodyBytes(refused.request), proven),
	};
}

type BodyResult = { ok: true; value: unknown } | { ok: false; problem: string };

/** n8n has usually parsed JSON already; when it has not (other content type), parse the raw body. */
function readJsonBody(parsedBody: unknown, rawBody: () => string | undefined): BodyResult {
	const parsedSomething =
		parsedBody !== undefined &&
		parsedBody !== null &&
		!(
			typeof parsedBody === 'object' &&
			!Array.isArray(parsedBody) &&
			Object.keys(parsedBody).length === 0
		);
	if (parsedSomething && typeof parsedBody !== 'string' && !(parsedBody instanceof Uint8Array)) {
		return { ok: true, value: parsedBody };
	}
	const text = rawBody() ?? (typeof parsedBody === 'string' ? parsedBody : undefined);
	if (text === undefined || text.trim() === '') {
		return parsedBody === undefined || parsedBody === null
			? { ok: false, problem: 'The request body is empty: expected the conversation as JSON.' }
			: { ok: true, value: parsedBody };
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		return {
			ok: false,
			problem: `The request body is not valid JSON (${(error as Error).message}).`,
		};
	}
}

function conversationIdOf(value: unknown): string | undefined {
	const id = (value as { conversation_id?: unknown } | null)?.conversation_id;
	return typeof id === 'string' ? id : undefined;
}
