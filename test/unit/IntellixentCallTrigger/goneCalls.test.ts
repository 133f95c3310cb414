/**
 * A call the list shows as ended whose details answer 404 (deleted between the list and the
 * detail request, or no longer visible to the API key) is dropped with a warning that names it,
 * once: the other calls still arrive, and the polls after it do not fail. A 404 while the call
 * waits in `pending` (a backlog over several polls) is dropped the same way. Other failures of a
 * detail request still fail the poll and leave the cursor as it was.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_DETAILS_PER_POLL } from '../../../nodes/IntellixentCallTrigger/pollCalls';
import {
	createFakeCallApi,
	fakeSetup,
	MINUTE,
	pollIds,
	warnings,
	type FakeCallApi,
} from './fakePoll';

const ago = (ms: number) => Date.now() - ms;

/** The fake API, with the details of `gone` answering `status` (404 unless given). */
function withGone(api: FakeCallApi, gone: Set<number>, status = 404) {
	return {
		httpRequestWithAuthentication: async (type: string, request: { url: string }) => {
			const match = /\/api\/user\/calls\/(\d+)$/.exec(new URL(request.url).pathname);
			if (match && gone.has(Number(match[1])))
				return { statusCode: status, headers: {}, body: { message: 'Call not found' } };
			return await api.helpers.httpRequestWithAuthentication(type, request);
		},
	};
}

const pending = (staticData: IDataObject) =>
	(staticData.callCursor as { pending?: number[] } | undefined)?.pending;

describe('a listed call whose details answer 404', () => {
	it('is dropped with a warning naming it; the others arrive and the next polls do not fail', async () => {
		const api = createFakeCallApi();
		const gone = new Set<number>();
		const s = fakeSetup(api, { helpers: withGone(api, gone) });
		await pollIds(s);
		const calls = [1, 2, 3].map(() => api.add(ago(MINUTE)));
		for (const id of calls) api.end(id);
		gone.add(calls[1]);

		expect(await pollIds(s)).toEqual([calls[0], calls[2]]);
		expect(warnings(s)).toEqual([
			`Intellixent Call Trigger did not emit 1 ended calls: their details answered 404 Not Found (calls ${calls[1]}); they were deleted or this API key can no longer read them`,
		]);
		expect(pending(s.staticData)).toBeUndefined();
		// Still listed as ended, still 404: remembered as handled, not asked for again.
		const details = api.counts.detail;
		expect(await pollIds(s)).toEqual([]);
		expect(api.counts.detail).toBe(details);
		expect(warnings(s)).toHaveLength(1);
	});

	it('names at most 10 of them', async () => {
		const api = createFakeCallApi();
		const gone = new Set<number>();
		const s = fakeSetup(api, { helpers: withGone(api, gone) });
		await pollIds(s);
		const calls = Array.from({ length: 12 }, () => api.add(ago(MINUTE)));
		for (const id of calls) api.end(id);
		for (const id of calls.slice(0, 11)) gone.add(id);

		expect(await pollIds(s)).toEqual([calls[11]]);
		// Named in the order they were listed: newest first.
		const listed = calls.slice(0, 11).reverse();
		expect(warnings(s)).toEqual([
			`Intellixent Call Trigger did not emit 11 ended calls: their details answered 404 Not Found (calls ${listed.slice(0, 10).join(', ')}, …); they were deleted or this API key can no longer read them`,
		]);
	});

	it('waiting in pending, is dropped too: the backlog goes on', async () => {
		const api = createFakeCallApi();
		const gone = new Set<number>();
		const s = fakeSetup(api, { helpers: withGone(api, gone) });
		await pollIds(s);
		const calls = Array.from({ length: MAX_DETAILS_PER_POLL + 3 }, () => api.add(ago(MINUTE)));
		for (const id of calls) api.end(id);

		const first = await pollIds(s);
		expect(first).toHaveLength(MAX_DETAILS_PER_POLL);
		const waiting = pending(s.staticData)!;
		expect(waiting).toHaveLength(3);
		gone.add(waiting[1]);

		expect(await pollIds(s)).toEqual([waiting[0], waiting[2]].sort((a, b) => a - b));
		expect(warnings(s)).toEqual([expect.stringContaining(`(calls ${waiting[1]})`)]);
		expect(pending(s.staticData)).toBeUndefined();
		expect(await pollIds(s)).toEqual([]);
		expect([...first, waiting[0], waiting[2]].sort((a, b) => a - b)).toEqual(
			calls.filter((id) => id !== waiting[1]),
		);
	});

	it('another failure of a detail request still fails the poll and moves nothing', async () => {
		const api = createFakeCallApi();
		const gone = new Set<number>();
		const s = fakeSetup(api, { helpers: withGone(api, gone, 403) });
		await pollIds(s);
		const id = api.add(ago(MINUTE));
		api.end(id);
		gone.add(id);
		const before = JSON.stringify(s.staticData);
		await expect(pollIds(s)).rejects.toThrow(`Could not read call ${id}`);
		expect(JSON.stringify(s.staticData)).toBe(before);
		gone.clear();
		expect(await pollIds(s)).toEqual([id]);
	});
});
