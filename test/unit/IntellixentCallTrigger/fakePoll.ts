/**
 * Polls the Call Trigger against the in-process fake call API (tools/bench/fakeCallApi.js):
 * rows of any shape, 50,000 calls a day, and request counts, without HTTP.
 */
import { IntellixentCallTrigger } from '../../../nodes/IntellixentCallTrigger/IntellixentCallTrigger.node';
import { createFakeCallApi } from '../../../tools/bench/fakeCallApi';
import { pollContext, type PollSetup } from '../../helpers/fakeContext';

export type FakeCallApi = ReturnType<typeof createFakeCallApi>;
export { createFakeCallApi };

const trigger = new IntellixentCallTrigger();
export const MINUTE = 60_000;

export function fakeSetup(api: FakeCallApi, extra: Partial<PollSetup> = {}): PollSetup {
	return {
		baseUrl: 'https://portal.intellixent.ai',
		apiKey: 'ix-fake-key-7d21',
		staticData: {},
		helpers: api.helpers,
		logs: [],
		...extra,
	};
}

/** The IDs one poll emits ([] for none). */
export async function pollIds(s: PollSetup): Promise<number[]> {
	const result = await trigger.poll.call(pollContext(s));
	return result ? result[0].map((item) => item.json.id as number) : [];
}

export const warnings = (s: PollSetup) =>
	(s.logs ?? []).filter((l) => l.level === 'warn').map((l) => l.message);
