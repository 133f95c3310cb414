/**
 * The Intellixent Call Trigger in a real n8n (2.40.7, or 1.123.81 with N8N_VERSION): a published
 * workflow polling every minute emits exactly the calls that ended after publishing, once each:
 * a call that started later but ended first, calls that ended during an API outage (the failed
 * poll is recorded as an error and the next one catches up), and calls that ended while n8n was
 * stopped (the cursor in static data survives the restart), 121 of them, more than one page of the
 * list holds.
 *
 * Polls are minute-granular in both versions: 2.40.7 refuses any poll time whose seconds field is
 * not one number (isSubMinuteCron), 1.123.81 any whose seconds field has a '*'. So the test is
 * built around "Every Minute" and waits for real polls: about five minutes.
 */
import { startEmulator, type Emulator } from '../emulator';
import { sleep } from '../tools/process';
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

describe('Call Trigger in real n8n: exactly once across polls, an outage, a restart and more than a page', () => {
	let n8n: N8nHandle;
	let emulator: Emulator;
	let credential: { id: string; name: string };

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
		await waitFor('the calls of the outage and the restart', async () =>
			(await emitted(saved.id)).length >= expected.length ? true : undefined,
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
	}, 900000);
});
