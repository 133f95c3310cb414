/**
 * The Intellixent Call Trigger in a real n8n (2.40.7, or 1.123.81 with N8N_VERSION): a published
 * workflow polling every minute emits exactly the calls that ended after publishing, once each:
 * a call that started later but ended first, calls that ended during an API outage (the failed
 * poll is recorded as an error and the next one catches up), and calls that ended while n8n was
 * stopped (the cursor in static data survives the restart), 121 of them, more than one page of the
 * list holds and more than one poll emits: they arrive over two polls, each once. A second
 * workflow's poll is slowed (12 s per call detail) past the one-minute interval: n8n starts the
 * next tick anyway, the trigger skips it, and each call is emitted once.
 *
 * Polls are minute-granular in both versions: 2.40.7 refuses any poll time whose seconds field is
 * not one number (isSubMinuteCron), 1.123.81 any whose seconds field has a '*'. So the test is
 * built around "Every Minute" and waits for real polls: about five minutes.
 */
import { MAX_DETAILS_PER_POLL } from '../../nodes/IntellixentCallTrigger/pollCalls';
import { startEmulator, type Emulator } from '../../tools/emulator';
import { sleep } from '../../tools/process';
import { nodeOutput, packPackage, startN8n, type Execution, type N8nHandle } from './harness';

const API_KEY = 'ix-e2e-calls-key-3b7e';
const TRIGGER = 'Intellixent Call Trigger';
/** A minute poll plus the time n8n takes to run and record it. */
const POLL_WAIT_MS = 100_000;

function callTriggerWorkflow(credential: { id: string; name: string }) {
	return {
		name: 'call trigger e2e',
		nodes: [
			{
				id: '6f0c2a41-7d3e-4b8a-9c15-2e4f6a8b0c11',
				name: TRIGGER,
				type: 'n8n-nodes-intellixent.intellixentCallTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					assistant: { __rl: true, mode: 'list', value: '' },
				},
				credentials: { intellixentApi: credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

describe('Call Trigger in real n8n: exactly once across polls, an outage, a restart, a backlog and overlapping polls', () => {
	let n8n: N8nHandle;
	let emulator: Emulator;
	let credential: { id: string; name: string };
	let firstWorkflowId: string | undefined;

	beforeAll(async () => {
		const tgz = await packPackage();
		emulator = await startEmulator({ apiKey: API_KEY });
		n8n = await startN8n({ packageTgz: tgz });
		await n8n.client.setupOwner();
		credential = await n8n.client.createCredential('intellixentApi', 'Intellixent calls', {
			apiKey: API_KEY,
			baseUrl: emulator.url,
		});
	}, 1200000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	/** The call IDs of every successful execution, in execution order. */
	async function emitted(workflowId: string): Promise<number[]> {
		const list = await n8n.client.listExecutions(workflowId, { limit: 100 });
		const ok = list
			.filter((e) => e.status === 'success')
			.sort((a, b) => Number(a.id) - Number(b.id));
		const ids: number[] = [];
		for (const summary of ok) {
			const execution: Execution = await n8n.client.getExecution(summary.id);
			for (const item of nodeOutput(execution, TRIGGER) ?? []) ids.push(item.id);
		}
		return ids;
	}

	/** The number of calls each successful execution emitted, in execution order. */
	async function batchSizes(workflowId: string): Promise<number[]> {
		const list = await n8n.client.listExecutions(workflowId, { limit: 100 });
		const ok = list
			.filter((e) => e.status === 'success')
			.sort((a, b) => Number(a.id) - Number(b.id));
		const sizes: number[] = [];
		for (const summary of ok)
			sizes.push((nodeOutput(await n8n.client.getExecution(summary.id), TRIGGER) ?? []).length);
		return sizes;
	}

	async function waitFor<T>(
		what: string,
		probe: () => Promise<T | undefined>,
		timeoutMs = POLL_WAIT_MS,
	): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const value = await probe();
			if (value !== undefined) return value;
			await sleep(1000);
		}
		throw new Error(`timed out waiting for ${what}\n${n8n.logs(40)}`);
	}

	const listRequests = () => emulator.requests().filter((r) => r.path === '/api/user/calls');

	it('emits each ended call once', async () => {
		const endedBefore = emulator.startCall({
			at: new Date(Date.now() - 20 * 60_000).toISOString(),
		});
		emulator.endCall(endedBefore.id);
		const early = emulator.startCall({ at: new Date(Date.now() - 10 * 60_000).toISOString() });
		const late = emulator.startCall();

		const saved = await n8n.client.createWorkflow(callTriggerWorkflow(credential));
		firstWorkflowId = saved.id;
		const published = await n8n.client.publish(saved.id);
		expect(published.status).toBe('published');
		expect(listRequests().length).toBeGreaterThan(0); // the activation poll: the baseline

		// 1. The call that started later ends first.
		emulator.endCall(late.id);
		await waitFor('the late call', async () =>
			(await emitted(saved.id)).length ? true : undefined,
		);
		expect(await emitted(saved.id)).toEqual([late.id]);

		// 2. An outage: the earlier call and another one end while the list answers 503.
		const before = listRequests().length;
		emulator.injectFault({ endpoint: 'calls', kind: 'status', status: 503, times: Infinity });
		emulator.endCall(early.id);
		const during = emulator.startCall();
		emulator.endCall(during.id);
		await waitFor('a poll during the outage', async () =>
			listRequests()
				.slice(before)
				.some((r) => r.status === 503)
				? true
				: undefined,
		);
		await waitFor('the failed poll recorded as an error execution', async () => {
			const list = await n8n.client.listExecutions(saved.id, { limit: 100 });
			return list.some((e) => e.status === 'error') ? true : undefined;
		});
		expect(await emitted(saved.id)).toEqual([late.id]);
		emulator.clearFaults();

		// 3. A restart: one more call ends while n8n is stopped.
		const { userFolder, port } = n8n;
		await n8n.stop({ keepUserFolder: true });
		const whileDown = emulator.startCall();
		emulator.endCall(whileDown.id);
		// And more calls end than one page of the list holds (100): the poll must read every page.
		const crowd = Array.from({ length: 120 }, () => emulator.startCall());
		for (const call of crowd) emulator.endCall(call.id);
		n8n = await startN8n({ userFolder, port });
		await n8n.client.login();

		const expected = [late.id, early.id, during.id, whileDown.id, ...crowd.map((c) => c.id)].sort(
			(a, b) => a - b,
		);
		// 124 calls: more than one poll emits (100), so they arrive over two polls, each once.
		await waitFor(
			'the calls of the outage and the restart',
			async () => ((await emitted(saved.id)).length >= expected.length ? true : undefined),
			3 * POLL_WAIT_MS,
		);
		// One more poll after catching up emits nothing new.
		const settled = listRequests().length;
		await waitFor('one more poll', async () =>
			listRequests().length > settled ? true : undefined,
		);
		await sleep(5000);
		const ids = await emitted(saved.id);
		expect([...ids].sort((a, b) => a - b)).toEqual(expected);
		expect(ids).not.toContain(endedBefore.id);
		expect(ids[0]).toBe(late.id);
		// The backlog came in batches of at most MAX_DETAILS_PER_POLL, one execution each.
		const batches = await batchSizes(saved.id);
		expect(Math.max(...batches)).toBeLessThanOrEqual(MAX_DETAILS_PER_POLL);
		expect(batches.length).toBeGreaterThanOrEqual(3);
	}, 900000);

	it('a poll that outlasts the one-minute interval is not run twice: each call once', async () => {
		// The first workflow would poll the same calls: only this one is published now.
		if (firstWorkflowId) await n8n.client.unpublish(firstWorkflowId);
		const calls = Array.from({ length: 6 }, () => emulator.startCall());
		const saved = await n8n.client.createWorkflow({
			...callTriggerWorkflow(credential),
			name: 'call trigger overlap e2e',
		});
		expect((await n8n.client.publish(saved.id)).status).toBe('published');
		// Each detail answer takes 12 s: the poll that fetches the six calls takes over a minute, so
		// n8n's next tick starts while it runs.
		emulator.injectFault({ endpoint: 'call', kind: 'delay', delayMs: 12_000, times: Infinity });
		const skippedBefore = (n8n.logs(100000).match(/skipped a poll/g) ?? []).length;
		for (const call of calls) emulator.endCall(call.id);
		await waitFor(
			'the six calls',
			async () => ((await emitted(saved.id)).length >= calls.length ? true : undefined),
			4 * POLL_WAIT_MS,
		);
		emulator.clearFaults();
		// One more poll after that emits nothing new.
		const settled = listRequests().length;
		await waitFor('one more poll', async () =>
			listRequests().length > settled ? true : undefined,
		);
		await sleep(5000);
		const ids = await emitted(saved.id);
		expect([...ids].sort((a, b) => a - b)).toEqual(calls.map((c) => c.id));
		const skipped = (n8n.logs(100000).match(/skipped a poll/g) ?? []).length - skippedBefore;
		if (n8n.version.startsWith('1.')) {
			// n8n 1.x gives a poll no budget: the trigger's own (one minute, half of it for requests)
			// stops fetching after about 30 s, so the poll ends before the next tick and the six calls
			// arrive over several polls instead of overlapping.
			expect(skipped).toBe(0);
			expect((await batchSizes(saved.id)).length).toBeGreaterThan(1);
		} else {
			// 2.40's five-minute budget lets the poll run past the interval: the next tick is skipped.
			expect(skipped).toBeGreaterThan(0);
		}
	}, 900000);
});
