/**
 * The one way into webhook registration: switching an assistant's webhook on or off, for the
 * trigger's webhook methods (registration.ts) and for the action node's Conversation-Ended Webhook
 * > Enable / Disable alike. It calls the API (webhookRegistrationApi.ts: the conversation-ended
 * webhook in either documented form, or the post-call webhook) and keeps this process's record of
 * who holds the assistant (registrationState.ts) in step with what Intellixent was told:
 * - a trigger that enabled becomes the holder; one that disabled (or found the assistant gone)
 *   stops being it;
 * - the action node, when a trigger holds the assistant, is recorded as having taken it over, so
 *   that the trigger's unpublish leaves the URL the action node set (or its Disable) alone.
 * The decisions before a trigger's call (leave the assistant to a newer holder, or to the action
 * node) stay in registration.ts, which reads the same record.
 */
import { NodeApiError } from 'n8n-workflow';

import type { RequestPurpose } from './apiErrors';
import type { IntellixentCredential, RetryPolicy } from './intellixentApi';
import { CREDENTIAL_TYPE, normalizeBaseUrl } from './intellixentApi';
import type { Holder } from './registrationState';
import {
	holderKey,
	recordActionNodeChange,
	recordHolder,
	releaseHolder,
} from './registrationState';
import type { SwitchRequest, WebhookApiChoice } from './webhookRegistrationApi';
import {
	baseUrlKey,
	disableConversationEndedWebhook,
	enableConversationEndedWebhook,
	switchPostCallWebhook,
	WebhookRouteNotFoundError,
} from './webhookRegistrationApi';
import type { TriggerEvent } from './webhookEvents';
import { CALL_ENDED } from './webhookEvents';

type ApiContext = ThisParameterType<typeof switchPostCallWebhook>;

/** Who switches: a trigger node (its holder record) or the action node (which workflow and node). */
export type Switcher =
	| { trigger: Omit<Holder, 'actionNode'> }
	| { actionNode: { workflowId: string; nodeName: string } };

export interface WebhookSwitch {
	event: TriggerEvent;
	assistantId: string;
	by: Switcher;
	stage: RequestPurpose['stage'];
	/** The form to try first (what enabled a registration). */
	prefer?: WebhookApiChoice;
	retry?: RetryPolicy;
	/** The Base URL key the switch is recorded under; the credential's when absent. */
	baseKey?: string;
}

/** Points the assistant's webhook of `event` at `url` (the URL with any token). */
export async function enableWebhook(
	this: ApiContext,
	url: string,
	change: WebhookSwitch,
): Promise<WebhookApiChoice> {
	const choice = await switchApi.call(this, change, 'enable', url);
	const key = await keyOf(this, change);
	if ('trigger' in change.by) recordHolder(key, change.by.trigger);
	else
		recordActionNodeChange(key, { ...change.by.actionNode, webhookUrl: url, actionNode: 'enable' });
	return choice;
}

/** Switches the assistant's webhook of `event` off. */
export async function disableWebhook(
	this: ApiContext,
	change: WebhookSwitch,
): Promise<WebhookApiChoice> {
	// Nothing is left to hold when the assistant is gone; the error goes on unchanged.
	const choice = await switchApi
		.call(this, change, 'disable', undefined)
		.catch(async (error: unknown) => {
			if (isAssistantGone(error) && 'trigger' in change.by)
				releaseHolder(await keyOf(this, change), change.by.trigger.webhookUrl);
			throw error;
		});
	const key = await keyOf(this, change);
	if ('trigger' in change.by) releaseHolder(key, change.by.trigger.webhookUrl);
	else
		recordActionNodeChange(key, { ...change.by.actionNode, webhookUrl: '', actionNode: 'disable' });
	return choice;
}

/** The event's API: the post-call webhook for Call Ended, else the conversation-ended one. */
async function switchApi(
	this: ApiContext,
	change: WebhookSwitch,
	operation: SwitchRequest['operation'],
	webhookUrl: string | undefined,
): Promise<WebhookApiChoice> {
	const request: SwitchRequest = {
		operation,
		assistantUuid: change.assistantId,
		webhookUrl,
		options: { prefer: change.prefer, retry: change.retry, stage: change.stage },
	};
	if (change.event === CALL_ENDED) return await switchPostCallWebhook.call(this, request);
	return operation === 'enable' && webhookUrl !== undefined
		? await enableConversationEndedWebhook.call(
				this,
				change.assistantId,
				webhookUrl,
				request.options,
			)
		: await disableConversationEndedWebhook.call(this, change.assistantId, request.options);
}

/** A 404 that says the assistant is gone (not that the API serves neither form). */
export function isAssistantGone(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '404' &&
		!(error instanceof WebhookRouteNotFoundError)
	);
}

async function keyOf(context: ApiContext, change: WebhookSwitch): Promise<string> {
	const baseKey =
		change.baseKey ??
		baseUrlKey(
			normalizeBaseUrl(
				(await context.getCredentials<IntellixentCredential>(CREDENTIAL_TYPE)).baseUrl,
			),
		);
	return holderKey(baseKey, change.assistantId, change.event);
}
