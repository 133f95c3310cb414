/**
 * What the Call Ended event changes in the webhook lifecycle (registration.ts runs it; this file
 * holds what differs from the conversation event):
 * - which API switches the webhook: the post-call webhook's `enable-webhook` / `disable-webhook`
 *   (../shared/webhookRegistration.ts picks `switchPostCallWebhook` for this event) instead of the
 *   conversation-ended one;
 * - Registration "Manual": publishing calls nothing at Intellixent, the user pastes the URL in the
 *   assistant's Post-Call Actions, and unpublishing leaves the assistant as it is (the node did
 *   not enable anything). Its delivery token is bound to the API key and the assistant only, not
 *   to the node: the editor has to show it (`manualDeliveryToken`), and n8n gives an editor
 *   method neither the node's webhook id nor its URL;
 * - "Automatic" at an Intellixent that does not serve `enable-webhook` (an unknown route):
 *   publishing fails with the URL to paste and where, rather than pretending to be registered.
 */
import type { ILoadOptionsFunctions, INode, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deliveryToken } from './deliveryToken';
import type { IntellixentCredential } from '../shared/intellixentApi';
import { CREDENTIAL_TYPE, normalizeBaseUrl } from '../shared/intellixentApi';
import type { WebhookApiChoice } from '../shared/webhookRegistrationApi';
import { WebhookRouteNotFoundError } from '../shared/webhookRegistrationApi';
import { withoutUserInfo } from '../shared/baseUrl';
import type { Registration } from './registration';
import type { TriggerEvent } from '../shared/webhookEvents';
import { CALL_ENDED, CONVERSATION_ENDED } from '../shared/webhookEvents';
import type { TriggerSettings } from './triggerOptions';
import { OPTION_DEFAULTS } from './triggerOptions';

/** What a manual token is bound to instead of a node (see the header). */
const MANUAL_REGISTRATION_SCOPE = 'call-ended/manual-registration';

/** Where the post-call webhook URL is pasted in Intellixent's dashboard. */
export const PASTE_PLACE = 'the assistant → Post-Call Actions → Post call webhook';

/** True when this node only listens: the user registered its URL in Intellixent by hand. */
export function isManualRegistration(
	settings: Pick<TriggerSettings, 'event' | 'registrationMode'>,
): boolean {
	return settings.event === CALL_ENDED && settings.registrationMode === 'manual';
}

/** What the delivery token is bound to besides the assistant: the node, or (manual) nothing. */
export function tokenScope(
	settings: Pick<TriggerSettings, 'event' | 'registrationMode'>,
	nodeId: string,
): string {
	return isManualRegistration(settings) ? MANUAL_REGISTRATION_SCOPE : nodeId;
}

/**
 * For "Automatic" at an Intellixent that does not serve `enable-webhook` (an unknown route): the
 * error that says which URL to paste and where; any other error as it is.
 */
export function pasteInsteadError(
	node: INode,
	error: unknown,
	url: string,
	webhookUrl: string,
): unknown {
	if (!(error instanceof WebhookRouteNotFoundError)) return error;
	return new NodeOperationError(
		node,
		`Intellixent has no API to switch on the post-call webhook: paste this node's URL in Intellixent instead`,
		{
			description: `${error.description ?? error.message} Set this node's Registration to "Manual" and publish: nothing is then called at Intellixent. Paste ${webhookUrl}${url !== webhookUrl ? '?token=<the token the node shows under Registration "Manual">' : ''} in Intellixent, in ${PASTE_PLACE}, and switch Post call webhook on.`,
		},
	);
}

/**
 * The editor's display of the token to paste under Registration "Manual" (a one-entry list: n8n
 * has no read-only text computed on the server). Its value is a constant, so the token is never
 * saved in the workflow.
 */
export async function manualDeliveryToken(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const assistant = this.getCurrentNodeParameter('assistant') as { value?: unknown } | string;
	const value = typeof assistant === 'object' && assistant !== null ? assistant.value : assistant;
	const assistantId = typeof value === 'string' ? value.trim() : '';
	const options = (this.getCurrentNodeParameter('options') ?? {}) as {
		verifyDeliveryToken?: boolean;
	};
	if (!(options.verifyDeliveryToken ?? OPTION_DEFAULTS.verifyDeliveryToken)) {
		return [
			{
				name: 'No Token: Verify Delivery Token Is Off',
				value: 'shown',
				description: 'Paste the Production URL as it is',
			},
		];
	}
	if (!assistantId) {
		return [{ name: 'Choose the Assistant First', value: 'shown' }];
	}
	const credential = await this.getCredentials<IntellixentCredential>(CREDENTIAL_TYPE);
	const token = deliveryToken(credential.apiKey, {
		webhookId: MANUAL_REGISTRATION_SCOPE,
		assistantId,
	});
	return [
		{
			name: `?token=${token}`,
			value: 'shown',
			description: `Add this to the end of the Production URL and paste the whole URL in ${PASTE_PLACE} (Intellixent at ${withoutUserInfo(normalizeBaseUrl(credential.baseUrl))})`,
		},
	];
}

/**
 * The API form to try first: what enabled the previous registration of the same event at this
 * Base URL. Its integer assistant id (the body form's) is kept only for the same assistant: for
 * another one, only the form is, and the id is looked up again.
 */
export function preferredApi(
	previous: Registration | undefined,
	baseKey: string,
	assistantId: string,
	event: TriggerEvent,
): WebhookApiChoice | undefined {
	if (previous?.api?.baseUrl !== baseKey || eventOf(previous) !== event) return undefined;
	return typeof previous.assistantId === 'string' &&
		previous.assistantId.toLowerCase() === assistantId.toLowerCase()
		? previous.api
		: { form: previous.api.form };
}

export function eventOf(registration: Registration): TriggerEvent {
	return registration.event === CALL_ENDED ? CALL_ENDED : CONVERSATION_ENDED;
}
