/**
 * The duplicate memory is bounded as a whole (MAX_TRIGGERS_IN_MEMORY trigger
 * nodes × DUPLICATE_WINDOW IDs), and the stored list is trimmed on every path, duplicate hits
 * included.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	DUPLICATE_WINDOW,
	duplicatesInMemory,
	forgetDuplicatesInMemory,
	isDuplicateDelivery,
	MAX_TRIGGERS_IN_MEMORY,
} from '../../../../nodes/IntellixentTrigger/duplicates';

beforeEach(() => forgetDuplicatesInMemory());

describe('process memory', () => {
	it(`holds at most ${MAX_TRIGGERS_IN_MEMORY} triggers × ${DUPLICATE_WINDOW} IDs, whatever the number of triggers`, () => {
		for (let trigger = 0; trigger < MAX_TRIGGERS_IN_MEMORY * 3; trigger++) {
			for (let id = 0; id < 50; id++) isDuplicateDelivery(`wf/${trigger}`, {}, `c-${id}`);
		}
		expect(duplicatesInMemory()).toEqual({
			triggers: MAX_TRIGGERS_IN_MEMORY,
			ids: MAX_TRIGGERS_IN_MEMORY * 50,
		});
	});

	it(`remembers exactly the last ${DUPLICATE_WINDOW} IDs of a trigger`, () => {
		// Fresh static data each time: only the process memory can know.
		for (let id = 0; id < DUPLICATE_WINDOW; id++) isDuplicateDelivery('wf/t', {}, `c-${id}`);
		expect(isDuplicateDelivery('wf/t', {}, 'c-0')).toBe(true);
		// One more ID pushes out the least recent one (c-1: c-0 was just seen again).
		isDuplicateDelivery('wf/t', {}, `c-${DUPLICATE_WINDOW}`);
		expect(isDuplicateDelivery('wf/t', {}, 'c-1')).toBe(false);
		expect(isDuplicateDelivery('wf/t', {}, 'c-0')).toBe(true);
	});

	it('forgets the trigger that received a delivery least recently, not the oldest one', () => {
		isDuplicateDelivery('wf/busy', {}, 'seen');
		for (let trigger = 0; trigger < MAX_TRIGGERS_IN_MEMORY; trigger++) {
			isDuplicateDelivery(`wf/${trigger}`, {}, 'x');
			// The busy trigger keeps receiving deliveries.
			isDuplicateDelivery('wf/busy', {}, `other-${trigger}`);
		}
		expect(isDuplicateDelivery('wf/busy', {}, 'seen')).toBe(true);
		// wf/0 was the least recent: forgotten from memory (its static data would still know).
		expect(isDuplicateDelivery('wf/0', {}, 'x')).toBe(false);
	});
});

describe('static data', () => {
	const junk = (n: number) =>
		Array.from({ length: n }, (_, i) => (i % 3 === 0 ? { i } : `old-${i}`));

	it('a duplicate hit trims a huge damaged list to the newest strings', () => {
		const staticData: IDataObject = {
			recentConversationIds: [...junk(1_000_000), 'again'] as IDataObject[],
		};
		expect(isDuplicateDelivery('wf/t', staticData, 'again')).toBe(true);
		const stored = staticData.recentConversationIds as unknown[];
		expect(stored).toHaveLength(DUPLICATE_WINDOW);
		expect(stored.every((id) => typeof id === 'string')).toBe(true);
		expect(stored[stored.length - 1]).toBe('again');
	});

	it('a new conversation trims it too, keeping the newest', () => {
		const staticData: IDataObject = { recentConversationIds: junk(5000) as IDataObject[] };
		expect(isDuplicateDelivery('wf/t', staticData, 'new')).toBe(false);
		const stored = staticData.recentConversationIds as string[];
		expect(stored).toHaveLength(DUPLICATE_WINDOW);
		expect(stored[stored.length - 1]).toBe('new');
		expect(stored[stored.length - 2]).toBe('old-4999');
	});

	it('a duplicate hit on a clean list does not rewrite it (n8n would save unchanged static data)', () => {
		const list = ['a', 'b'];
		const staticData: IDataObject = { recentConversationIds: list };
		expect(isDuplicateDelivery('wf/t', staticData, 'a')).toBe(true);
		expect(staticData.recentConversationIds).toBe(list);
	});
});
