/**
 * Which trigger registered each assistant last, as far as this n8n process knows.
 *
 * Intellixent keeps one webhook URL per assistant: when workflow Y registers assistant A after
 * workflow X did, Y takes A over, but X's static data still says "I registered A". Without this
 * record, unpublishing X would switch A's webhook off and silence Y. Registration runs where n8n
 * runs the webhook methods (the main process; the leader in multi-main), so that is where the
 * record lives. It is rebuilt when n8n re-registers every published workflow (n8n 1.x at start,
 * a new leader in multi-main): each trigger then passes its original claim time from static data,
 * and a trigger whose claim is older than the recorded holder's yields instead of taking the
 * assistant back. n8n 2.x runs no webhook method at start, so after a restart this process knows
 * no holder until the next registration; callers then fall back to their static data.
 */
import type { TriggerEvent } from './triggerOptions';
import { CONVERSATION_ENDED } from './triggerOptions';

export interface Holder {
	/** The holder's webhook URL without the token: one per trigger node and mode. */
	webhookUrl: string;
	workflowId: string;
	nodeName: string;
	/** When the holder claimed the assistant (ISO 8601); kept across re-registrations. */
	claimedAt: string;
}

/** holderKey → the last registration of that assistant at that Base URL. */
const holders = new Map<string, Holder>();

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

/** Forgets the holder, if it is still the one with this URL. */
export function releaseHolder(key: string, webhookUrl: string) {
	if (holders.get(key)?.webhookUrl === webhookUrl) holders.delete(key);
}

/** The trigger that registered the assistant after the one with this URL, if this process knows one. */
export function takenOverBy(key: string, webhookUrl: string): Holder | undefined {
	const holder = holders.get(key);
	return holder && holder.webhookUrl !== webhookUrl ? { ...holder } : undefined;
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
