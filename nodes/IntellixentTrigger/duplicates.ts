/**
 * "Ignore duplicate deliveries": remembers the last conversation IDs each trigger node processed.
 *
 * Two layers:
 * - process memory, checked and updated synchronously, so two deliveries of one conversation
 *   arriving at the same n8n process at the same moment cannot both pass;
 * - the node's static data, which n8n saves to its database after the delivery is answered, so the
 *   memory survives restarts and is shared, with a short race window, between the webhook
 *   processes of a queue-mode setup (see the README for the exact guarantee).
 * Both keep at most DUPLICATE_WINDOW IDs per trigger node, oldest dropped first. The process
 * memory is bounded as a whole too: it holds at most MAX_TRIGGERS_IN_MEMORY trigger nodes, the
 * one that received a delivery least recently forgotten first (its static data still knows its
 * IDs). Conversation IDs are at most 200 characters (payload schema), so the whole memory stays
 * under MAX_TRIGGERS_IN_MEMORY × DUPLICATE_WINDOW × 200 characters.
 */
import type { IDataObject } from 'n8n-workflow';

export const DUPLICATE_WINDOW = 1000;
export const MAX_TRIGGERS_IN_MEMORY = 100;
const STATIC_DATA_KEY = 'recentConversationIds';

/** Trigger key → its recent conversation IDs. Insertion order is recency order: a trigger is moved to the end on every delivery. */
const memory = new Map<string, Set<string>>();

function remember(ids: Set<string>, id: string) {
	ids.delete(id);
	ids.add(id);
	if (ids.size > DUPLICATE_WINDOW) {
		const oldest = ids.values().next().value;
		if (oldest !== undefined) ids.delete(oldest);
	}
}

/** This trigger's IDs, marked as the most recently used; the least recent trigger is dropped. */
function idsInMemory(triggerKey: string): Set<string> {
	const ids = memory.get(triggerKey) ?? new Set<string>();
	memory.delete(triggerKey);
	memory.set(triggerKey, ids);
	if (memory.size > MAX_TRIGGERS_IN_MEMORY) {
		const leastRecent = memory.keys().next().value;
		if (leastRecent !== undefined) memory.delete(leastRecent);
	}
	return ids;
}

/**
 * The stored list, trimmed to its newest DUPLICATE_WINDOW strings. Only the tail is read, so a
 * huge or damaged list costs no more than a normal one.
 */
function storedIds(staticData: IDataObject): string[] {
	const stored = staticData[STATIC_DATA_KEY];
	if (!Array.isArray(stored)) return [];
	const ids: string[] = [];
	for (let i = stored.length - 1; i >= 0 && ids.length < DUPLICATE_WINDOW; i--) {
		if (typeof stored[i] === 'string') ids.push(stored[i] as string);
	}
	return ids.reverse();
}

/**
 * True when `conversationId` was already seen by the trigger node `triggerKey` (registration.ts
 * `triggerKey`: workflow id / node id); otherwise records it
 * and returns false. Either way the stored list is written back trimmed.
 */
export function isDuplicateDelivery(
	triggerKey: string,
	staticData: IDataObject,
	conversationId: string,
): boolean {
	const ids = idsInMemory(triggerKey);
	const stored = storedIds(staticData);
	const duplicate = ids.has(conversationId) || stored.includes(conversationId);
	remember(ids, conversationId);
	if (!duplicate) {
		stored.push(conversationId);
		if (stored.length > DUPLICATE_WINDOW) stored.shift();
	}
	// Written only when something changed: n8n saves changed static data to its database.
	const current = staticData[STATIC_DATA_KEY];
	if (!duplicate || !Array.isArray(current) || current.length !== stored.length) {
		staticData[STATIC_DATA_KEY] = stored;
	}
	return duplicate;
}

/** For tests: forget everything held in process memory. */
export function forgetDuplicatesInMemory() {
	memory.clear();
}

/** For tests: how many trigger nodes and conversation IDs the process memory holds. */
export function duplicatesInMemory(): { triggers: number; ids: number } {
	let ids = 0;
	for (const set of memory.values()) ids += set.size;
	return { triggers: memory.size, ids };
}
