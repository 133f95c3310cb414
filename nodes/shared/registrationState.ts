/**
 * All that this n8n process remembers about webhook registration, in one place (nothing else in
 * the package keeps registration state outside the workflows' static data):
 * - which API form worked at each Base URL (webhookRegistrationApi.ts tries it first);
 * - which trigger registered each assistant last (its holder), or that the action node's
 *   Enable/Disable changed the assistant's webhook after a trigger had registered it;
 * - which trigger nodes made a production registration here (testListenGuard.ts).
 *
 * Intellixent keeps one webhook URL per assistant: when workflow Y registers assistant A after
 * workflow X did, Y takes A over, but X's static data still says "I registered A". Without the
 * holder record, unpublishing X would switch A's webhook off and silence Y. Registration runs where
 * n8n runs the webhook methods (the main process; the leader in multi-main), so that is where the
 * record lives. It is rebuilt when n8n re-registers every published workflow (n8n 1.x at start, a
 * new leader in multi-main): each trigger then passes its original claim time from static data,
 * and a trigger whose claim is older than the recorded holder's yields instead of taking the
 * assistant back. n8n 2.x runs no webhook method at start, so after a restart this process knows
 * no holder until the next registration; callers then fall back to their static data.
 *
 * Only webhookRegistration.ts writes holders; readers use the functions below.
 */
import type { TriggerEvent } from './webhookEvents';
import { CONVERSATION_ENDED } from './webhookEvents';

export type WebhookApiForm = 'path' | 'body';

export interface Holder {
	/** The webhook URL without the token (a trigger's: one per trigger node and mode). */
	webhookUrl: string;
	workflowId: string;
	nodeName: string;
	/** When the holder claimed the assistant (ISO 8601); a trigger keeps it across re-registrations. */
	claimedAt: string;
	/**
	 * Set when the action node's Conversation-Ended Webhook > Enable or Disable changed the webhook
	 * after a trigger had registered it: the assistant is no longer the trigger's to switch off.
	 * `webhookUrl` is then the URL the action node set (empty for Disable).
	 */
	actionNode?: 'enable' | 'disable';
}

const MAX_REMEMBERED_BASE_URLS = 50;

/** baseUrlKey → the form that last worked there. */
const formByBaseUrl = new Map<string, WebhookApiForm>();

/** holderKey → the last registration of that assistant at that Base URL. */
const holders = new Map<string, Holder>();

/** Trigger key (registration.ts `triggerKey`) → assistant UUID of production registrations made here. */
const productionRegistrations = new Map<string, string>();

export function rememberedForm(baseKey: string): WebhookApiForm | undefined {
	return formByBaseUrl.get(baseKey);
}

/** Remembers the form that worked, most recent last; the oldest Base URL is forgotten past the bound. */
export function rememberForm(baseKey: string, form: WebhookApiForm) {
	formByBaseUrl.delete(baseKey);
	formByBaseUrl.set(baseKey, form);
	if (formByBaseUrl.size > MAX_REMEMBERED_BASE_URLS) {
		formByBaseUrl.delete(formByBaseUrl.keys().next().value as string);
	}
}

/**
 * One webhook per assistant AND event: an assistant's post-call webhook and its
 * conversation-ended webhook are two URLs, so a Call Ended trigger never takes over, or switches
 * off, the conversation webhook of the same assistant (nor the other way round).
 */
export function holderKey(
	baseUrlKey: string,
	assistantId: string,
	event: TriggerEvent = CONVERSATION_ENDED,
): string {
	const key = `${baseUrlKey}\n${assistantId.trim().toLowerCase()}`;
	return event === CONVERSATION_ENDED ? key : `${key}\n${event}`;
}

export function recordHolder(key: string, holder: Holder) {
	holders.set(key, { ...holder });
}

/**
 * The action node changed the assistant's webhook: recorded only when a trigger registered it
 * here (or the action node already took it over), so the record stays bounded by the triggers.
 */
export function recordActionNodeChange(key: string, change: Omit<Holder, 'claimedAt'>) {
	if (holders.has(key)) holders.set(key, { ...change, claimedAt: new Date().toISOString() });
}

/** Forgets the holder, if it is still the trigger with this URL. */
export function releaseHolder(key: string, webhookUrl: string) {
	const holder = holders.get(key);
	if (holder && !holder.actionNode && holder.webhookUrl === webhookUrl) holders.delete(key);
}

/**
 * Who changed the assistant after the trigger with this URL, if this process knows: a later
 * trigger, or the action node (even when it set the trigger's own URL: it is its setting now).
 */
export function takenOverBy(key: string, webhookUrl: string): Holder | undefined {
	const holder = holders.get(key);
	return holder && (holder.actionNode || holder.webhookUrl !== webhookUrl)
		? { ...holder }
		: undefined;
}

/**
 * For a re-registration (n8n re-asserting published workflows): the other holder whose claim is
 * newer than `claimedAt`, if any. The trigger re-registering should then leave the assistant to it.
 */
export function newerHolder(
	key: string,
	webhookUrl: string,
	claimedAt: string,
): Holder | undefined {
	const holder = takenOverBy(key, webhookUrl);
	return holder && Date.parse(holder.claimedAt) > Date.parse(claimedAt) ? holder : undefined;
}

export function rememberProductionRegistration(triggerKey: string, assistantId: string) {
	productionRegistrations.set(triggerKey, assistantId.toLowerCase());
}

export function forgetProductionRegistration(triggerKey: string) {
	productionRegistrations.delete(triggerKey);
}

export function hasProductionRegistration(triggerKey: string, assistantId: string): boolean {
	return productionRegistrations.get(triggerKey) === assistantId.toLowerCase();
}
