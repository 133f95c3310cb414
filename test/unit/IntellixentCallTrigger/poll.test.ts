/**
 * The Call Trigger's poll() through n8n-core's real request stack against the emulator's calls:
 * a first poll emits nothing, then each call that ends is emitted once (also when it started
 * before a call that ended first, when more end than fit one page, after a restart, and after an
 * outage or a failed detail request: the cursor only moves after a poll succeeded). Fetch Test
 * Event returns the latest ended call; filters reach the API; the Flat Row has plain columns.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { IntellixentCallTrigger } from '../../../nodes/IntellixentCallTrigger/IntellixentCallTrigger.node';
import { MAX_DETAILS_PER_POLL } from '../../../nodes/IntellixentCallTrigger/pollCalls';
import * as api from '../../../nodes/shared/intellixentApi';
import { startEmulator, type Emulator } from '../../../tools/emulator';
import { pollContext, type PollSetup } from '../../helpers/fakeContext';

const API_KEY = 'ix-calls-key-51f0';
const FAST_POLICY = { attempts: 2, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2000 };
const trigger = new IntellixentCallTrigger();

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, apiKey: API_KEY });
});
afterAll(async () => await emulator.close());
beforeEach(() => {
	emulator.reset();
	emulator.clearFaults();
	jest.replaceProperty(api, 'DEFAULT_RETRY_POLICY', FAST_POLICY);
});

function setup(extra: Partial<PollSetup> = {}): PollSetup {
	return { baseUrl: emulator.url, apiKey: API_KEY, staticData: {}, ...extra };
}

/** The IDs a poll emits (full-call shape), [] for null. */
async function poll(s: PollSetup): Promise<number[]> {
	const result = await trigger.poll.call(pollContext(s));
	return result ? result[0].map((item) => item.json.id as number) : [];
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('Call Trigger poll', () => {
	it('emits nothing on the first poll, then each ended call once, the late ender too', async () => {
		const before = emulator.startCall({ at: minutesAgo(40) });
		emulator.endCall(before.id, { at: minutesAgo(35) });
		const early = emulator.startCall({ at: minutesAgo(30) });
		const late = emulator.startCall({ at: minutesAgo(5) });
		const s = setup();
		expect(await poll(s)).toEqual([]);

		emulator.endCall(late.id);
		expect(await poll(s)).toEqual([late.id]);
		expect(await poll(s)).toEqual([]);

		emulator.endCall(early.id);
		expect(await poll(s)).toEqual([early.id]);
		expect(await poll(s)).toEqual([]);
	});

	it('follows the pages when more calls end between two polls than fit one page, and emits a backlog over several polls, each call once', async () => {
		const s = setup();
		const started = Array.from({ length: 230 }, () => emulator.startCall({ at: minutesAgo(3) }));
		expect(await poll(s)).toEqual([]);
		for (const call of started) emulator.endCall(call.id);
		const batches = [await poll(s), await poll(s), await poll(s)];
		expect(batches.map((b) => b.length)).toEqual([
			MAX_DETAILS_PER_POLL,
			MAX_DETAILS_PER_POLL,
			230 - 2 * MAX_DETAILS_PER_POLL,
		]);
		expect(batches.flat().sort((a, b) => a - b)).toEqual(started.map((c) => c.id));
		const listPages = emulator.requests().filter((r) => r.path === '/api/user/calls');
		expect(listPages.map((r) => r.query.page)).toContain('3');
		expect(await poll(s)).toEqual([]);
	});

	it('survives a restart: the stored cursor, read back from JSON, emits nothing twice', async () => {
		const a = emulator.startCall({ at: minutesAgo(2) });
		const b = emulator.startCall({ at: minutesAgo(1) });
		const first = setup();
		expect(await poll(first)).toEqual([]);
		emulator.endCall(a.id);
		expect(await poll(first)).toEqual([a.id]);
		emulator.endCall(b.id);
		const restarted = setup({ staticData: JSON.parse(JSON.stringify(first.staticData)) });
		expect(await poll(restarted)).toEqual([b.id]);
		expect(await poll(restarted)).toEqual([]);
	});

	it('after an outage, throws a clear error, keeps the cursor, and the next poll catches up', async () => {
		const calls = [1, 2, 3].map(() => emulator.startCall({ at: minutesAgo(2) }));
		const s = setup();
		expect(await poll(s)).toEqual([]);
		const cursorBefore = JSON.stringify(s.staticData);
		for (const call of calls) emulator.endCall(call.id);
		emulator.injectFault({ endpoint: 'calls', kind: 'status', status: 503, times: Infinity });
		const error = await trigger.poll.call(pollContext(s)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toBe(
			'Could not list the calls: Intellixent had a server error (503, tried 2 times)',
		);
		expect((error as Error).message).not.toContain(API_KEY);
		expect(JSON.stringify(s.staticData)).toBe(cursorBefore);

		emulator.clearFaults();
		expect((await poll(s)).sort((a, b) => a - b)).toEqual(calls.map((c) => c.id));
		expect(await poll(s)).toEqual([]);
	});

	it('a failed detail request emits nothing and moves nothing: the next poll emits every call', async () => {
		const calls = [1, 2].map(() => emulator.startCall({ at: minutesAgo(2) }));
		const s = setup();
		await poll(s);
		for (const call of calls) emulator.endCall(call.id);
		emulator.injectFault({ endpoint: 'call', kind: 'status', status: 500, times: 2 });
		await expect(trigger.poll.call(pollContext(s))).rejects.toThrow(
			/^Could not read call \d+: Intellixent had a server error \(500, tried 2 times\)$/,
		);
		expect((await poll(s)).sort((a, b) => a - b)).toEqual(calls.map((c) => c.id));
	});

	it('emits only the chosen end states; busy and no-answer when added', async () => {
		const [done, busy, missed] = [1, 2, 3].map(() => emulator.startCall({ at: minutesAgo(2) }));
		const finished = setup();
		const all = setup({
			parameters: { endStates: ['completed', 'busy', 'no-answer'] },
		});
		await poll(finished);
		await poll(all);
		emulator.endCall(done.id);
		emulator.endCall(busy.id, { status: 'busy' });
		emulator.endCall(missed.id, { status: 'no-answer' });
		expect(await poll(finished)).toEqual([done.id]);
		expect((await poll(all)).sort((a, b) => a - b)).toEqual([done.id, busy.id, missed.id]);
	});

	it('sends the assistant, call type and campaign filters to the API', async () => {
		// n8n hands poll() the resource locator's value (getNodeParameter with extractValue).
		const s = setup({ parameters: { assistant: '131', callType: 'outbound', campaignId: '7' } });
		const match = emulator.startCall({
			assistant: 131,
			type: 'outbound',
			campaign_id: 7,
			at: minutesAgo(2),
		});
		const other = emulator.startCall({
			assistant: 131,
			type: 'inbound',
			campaign_id: 7,
			at: minutesAgo(2),
		});
		await poll(s);
		emulator.endCall(match.id);
		emulator.endCall(other.id);
		expect(await poll(s)).toEqual([match.id]);
		const query = emulator.requests().find((r) => r.path === '/api/user/calls')!.query;
		expect(query).toMatchObject({
			assistant_id: '131',
			type: 'outbound',
			campaign_id: '7',
			per_page: '100',
		});
		expect(query.date_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('Fetch Test Event returns the latest ended call with its details, and stores nothing', async () => {
		const older = emulator.startCall({ at: minutesAgo(20) });
		emulator.endCall(older.id, { at: minutesAgo(15) });
		const newer = emulator.startCall({ at: minutesAgo(30) });
		emulator.endCall(newer.id, { at: minutesAgo(1) });
		emulator.startCall({ at: minutesAgo(1) });
		const s = setup({ mode: 'manual' });
		const result = await trigger.poll.call(pollContext(s));
		const item = result![0][0].json as IDataObject;
		expect(item.id).toBe(newer.id);
		expect(item).toMatchObject({ status: 'completed', answered_by: 'human' });
		expect(String(item.transcript)).toContain('User:');
		expect(item.recording_url).toMatch(/^https:\/\//);
		expect(item.ended_at).toBe(item.updated_at);
		expect(s.staticData).toEqual({});
	});

	it('Fetch Test Event without an ended call says so', async () => {
		emulator.startCall();
		await expect(trigger.poll.call(pollContext(setup({ mode: 'manual' })))).rejects.toThrow(
			'No ended call matches these settings yet',
		);
	});

	it('Flat Row: plain columns, evaluation and variables as their own columns', async () => {
		const call = emulator.startCall({ at: minutesAgo(3) });
		emulator.endCall(call.id);
		const s = setup({ mode: 'manual', parameters: { outputShape: 'flatRow' } });
		const row = (await trigger.poll.call(pollContext(s)))![0][0].json;
		expect(row).toMatchObject({
			call_id: call.id,
			status: 'completed',
			evaluation_score: 8,
			call_objective_achieved: true,
			appointment_day: 'Friday',
		});
		for (const value of Object.values(row))
			expect(value === null || ['string', 'number', 'boolean'].includes(typeof value)).toBe(true);
	});
});
