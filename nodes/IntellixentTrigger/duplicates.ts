/**
 * "Ignore duplicate deliveries": remembers the last conversation IDs each trigger node processed.
 *
 * Two layers:
 * - process memory, checked and updated synchronously, so two deliveries of one conversation
 *   arriving at the same n8n process at the same moment cannot both pass;
 * - the node's static data, which n8n saves to its database after the delivery is answered, so the
 *   memory survives restarts and is shared, with a short race window, between the webhook
 *   processes of a queue-mode setup (see the README for the exact guarantee).
 * Both keep at most DUPLICATE_WINDOW IDs per trigger node, oldest dropped first.
 */
import type { IDataObject } from 'n8n-workflow';

export const DUPLICATE_WINDOW = 1000;
const STATIC_DATA_KEY = 'recentConversationIds';

const memory = new Map<string, Set<string>>();

function remember(ids: Set<string>, id: string) {
	ids.add(id);
	if (ids.size > DUPLICATE_WINDOW) {
		const oldest = ids.values().next().value;
		if (oldest !== undefined) ids.delete(oldest);
	}
}

/**
 * True when `conversationId` was already seen by this trigger node (`scope`); otherwise records it
 * and returns false.
 */
export function isDuplicateDelivery(scope: string, staticData: IDataObject, conversationId: string): boolean {
	let ids = memory.get(scope);
	if (!ids) {
		ids = new Set();
		memory.set(scope, ids);
	}
	const stored = Array.isArray(staticData[STATIC_DATA_KEY])
		? (staticData[STATIC_DATA_KEY] as unknown[]).filter((v): v is string => typeof v === 'string')
		: [];
	if (ids.has(conversationId) || stored.includes(conversationId)) {
		remember(ids, conversationId);
		return true;
	}
	remember(ids, conversationId);
	stored.push(conversationId);
	staticData[STATIC_DATA_KEY] = stored.slice(-DUPLICATE_WINDOW);
	return false;
}

/** For tests: forget everything held in process memory. */
export function forgetDuplicatesInMemory() {
	memory.clear();
}
