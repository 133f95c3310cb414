/**
 * The Intellixent Trigger in n8n queue mode, on n8n's own engine (2.40.7):
 * Redis + PostgreSQL, one main (`n8n start`), one worker (`n8n worker`), two webhook processes
 * (`n8n webhook`), a round-robin load balancer in front, the packed package installed the way
 * n8n's community-package installer does, and the Intellixent emulator. See test/queue/README.md.
 * Longer than ~500 lines on purpose: every scenario runs on the one cluster (six processes and
 * two databases) that beforeAll starts; splitting the file would start it once per file.
 *
 *   npx jest -c test/queue/jest.config.js        (QUEUE_DUP_ROUNDS=50 by default)
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { startEmulator, type DeliveryRecord, type Emulator } from '../../tools/emulator';
import {
	DEFAULT_N8N_VERSION,
	intellixentWorkflow,
	nodeOutput,
	packPackage,
	postJson,
	type Execution,
} from '../e2e/harness';
import { startCluster, survivors, type Cluster, type N8nProcess } from './cluster';

const ROUNDS = Number(process.env.QUEUE_DUP_ROUNDS || 50);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1)
	throw new Error(
		`QUEUE_DUP_ROUNDS must be a positive integer, not ${process.env.QUEUE_DUP_ROUNDS}`,
	);
const CONTROL_ROUNDS = 10;
/** Pause after an answer that is long enough for the webhook process to have saved the static data. */
const SETTLE_MS = 1000;
const SETTLED_ROUNDS = Math.max(5, Math.round(ROUNDS / 5));
const API_KEY = 'ix-queue-e2e-key-7d3e1b';
const TRIGGER = 'Intellixent Trigger';

const fixture = (name: 'widget' | 'whatsapp') =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8'));

describe('Intellixent Trigger in n8n queue mode (main + worker + 2 webhook processes)', () => {
	let cluster: Cluster | undefined;
	let emulator: Emulator;
	let credential: { id: string; name: string };
	let nextAssistant = 0;
	const startedAt = Date.now();
	const report: string[] = [];

	beforeAll(async () => {
		const tPack = Date.now();
		const tgz = await packPackage();
		const packMs = Date.now() - tPack;
		emulator = await startEmulator({ port: 0, apiKey: API_KEY, retryDelaysMs: [200] });
		cluster = await startCluster({ packageTgz: tgz });
		await cluster.client.setupOwner();
		credential = await cluster.client.createCredential('intellixentApi', 'Intellixent (emulator)', {
			apiKey: API_KEY,
			baseUrl: emulator.url,
		});
		report.push(
			`startup: npm run build + npm pack ${ms(packMs)}, provision ${ms(cluster.startupMs.provision)}, ` +
				`services ${ms(cluster.startupMs.services)}, main ${ms(cluster.startupMs.main)}, ` +
				`worker + 2 webhook processes ${ms(cluster.startupMs.others)} (before the tests: ${ms(Date.now() - startedAt)})`,
		);
	}, 900000);

	afterAll(async () => {
		await cluster?.stop();
		await emulator?.close();
		console.log(`queue-mode e2e report\n${report.join('\n')}\ntotal ${ms(Date.now() - startedAt)}`);
	}, 120000);

	const c = () => cluster!;

	/** A fresh emulator assistant, a workflow for it created and published on the main. */
	async function published(options: Record<string, unknown> = {}) {
		const assistantId = emulator.assistants[nextAssistant++].uuid;
		const wf = intellixentWorkflow({ credential, assistantId, options });
		const saved = await c().client.createWorkflow(wf.definition);
		const status = await c().client.publish(saved.id);
		if (status.status !== 'published')
			throw new Error(`publish failed: ${status.errorMessage}\n${c().main.logs(40)}`);
		const registeredUrl = emulator.registrations()[assistantId]?.webhook_url;
		if (!registeredUrl) throw new Error(`nothing registered for ${assistantId}`);
		const pathWithToken = registeredUrl.slice(c().lb.url.length);
		return { wf, saved, assistantId, registeredUrl, pathWithToken };
	}

	const apiCalls = (assistantId: string, action: 'enable' | 'disable') =>
		emulator
			.requests()
			.filter(
				(r) => r.path === `/api/assistants/${assistantId}/${action}-conversation-ended-webhook`,
			);

	it('runs n8n in queue mode: production webhooks on the webhook processes only, executions on the worker', async () => {
		const { main, worker, webhooks } = c();
		expect(worker.logs(0)).toMatch(/n8n worker is now ready|Worker|worker/i);
		for (const wh of webhooks) expect(wh.logs(0)).toMatch(/Webhook listener waiting for requests/);
		for (const p of c().processes)
			expect(p.logs(0)).not.toMatch(/Scaling mode is not officially supported with sqlite/);
		// Our node type loads in every process (it is what a webhook process and the worker run).
		const types = await c().client.raw('GET', '/types/nodes.json');
		expect((types.body as Array<{ name: string }>).map((t) => t.name)).toContain(
			'n8n-nodes-intellixent.intellixentTrigger',
		);
		for (const p of c().processes)
			expect(p.logs(0)).not.toMatch(/n8n-nodes-intellixent.*(failed|error)|Cannot find module/i);
		expect(main.logs(0)).not.toMatch(/Webhook listener waiting/);
	});

	describe('a published workflow', () => {
		let wf: Awaited<ReturnType<typeof published>>;
		const records: DeliveryRecord[] = [];
		let executions: Execution[] = [];

		it('publishing on the main registers the load balancer URL (WEBHOOK_URL) with Intellixent exactly once', async () => {
			wf = await published();
			expect(
				wf.registeredUrl.startsWith(`${c().lb.url}/webhook/${wf.wf.webhookId}/webhook?token=`),
			).toBe(true);
			const enable = apiCalls(wf.assistantId, 'enable');
			expect(enable).toHaveLength(1);
			expect(enable[0]).toMatchObject({
				method: 'POST',
				authorization: `Bearer ${API_KEY}`,
				status: 200,
			});
			expect(enable[0].body).toEqual({ webhook_url: wf.registeredUrl });
			report.push(
				`registered URL: ${wf.registeredUrl.replace(/token=.*/, 'token=…')} (enable calls: ${enable.length})`,
			);
		});

		it('deliveries through the load balancer alternate between both webhook processes and all run on the worker', async () => {
			const hitsBefore = c().lb.hits().length;
			for (let i = 0; i < 6; i++) {
				const record = await emulator.endConversation(wf.assistantId, {
					sample: i % 2 ? 'whatsapp' : 'widget',
				});
				expect(record.attempts.map((a) => a.status)).toEqual([200]);
				records.push(record);
			}
			const hits = c().lb.hits().slice(hitsBefore);
			expect(hits.map((h) => h.status)).toEqual([200, 200, 200, 200, 200, 200]);
			const backends = hits.map((h) => h.backend);
			expect(new Set(backends)).toEqual(new Set(['webhook-1', 'webhook-2']));
			for (let i = 1; i < backends.length; i++) expect(backends[i]).not.toBe(backends[i - 1]);

			executions = await waitForAllExecutions(wf.saved.id, 6);
			expect(executions.map((e) => [e.status, e.mode])).toEqual(
				Array(6).fill(['success', 'webhook']),
			);

			// Each execution was enqueued by the webhook process that took the delivery and run by the worker.
			const workerLog = c().worker.logs(0);
			const enqueuedBy = (id: string) =>
				c()
					.processes.filter((p) => new RegExp(`Enqueued execution ${id} \\(job`).test(p.logs(0)))
					.map((p) => p.role);
			const byProcess = executions.map((e) => {
				expect(workerLog).toMatch(new RegExp(`Worker started execution ${e.id} \\(job`));
				expect(workerLog).toMatch(new RegExp(`Worker finished execution ${e.id} \\(job`));
				return enqueuedBy(e.id);
			});
			expect(byProcess.map((r) => r.length)).toEqual(Array(6).fill(1));
			expect(byProcess.flat().sort()).toEqual([
				'webhook-1',
				'webhook-1',
				'webhook-1',
				'webhook-2',
				'webhook-2',
				'webhook-2',
			]);
			for (const p of [c().main, ...c().webhooks])
				expect(p.logs(0)).not.toMatch(/Worker started execution/);

			// Outputs as in the single-process test: one item per conversation, the payload plus derived fields.
			const byConversation = new Map(
				executions.map((e) => [nodeOutput(e, 'Conversation')![0].conversation_id, e]),
			);
			for (const [i, record] of records.entries()) {
				const sample = fixture(i % 2 ? 'whatsapp' : 'widget');
				const e = byConversation.get(record.conversation_id!)!;
				expect(e).toBeDefined();
				expect(nodeOutput(e, TRIGGER, 1)).toEqual([]);
				const userMessages = sample.transcript.filter((m: any) => m.role === 'user').length;
				expect(nodeOutput(e, 'Conversation')).toEqual([
					{
						...sample,
						conversation_id: record.conversation_id,
						assistant_id: wf.assistantId,
						duration_seconds: (Date.parse(sample.ended_at) - Date.parse(sample.created_at)) / 1000,
						user_message_count: userMessages,
						assistant_message_count: sample.transcript.length - userMessages,
					},
				]);
			}
			// Nothing else called enable (webhook processes and the worker never run create()).
			expect(apiCalls(wf.assistantId, 'enable')).toHaveLength(1);
			report.push(
				`6 deliveries via the load balancer: ${backends.join(', ')}; executions ${executions.map((e) => e.id).join(', ')} all run by the worker`,
			);
		});

		it('the main does not serve production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true)', async () => {
			const before = (await c().client.listExecutions(wf.saved.id)).length;
			const res = await postJson(`${c().main.url}${wf.pathWithToken}`, {
				...fixture('widget'),
				assistant_id: wf.assistantId,
			});
			expect(res.status).toBe(404);
			await new Promise((r) => setTimeout(r, 1000));
			expect(await c().client.listExecutions(wf.saved.id)).toHaveLength(before);
		});

		it('unpublishing on the main disables the webhook at Intellixent; both webhook processes stop serving it', async () => {
			const before = (await c().client.listExecutions(wf.saved.id)).length;
			await c().client.unpublish(wf.saved.id);
			const disable = apiCalls(wf.assistantId, 'disable');
			expect(disable).toHaveLength(1);
			expect(disable[0]).toMatchObject({
				method: 'POST',
				authorization: `Bearer ${API_KEY}`,
				status: 200,
			});
			expect(emulator.registrations()[wf.assistantId]).toBeUndefined();
			for (const wh of c().webhooks) {
				const res = await postJson(`${wh.url}${wf.pathWithToken}`, {
					...fixture('widget'),
					assistant_id: wf.assistantId,
				});
				expect(res.status).toBe(404);
			}
			await new Promise((r) => setTimeout(r, 1000));
			expect(await c().client.listExecutions(wf.saved.id)).toHaveLength(before);
			expect(apiCalls(wf.assistantId, 'enable')).toHaveLength(1);
			report.push(
				`unpublish: disable calls ${disable.length}; both webhook processes answer 404 afterwards`,
			);
		});
	});

	describe('duplicate deliveries across webhook processes', () => {
		type Row = {
			scenario: string;
			rounds: number;
			deliveries: number;
			conversations: number;
			executions: number;
			duplicated: number;
			latency: string;
		};
		const table: Row[] = [];

		afterAll(() => {
			if (!table.length) return;
			const lines = [
				'| scenario | rounds | deliveries | conversations | executions | duplicate executions | conversations run twice | answer time p50 / max |',
				'|---|---:|---:|---:|---:|---:|---:|---|',
				...table.map(
					(r) =>
						`| ${r.scenario} | ${r.rounds} | ${r.deliveries} | ${r.conversations} | ${r.executions} | ${r.executions - r.conversations} | ` +
						`${r.duplicated} of ${r.conversations} (${((100 * r.duplicated) / r.conversations).toFixed(0)}%) | ${r.latency} |`,
				),
			];
			report.push(
				`duplicates (n8n ${DEFAULT_N8N_VERSION}, QUEUE_DUP_ROUNDS=${ROUNDS}):\n${lines.join('\n')}`,
			);
		});

		type Outcome = {
			conversationId: string;
			to: string;
			status: number;
			ignored: boolean;
			ms: number;
		};

		/** One delivery of `conversationId` straight to a webhook process (what the balancer would do). */
		async function deliver(
			wh: N8nProcess,
			pathWithToken: string,
			assistantId: string,
			conversationId: string,
		): Promise<Outcome> {
			const payload = {
				...fixture('widget'),
				assistant_id: assistantId,
				conversation_id: conversationId,
			};
			const t = Date.now();
			const res = await postJson(`${wh.url}${pathWithToken}`, payload, { timeoutMs: 30000 });
			const elapsed = Date.now() - t;
			if (res.status !== 200)
				throw new Error(`${wh.role} answered ${res.status}: ${res.text.slice(0, 300)}`);
			const ignored =
				res.json?.processed === false && /already delivered/.test(res.json?.message ?? '');
			const accepted = res.json?.processed === true && res.json?.conversation_id === conversationId;
			if (ignored === accepted)
				throw new Error(
					`${wh.role} answered neither "accepted" nor "duplicate": ${res.text.slice(0, 300)}`,
				);
			return { conversationId, to: wh.role, status: res.status, ignored, ms: elapsed };
		}

		/**
		 * Runs `round(i)` `rounds` times against a fresh published workflow, then counts the executions
		 * per conversation (from the executions' own output) and checks them against the answers.
		 */
		async function measure(
			scenario: string,
			rounds: number,
			options: Record<string, unknown>,
			round: (ctx: { path: string; assistantId: string; i: number }) => Promise<Outcome[]>,
		) {
			const wf = await published(options);
			const outcomes: Outcome[] = [];
			for (let i = 0; i < rounds; i++)
				outcomes.push(...(await round({ path: wf.pathWithToken, assistantId: wf.assistantId, i })));
			const accepted = outcomes.filter((o) => !o.ignored).length;
			const executions = await waitForAllExecutions(wf.saved.id, accepted);
			const perConversation = new Map<string, number>();
			for (const e of executions) {
				// The error, if any, is part of what is compared, so a failure shows why it failed.
				const error =
					e.status === 'success' ? undefined : (e.error?.message ?? e.error ?? 'no error recorded');
				expect([e.status, e.mode, error]).toEqual(['success', 'webhook', undefined]);
				const id = nodeOutput(e, 'Conversation')![0].conversation_id as string;
				perConversation.set(id, (perConversation.get(id) ?? 0) + 1);
			}
			const conversations = new Set(outcomes.map((o) => o.conversationId));
			expect(perConversation.size).toBe(conversations.size);
			// Every conversation ran at least once; the answers say exactly which deliveries started one.
			for (const id of conversations) {
				expect(perConversation.get(id) ?? 0).toBe(
					outcomes.filter((o) => o.conversationId === id && !o.ignored).length,
				);
				expect(perConversation.get(id) ?? 0).toBeGreaterThanOrEqual(1);
			}
			const duplicated = [...perConversation.values()].filter((n) => n > 1).length;
			const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
			table.push({
				scenario,
				rounds,
				deliveries: outcomes.length,
				conversations: conversations.size,
				executions: executions.length,
				duplicated,
				latency: `${times[Math.floor(times.length / 2)]} / ${times[times.length - 1]} ms`,
			});
			return {
				duplicated,
				executions: executions.length,
				conversations: conversations.size,
				outcomes,
				wf,
			};
		}

		const both = (ctx: { path: string; assistantId: string }, id: string) =>
			Promise.all(c().webhooks.map((wh) => deliver(wh, ctx.path, ctx.assistantId, id)));
		const pause = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

		it('control: without "ignore duplicates", the same conversation sent to both processes runs twice', async () => {
			const r = await measure(
				'option off: same conversation to both at once',
				CONTROL_ROUNDS,
				{ ignoreDuplicates: false },
				(ctx) => both(ctx, crypto.randomUUID()),
			);
			expect(r.duplicated).toBe(CONTROL_ROUNDS);
			expect(r.executions).toBe(2 * CONTROL_ROUNDS);
		});

		it('measures: the same conversation sent to both processes at the same moment (option on)', async () => {
			const r = await measure(
				'option on: same conversation to both at once',
				ROUNDS,
				{ ignoreDuplicates: true },
				(ctx) => both(ctx, crypto.randomUUID()),
			);
			// The documented limit (README, "Queue mode"): the option does not stop two copies that
			// reach two webhook processes at the same moment; each can run once per process, never more.
			expect(r.executions).toBe(ROUNDS + r.duplicated);
			expect(r.duplicated).toBeLessThanOrEqual(ROUNDS);
			// And the limit is real: if this fails, the node got a shared store; update the README.
			expect(r.duplicated).toBeGreaterThan(0);
		});

		it('measures: the same conversation to the other process immediately after the first answer', async () => {
			const r = await measure(
				'option on: to process 1, then to process 2 right after the answer',
				ROUNDS,
				{ ignoreDuplicates: true },
				async (ctx) => {
					const id = crypto.randomUUID();
					const first = await deliver(c().webhooks[ctx.i % 2], ctx.path, ctx.assistantId, id);
					const second = await deliver(
						c().webhooks[(ctx.i + 1) % 2],
						ctx.path,
						ctx.assistantId,
						id,
					);
					expect(first.ignored).toBe(false);
					return [first, second];
				},
			);
			// The memory is saved to the database just after the answer: a copy arriving in between runs again.
			expect(r.executions).toBe(ROUNDS + r.duplicated);
			expect(r.duplicated).toBeLessThanOrEqual(ROUNDS);
		});

		it(`a copy sent to the other process ${SETTLE_MS} ms after the first answer is always ignored`, async () => {
			const r = await measure(
				`option on: to process 1, then to process 2 ${SETTLE_MS} ms after the answer`,
				SETTLED_ROUNDS,
				{ ignoreDuplicates: true },
				async (ctx) => {
					const id = crypto.randomUUID();
					const first = await deliver(c().webhooks[ctx.i % 2], ctx.path, ctx.assistantId, id);
					await pause(SETTLE_MS);
					const second = await deliver(
						c().webhooks[(ctx.i + 1) % 2],
						ctx.path,
						ctx.assistantId,
						id,
					);
					expect([first.ignored, second.ignored]).toEqual([false, true]);
					return [first, second];
				},
			);
			expect(r.duplicated).toBe(0);
			expect(r.executions).toBe(SETTLED_ROUNDS);
		});

		it(`measures: two conversations at once on different processes, each sent again to the other process ${SETTLE_MS} ms later`, async () => {
			const r = await measure(
				`option on: A→1 and B→2 at once, then A→2 and B→1 ${SETTLE_MS} ms after the answers`,
				ROUNDS,
				{ ignoreDuplicates: true },
				async (ctx) => {
					const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
					const [wh1, wh2] = c().webhooks;
					const firsts = await Promise.all([
						deliver(wh1, ctx.path, ctx.assistantId, a),
						deliver(wh2, ctx.path, ctx.assistantId, b),
					]);
					expect(firsts.map((o) => o.ignored)).toEqual([false, false]);
					await pause(SETTLE_MS);
					const again = await Promise.all([
						deliver(wh2, ctx.path, ctx.assistantId, a),
						deliver(wh1, ctx.path, ctx.assistantId, b),
					]);
					return [...firsts, ...again];
				},
			);
			expect(r.conversations).toBe(2 * ROUNDS);
			expect(r.executions).toBe(2 * ROUNDS + r.duplicated);
			// Both processes save the whole static data they loaded, plus their own conversation: the
			// later save drops the other one's. So at most one of the two conversations of a round is
			// forgotten (and then runs again when it reaches the other process).
			expect(r.duplicated).toBeLessThanOrEqual(ROUNDS);
			// How big the node's static data (what every webhook process loads and saves) has become.
			const size = await c().services.sql(
				`SELECT length("staticData"::text) FROM workflow_entity WHERE id = '${r.wf.saved.id}'`,
			);
			report.push(
				`static data of the last workflow after ${2 * ROUNDS} conversations: ${size} characters`,
			);
		});
	});

	it('stops every process it started (n8n, task runners, Redis, PostgreSQL)', async () => {
		const cl = c();
		const groups = cl.processes.map((p) => p.pid);
		const pids = cl.services.pids;
		const stateDir = cl.services.stateDir;
		const t = Date.now();
		await cl.stop();
		cluster = undefined;
		report.push(`shutdown: ${ms(Date.now() - t)}`);
		await new Promise((r) => setTimeout(r, 500));
		// Nothing left in the n8n process groups (task runners included), Redis and the postmaster gone,
		// and no process mentions the services' data folder (PostgreSQL's own children).
		expect(await survivors(groups, pids)).toEqual([]);
		const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
		expect(ps.split('\n').filter((l) => l.includes(stateDir))).toEqual([]);
	}, 120000);

	/** All finished executions of a workflow (paging past n8n's 100 per page), once `n` have finished. */
	async function waitForAllExecutions(
		workflowId: string,
		n: number,
		timeoutMs = 120000,
	): Promise<Execution[]> {
		const deadline = Date.now() + timeoutMs;
		let list: Array<{ id: string; status: string }> = [];
		while (Date.now() < deadline) {
			list = await listAll(workflowId);
			const finished = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (finished.length >= n) {
				// Settle: anything more than n would be a surprise worth seeing.
				await new Promise((r) => setTimeout(r, 1500));
				const again = await listAll(workflowId);
				expect(again).toHaveLength(n);
				again.sort((a, b) => Number(a.id) - Number(b.id));
				const loaded: Execution[] = [];
				for (const e of again) loaded.push(await c().client.getExecution(e.id));
				return loaded;
			}
			await new Promise((r) => setTimeout(r, 300));
		}
		throw new Error(
			`workflow ${workflowId}: expected ${n} finished executions, saw ${list.map((e) => `${e.id}:${e.status}`).join(', ')}`,
		);
	}

	async function listAll(workflowId: string) {
		const all: Array<{ id: string; status: string }> = [];
		let lastId: string | undefined;
		for (;;) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId) }));
			const data = await c().client.request(
				'GET',
				`/rest/executions?filter=${filter}&limit=100${lastId ? `&lastId=${lastId}` : ''}`,
			);
			const page = (data?.results ?? []) as Array<{ id: string; status: string }>;
			all.push(...page);
			if (page.length < 100) return all;
			lastId = page.map((e) => e.id).sort((a, b) => Number(a) - Number(b))[0];
		}
	}
});

function ms(value: number) {
	return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value} ms`;
}
