/**
 * The webhook lifecycle (n8n's `webhookMethods.default`): register this node's URL with
 * Intellixent on publish, remove it on unpublish, and never let a test listen take a published
 * workflow's conversations away.
 *
 * Intellixent keeps ONE webhook URL per assistant and event (the conversation-ended webhook, and
 * the post-call webhook of Call Ended, whose differences are in callRegistration.ts) and has no
 * endpoint to read it back, so:
 * - registration is re-asserted on every activation (`checkExists` always answers false and the
 *   enable call is idempotent), rather than trusting static data that may be stale;
 * - what this node registered is recorded in static data (with the API form that worked, see
 *   ../shared/webhookRegistrationApi.ts), and `delete` only disables the webhook when the assistant still
 *   points at this node's URL as far as that record and this process know: a trigger whose
 *   assistant was registered again by another trigger (or changed by the action node) later leaves
 *   it alone (../shared/registrationState.ts); all switching goes through
 *   ../shared/webhookRegistration.ts;
 * - when n8n re-registers published workflows (n8n 1.x at start, a new multi-main leader), each
 *   trigger keeps its original claim time, and one whose claim is older than the recorded
 *   holder's does not take the assistant back;
 * - `delete` never throws: a 404 counts as done, anything else is logged and unpublishing goes on.
 */
import type { IDataObject, IHookFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Holder } from '../shared/registrationState';
import {
	forgetProductionRegistration,
	holderKey,
	newerHolder,
	rememberProductionRegistration,
	takenOverBy,
} from '../shared/registrationState';
import { logText } from '../shared/logText';
import { deliveryToken, tokenDigest, withToken } from './deliveryToken';
import type { IntellixentCredential, RetryPolicy } from '../shared/intellixentApi';
import { CREDENTIAL_TYPE, normalizeBaseUrl, redactUrl } from '../shared/intellixentApi';
import type { WebhookApiChoice } from '../shared/webhookRegistrationApi';
import { baseUrlKey } from '../shared/webhookRegistrationApi';
import { disableWebhook, enableWebhook, isAssistantGone } from '../shared/webhookRegistration';
import {
	eventOf,
	isManualRegistration,
	PASTE_PLACE,
	pasteInsteadError,
	preferredApi,
	tokenScope,
} from './callRegistration';
import { isPublishedForAssistant } from './testListenGuard';
import { UUID_PATTERN } from '../shared/sharedProperties';
import { withAdviceInBoth } from './publishErrors';
import { CALL_ENDED } from '../shared/webhookEvents';
import { readTriggerSettings } from './triggerOptions';
import { unreachableWebhookUrlProblem } from './webhookUrl';

/** What this node registered, kept in the node's static data. */
export interface Registration {
	assistantId: string;
	/** The node's webhook URL without the token. */
	webhookUrl: string;
	/** True when registered for "Listen for test event". */
	test: boolean;
	/** When this trigger claimed the assistant; kept when n8n re-registers it. */
	registeredAt: string;
	/** tokenDigest() of the delivery token, when the URL was registered with one. */
	tokenDigest?: string;
	/** The API form that enabled the webhook at this Base URL (baseUrlKey), to disable the same way. */
	api?: WebhookApiChoice & { baseUrl: string };
	/** The webhook registered: absent for the conversation-ended one (records older than events). */
	event?: typeof CALL_ENDED;
	/** Call Ended, Registration "Manual": the user pasted the URL, the node enabled nothing. */
	manual?: true;
}

/** An API error with the forms tried can run long; it is still one log line. */
const LOG_ERROR_MAX_LENGTH = 2000;

const REGISTRATION_KEY = 'registration';

/** n8n re-registering published workflows rather than a user publishing one. */
const REASSERTING_MODES = new Set(['init', 'leadershipChange']);

/** Unpublishing should be quick: fewer, shorter attempts than activation. */
const DELETE_RETRY: RetryPolicy = {
	attempts: 2,
	baseDelayMs: 500,
	maxDelayMs: 2000,
	timeoutMs: 8000,
};

export function getRegistration(staticData: IDataObject): Registration | undefined {
	const value = staticData[REGISTRATION_KEY];
	return value && typeof value === 'object' ? (value as unknown as Registration) : undefined;
}

/**
 * The identity of this trigger node, stable across saves and processes: its webhookId, else its
 * id, else its name. One of the two inputs the delivery token is derived from.
 */
export function triggerNodeId(node: { webhookId?: string; id?: string; name: string }): string {
	return node.webhookId ?? node.id ?? node.name;
}

/**
 * `<workflow id>/<trigger node id>`: the key of one trigger node in this process's memory (its
 * production registration, its duplicate memory, its rejection limit). The workflow id is part of
 * it because a copied workflow keeps its nodes' ids.
 */
export function triggerKey(context: Pick<IHookFunctions, 'getWorkflow' | 'getNode'>): string {
	return `${context.getWorkflow().id ?? ''}/${triggerNodeId(context.getNode())}`;
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	// Intellixent cannot tell which URL an assistant posts to, and re-enabling is idempotent:
	// answering false makes n8n call create() on every activation, which re-asserts the URL.
	// When the action node changed the webhook after this trigger registered it, that is said
	// first, since create() now takes the assistant back.
	const holder = await actionNodeHolder(this).catch(() => undefined);
	if (holder)
		this.logger.info(
			`Intellixent Trigger (${where(this)}): ${describeActionNodeChange(holder)} after this trigger registered assistant ${logText(getRegistration(this.getWorkflowStaticData('node'))?.assistantId ?? '?')}; registering now points it at this trigger again`,
		);
	return false;
}

/** The action node's change of the assistant this trigger's record names, if this process knows one. */
async function actionNodeHolder(context: IHookFunctions): Promise<Holder | undefined> {
	const registration = getRegistration(context.getWorkflowStaticData('node'));
	if (!registration || registration.manual) return undefined;
	const key = holderKey(
		await registeredBaseUrlKey(context, registration),
		registration.assistantId,
		eventOf(registration),
	);
	const holder = takenOverBy(key, registration.webhookUrl);
	return holder?.actionNode ? holder : undefined;
}

export async function registerWebhook(this: IHookFunctions): Promise<boolean> {
	try {
		return await register.call(this);
	} catch (error) {
		throw this.getActivationMode() === 'manual' ? error : withAdviceInBoth(error);
	}
}

async function register(this: IHookFunctions): Promise<boolean> {
	const settings = readTriggerSettings.call(this);
	const node = this.getNode();
	if (!new RegExp(UUID_PATTERN).test(settings.assistantId)) {
		throw new NodeOperationError(
			node,
			settings.assistantId
				? `"${settings.assistantId}" is not an assistant ID: Intellixent assistant IDs are UUIDs`
				: 'No assistant selected',
			{
				description:
					'Choose the assistant from the list, or paste its UUID (like f9e8d7c6-b5a4-3210-fedc-ba9876543210) from the Intellixent portal.',
			},
		);
	}

	const webhookUrl = this.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(node, 'n8n did not provide a webhook URL for this node');
	}
	const credential = await this.getCredentials<IntellixentCredential>(CREDENTIAL_TYPE);
	const unreachable = unreachableWebhookUrlProblem(
		webhookUrl,
		normalizeBaseUrl(credential.baseUrl),
	);
	if (unreachable) {
		throw new NodeOperationError(node, "Intellixent cannot reach this n8n's webhook URL", {
			description: unreachable,
		});
	}

	const staticData = this.getWorkflowStaticData('node');
	const isTest = this.getActivationMode() === 'manual';
	const baseKey = baseUrlKey(normalizeBaseUrl(credential.baseUrl));
	const previous = getRegistration(staticData);
	const thisTrigger = triggerKey(this);
	const token = deliveryToken(credential.apiKey, {
		webhookId: tokenScope(settings, triggerNodeId(node)),
		assistantId: settings.assistantId,
	});
	// A manual registration changes nothing at Intellixent, so a test listen cannot take over.
	const manual = isManualRegistration(settings);
	if (
		!manual &&
		isTest &&
		(publishedPerWorkflowData(this, settings.assistantId, previous) ||
			(await isPublishedForAssistant.call(
				this,
				thisTrigger,
				settings.assistantId,
				webhookUrl,
				token,
			)))
	) {
		throw testWhilePublishedError(node);
	}

	const key = holderKey(baseKey, settings.assistantId, settings.event);
	const claimedAt = claimTime(this, previous, settings.assistantId);
	const newer =
		!manual && REASSERTING_MODES.has(this.getActivationMode())
			? newerHolder(key, webhookUrl, claimedAt)
			: undefined;
	if (newer) {
		this.logger.info(
			newer.actionNode
				? `Intellixent Trigger (${where(this)}): ${describeActionNodeChange(newer)} after this trigger registered assistant ${logText(settings.assistantId)}, so n8n's re-registration left it as the action node set it`
				: `Intellixent Trigger (${where(this)}): assistant ${logText(settings.assistantId)} was registered later by ${describeHolder(newer)}, so n8n's re-registration left it to that workflow`,
		);
		rememberProductionRegistration(thisTrigger, settings.assistantId);
		return true;
	}

	const urlToRegister = settings.verifyDeliveryToken ? withToken(webhookUrl, token) : webhookUrl;
	const registration: Registration = {
		assistantId: settings.assistantId,
		webhookUrl,
		test: isTest,
		registeredAt: claimedAt,
	};
	if (manual) {
		registration.manual = true;
	} else {
		const api = await enableWebhook
			.call(this, urlToRegister, {
				event: settings.event,
				assistantId: settings.assistantId,
				by: {
					trigger: {
						webhookUrl,
						workflowId: this.getWorkflow().id ?? '?',
						nodeName: node.name,
						claimedAt,
					},
				},
				stage: 'publish',
				prefer: preferredApi(previous, baseKey, settings.assistantId, settings.event),
				baseKey,
			})
			.catch((error: unknown) => {
				throw settings.event === CALL_ENDED
					? pasteInsteadError(node, error, urlToRegister, webhookUrl)
					: error;
			});
		registration.api = { baseUrl: baseKey, ...api };
	}
	if (settings.event === CALL_ENDED) registration.event = CALL_ENDED;
	if (settings.verifyDeliveryToken) registration.tokenDigest = tokenDigest(token);
	staticData[REGISTRATION_KEY] = registration as unknown as IDataObject;
	if (!isTest) rememberProductionRegistration(thisTrigger, settings.assistantId);
	return true;
}

/**
 * When this trigger claimed the assistant: now for a publish or a test listen; the recorded time
 * when n8n re-registers a published workflow (the claim is not new then).
 */
function claimTime(
	context: IHookFunctions,
	previous: Registration | undefined,
	assistantId: string,
): string {
	const recorded = previous?.registeredAt;
	const keep =
		REASSERTING_MODES.has(context.getActivationMode()) &&
		previous !== undefined &&
		!previous.test &&
		typeof previous.assistantId === 'string' &&
		previous.assistantId.toLowerCase() === assistantId.toLowerCase() &&
		typeof recorded === 'string' &&
		!Number.isNaN(Date.parse(recorded));
	return keep ? recorded : new Date().toISOString();
}

function where(context: IHookFunctions): string {
	return `workflow ${logText(context.getWorkflow().id ?? '?')}, node "${logText(context.getNode().name)}"`;
}

function describeHolder(holder: Holder): string {
	return `workflow ${logText(holder.workflowId)}, node "${logText(holder.nodeName)}" (${logText(redactUrl(holder.webhookUrl))}, at ${logText(holder.claimedAt)})`;
}

/** "the action node (workflow W, node "N") took the assistant over: it enabled … at T". */
function describeActionNodeChange(holder: Holder): string {
	const what =
		holder.actionNode === 'disable'
			? 'switched its webhook off'
			: `pointed its webhook at ${logText(redactUrl(holder.webhookUrl))}`;
	return `the action node (workflow ${logText(holder.workflowId)}, node "${logText(holder.nodeName)}") took the assistant over: it ${what} at ${logText(holder.claimedAt)}`;
}

/**
 * n8n protects only a hard-coded list of its own single-webhook triggers from "listen for test
 * event" while published. Without this guard, the test listen would point the assistant at the
 * test URL, and the test's clean-up would disable the webhook: the published workflow would go
 * silent with no error anywhere.
 */
function testWhilePublishedError(node: INode): NodeOperationError {
	return new NodeOperationError(
		node,
		"Can't listen for a test event while this workflow is published",
		{
			description:
				"Intellixent sends an assistant's conversations to one URL only. Listening for a test event would move them from the published workflow to the test URL, and stopping the test would switch the webhook off. Unpublish the workflow to test it (publishing again re-registers the production URL), or test with a copy of the workflow that uses another assistant.",
		},
	);
}

/** What the workflow data itself says, where n8n passes it to a test listen (2.40.7 does not). */
function publishedPerWorkflowData(
	context: IHookFunctions,
	assistantId: string,
	existing?: Registration,
): boolean {
	const sameAssistant = (r: Registration) =>
		r.assistantId.toLowerCase() === assistantId.toLowerCase();
	if (existing && !existing.test && sameAssistant(existing)) return true;
	return context.getWorkflow().active && (existing === undefined || sameAssistant(existing));
}

export async function unregisterWebhook(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const registration = getRegistration(staticData);
	const webhookUrl = this.getNodeWebhookUrl('default');
	const here = where(this);

	if (!registration) {
		this.logger.info(
			`Intellixent Trigger (${here}): no registration recorded for this URL, so the assistant's webhook was left as it is`,
		);
		return true;
	}
	if (registration.webhookUrl !== webhookUrl) {
		this.logger.info(
			`Intellixent Trigger (${here}): assistant ${logText(registration.assistantId)} is registered to ${logText(redactUrl(registration.webhookUrl))}, not to ${logText(redactUrl(webhookUrl ?? '?'))}, so it was left as it is`,
		);
		return true;
	}

	if (registration.manual) {
		this.logger.info(
			`Intellixent Trigger (${here}): the post-call webhook of assistant ${logText(registration.assistantId)} was pasted by hand, so it was left as it is; to stop the deliveries, switch it off in ${PASTE_PLACE}`,
		);
		forgetRegistration(this, staticData, registration);
		return true;
	}
	const event = eventOf(registration);
	const baseKey = await registeredBaseUrlKey(this, registration);
	const successor = takenOverBy(
		holderKey(baseKey, registration.assistantId, event),
		registration.webhookUrl,
	);
	if (successor) {
		this.logger.info(
			successor.actionNode
				? `Intellixent Trigger (${here}): ${describeActionNodeChange(successor)} after this trigger registered assistant ${logText(registration.assistantId)}, so its webhook was left as the action node set it`
				: `Intellixent Trigger (${here}): assistant ${logText(registration.assistantId)} was registered later by ${describeHolder(successor)}, which now receives its conversations, so its webhook was left switched on`,
		);
		forgetRegistration(this, staticData, registration);
		return true;
	}

	try {
		await disableWebhook.call(this, {
			event,
			assistantId: registration.assistantId,
			by: {
				trigger: {
					webhookUrl: registration.webhookUrl,
					workflowId: this.getWorkflow().id ?? '?',
					nodeName: this.getNode().name,
					claimedAt: registration.registeredAt,
				},
			},
			stage: 'publish',
			retry: DELETE_RETRY,
			prefer: registration.api,
			baseKey,
		});
	} catch (error) {
		if (isAssistantGone(error)) {
			this.logger.info(
				`Intellixent Trigger (${here}): assistant ${logText(registration.assistantId)} no longer exists; nothing to disable`,
			);
			forgetRegistration(this, staticData, registration);
			return true;
		}
		this.logger.warn(
			`Intellixent Trigger (${here}): could not switch off the webhook of assistant ${logText(registration.assistantId)}: ${logText(`${(error as Error).message}${describeMore(error)}`, LOG_ERROR_MAX_LENGTH)}. The workflow was unpublished anyway; Intellixent may keep posting to this URL (n8n will answer 404) until the webhook is switched off in Intellixent or the workflow is published again.`,
		);
		return false;
	}
	forgetRegistration(this, staticData, registration);
	return true;
}

/** Which forms were tried, when the failure says so (after a fallback). */
function describeMore(error: unknown): string {
	const description = error instanceof NodeApiError ? error.description : undefined;
	return typeof description === 'string' && description.includes('Forms tried:')
		? ` (${description.slice(description.indexOf('Forms tried:'))})`
		: '';
}

/** The Base URL the registration was made at; for records older than that field, the credential's. */
async function registeredBaseUrlKey(
	context: IHookFunctions,
	registration: Registration,
): Promise<string> {
	if (typeof registration.api?.baseUrl === 'string') return registration.api.baseUrl;
	try {
		const credential = await context.getCredentials<IntellixentCredential>(CREDENTIAL_TYPE);
		return baseUrlKey(normalizeBaseUrl(credential.baseUrl));
	} catch {
		// The disable call below reports a missing credential; no holder is known without it.
		return '';
	}
}

function forgetRegistration(
	context: IHookFunctions,
	staticData: IDataObject,
	registration: Registration,
) {
	delete staticData[REGISTRATION_KEY];
	if (!registration.test) forgetProductionRegistration(triggerKey(context));
}
