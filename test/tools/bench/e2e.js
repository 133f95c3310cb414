'use strict';
/**
 * The real-n8n part: one n8n (test/e2e/harness/) with the packed package installed, the
 * Intellixent API emulator for the trigger's registration, and two published workflows with the
 * same settings:
 *   A. Intellixent Trigger (defaults: token verification on, output "conversation") -> NoOp
 *   B. n8n's built-in Webhook (POST, respond "immediately" = onReceived) -> NoOp
 * Both receive the same 8-message body. Rounds alternate A B B A (so a slow drift, e.g. the
 * growing executions table, hits both alike); each round is a fixed time of closed-loop load at a
 * fixed concurrency on 127.0.0.1 (loadgen.js), then waits until n8n has finished and saved every
 * execution it acknowledged. n8n is stopped in all cases and its process group checked.
 */
const fs = require('node:fs');
const path = require('node:path');

const h = require('../../e2e/harness');
const { groupAlive, psLines, run, sleep } = require('../process');
const { startEmulator } = require('../../emulator');
const { runLoad } = require('./loadgen');
const { makePayload } = require('./payloads');
const { summarize } = require('./stats');

const API_KEY = 'bench-api-key';
/** The same settings for both workflows (n8n's defaults, written out): every execution saved. */
const WORKFLOW_SETTINGS = {
	executionOrder: 'v1',
	saveDataSuccessExecution: 'all',
	saveDataErrorExecution: 'all',
	saveManualExecutions: true,
	saveExecutionProgress: false,
};

/** { count, newestStoppedAt, running } of a workflow's executions. */
async function executionCounts(api, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId) }));
	const data = await api.request('GET', `/rest/executions?filter=${filter}&limit=50`, undefined, {
		timeoutMs: 30000,
	});
	const results = (data && data.results) || [];
	let newestStoppedAt = 0;
	let unfinished = 0;
	const statuses = {};
	for (const e of results) {
		statuses[e.status] = (statuses[e.status] || 0) + 1;
		if (['new', 'running', 'waiting'].includes(e.status)) unfinished++;
		const stopped = e.stoppedAt ? Date.parse(e.stoppedAt) : 0;
		if (stopped > newestStoppedAt) newestStoppedAt = stopped;
	}
	return {
		count: Number(data && data.count),
		estimated: !!(data && data.estimated),
		newestStoppedAt,
		unfinished,
		statuses,
	};
}

/** Wait until `expected` executions of the workflow are finished; bounded by timeoutMs. */
async function drain(api, workflowId, expected, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		last = await executionCounts(api, workflowId);
		if (last.count >= expected && last.unfinished === 0) return { ...last, complete: true };
		await sleep(200);
	}
	return { ...last, complete: false };
}

/**
 * options: { packageDir, quick, log, concurrency, roundMs, warmupMs, rounds }
 * Returns the measured figures (see run.js for how they are reported).
 */
async function runEndToEnd({
	packageDir,
	quick = false,
	log = () => {},
	concurrency = 8,
	roundMs,
	warmupMs,
	env = {},
	triggerOptions,
}) {
	roundMs = roundMs || (quick ? 4000 : 20000);
	warmupMs = warmupMs || (quick ? 1500 : 5000);
	const drainTimeoutMs = Math.max(60000, roundMs * 4);
	const started = Date.now();

	log('packing the package (npm pack of the measured build)');
	const tgz = await h.packPackage({ repoDir: packageDir, build: false });
	const emulator = await startEmulator({ apiKey: API_KEY });
	let n8n;
	const result = { concurrency, roundMs, warmupMs, order: [], rounds: [] };
	try {
		log('starting n8n with the package installed');
		const t0 = Date.now();
		n8n = await h.startN8n({
			packageTgz: tgz,
			env: {
				// Less logging than the e2e default (debug), the same for both; no pruning mid-run.
				N8N_LOG_LEVEL: 'warn',
				EXECUTIONS_DATA_PRUNE: 'false',
				...env,
			},
		});
		result.n8nVersion = n8n.version;
		try {
			const { nodeBin } = await h.provision(n8n.version);
			const { stdout } = await run(nodeBin, ['--version'], { timeoutMs: 10000 });
			result.n8nNode = `Node ${stdout.trim()}`;
		} catch {
			/* informational only */
		}
		result.n8nStartMs = Date.now() - t0;
		const api = n8n.client;
		await api.setupOwner();

		const payload = makePayload(8);
		const body = Buffer.from(JSON.stringify(payload), 'utf8');
		result.bodyBytes = body.length;
		const assistantId = payload.assistant_id;

		const credential = await api.createCredential('intellixentApi', 'Intellixent (bench)', {
			apiKey: API_KEY,
			baseUrl: emulator.url,
		});
		const trig = h.intellixentWorkflow({
			name: 'Bench: Intellixent Trigger',
			credential,
			assistantId,
			options: triggerOptions,
		});
		const builtin = h.builtinWebhookWorkflow({ name: 'Bench: built-in Webhook' });
		trig.definition.settings = { ...WORKFLOW_SETTINGS };
		builtin.definition.settings = { ...WORKFLOW_SETTINGS };
		const savedTrig = await api.createWorkflow(trig.definition);
		const savedBuiltin = await api.createWorkflow(builtin.definition);
		const settingsTrig = (await api.getWorkflow(savedTrig.id)).settings;
		const settingsBuiltin = (await api.getWorkflow(savedBuiltin.id)).settings;
		if (JSON.stringify(settingsTrig) !== JSON.stringify(settingsBuiltin)) {
			throw new Error(
				`the two workflows have different settings: ${JSON.stringify(settingsTrig)} vs ${JSON.stringify(settingsBuiltin)}`,
			);
		}
		result.workflowSettings = settingsTrig;

		await api.publish(savedTrig.id, { expect: 'published' });
		await api.publish(savedBuiltin.id, { expect: 'published' });
		const registration = emulator.registrations()[assistantId];
		if (!registration) throw new Error('the trigger did not register its URL with the emulator');
		const trigUrl = registration.webhook_url;
		const expectedUrl = `${n8n.url}${trig.productionPath}${triggerOptions?.verifyDeliveryToken === false ? '' : '?token='}`;
		if (
			triggerOptions?.verifyDeliveryToken === false
				? trigUrl !== expectedUrl
				: !trigUrl.startsWith(expectedUrl)
		) {
			throw new Error(`unexpected registered URL ${trigUrl}`);
		}
		const targets = {
			trigger: {
				label: 'Intellixent Trigger',
				url: trigUrl,
				workflowId: savedTrig.id,
				expected: 0,
			},
			builtin: {
				label: 'built-in Webhook',
				url: `${n8n.url}${builtin.productionPath}`,
				workflowId: savedBuiltin.id,
				expected: 0,
			},
		};

		// One delivery each, checked end to end before any load.
		for (const [key, target] of Object.entries(targets)) {
			const res = await h.postJson(target.url, body.toString('utf8'));
			if (res.status !== 200)
				throw new Error(
					`${target.label}: sanity POST answered ${res.status} ${res.text.slice(0, 300)}`,
				);
			target.expected += 1;
			const [execution] = await api.waitForExecutions(target.workflowId, 1, 30000);
			if (execution.status !== 'success')
				throw new Error(`${target.label}: sanity execution ${execution.status}`);
			const items =
				key === 'trigger'
					? h.nodeOutput(execution, 'Conversation', 0)
					: h.nodeOutput(execution, 'No Operation', 0);
			const id =
				key === 'trigger'
					? items && items[0] && items[0].conversation_id
					: items && items[0] && items[0].body && items[0].body.conversation_id;
			if (id !== payload.conversation_id)
				throw new Error(
					`${target.label}: the execution does not carry the conversation (${JSON.stringify(items).slice(0, 300)})`,
				);
			if (key === 'trigger' && items[0].transcript.length !== 8)
				throw new Error('trigger: expected 8 messages in the item');
		}

		async function round(key, durationMs, phase) {
			const target = targets[key];
			const load = await runLoad({
				url: target.url,
				body,
				concurrency,
				durationMs,
				maxRequests: 500000,
			});
			target.expected += load.ok;
			const drained = await drain(api, target.workflowId, target.expected, drainTimeoutMs);
			const finishedAt = Math.max(drained.newestStoppedAt || 0, load.endedAt);
			const entry = {
				workflow: key,
				phase,
				sent: load.sent,
				ok: load.ok,
				errors: load.errors,
				statuses: load.statuses,
				durationMs: load.durationMs,
				ackPerSecond: load.perSecond,
				drainMs: finishedAt - load.endedAt,
				sustainedPerSecond: load.ok / ((finishedAt - load.startedAt) / 1000),
				drainComplete: drained.complete,
				executionsSaved: drained.count,
				executionsExpected: target.expected,
				latency: summarize(load.latenciesMs),
				latenciesMs: load.latenciesMs,
			};
			log(
				`  ${phase} ${target.label}: ${load.ok} ok, ${load.errors} errors in ${(load.durationMs / 1000).toFixed(1)} s, ` +
					`${entry.sustainedPerSecond.toFixed(1)}/s sustained, p50 ${entry.latency.p50.toFixed(1)} ms, drain ${entry.drainMs} ms`,
			);
			return entry;
		}

		log(`warm-up ${warmupMs} ms each`);
		await round('trigger', warmupMs, 'warm-up');
		await round('builtin', warmupMs, 'warm-up');
		const order = ['trigger', 'builtin', 'builtin', 'trigger'];
		result.order = order;
		log(`measuring: ${order.join(', ')}, ${roundMs} ms each at concurrency ${concurrency}`);
		for (const key of order) result.rounds.push(await round(key, roundMs, 'measured'));

		for (const [key, target] of Object.entries(targets)) {
			const rounds = result.rounds.filter((r) => r.workflow === key);
			const ok = rounds.reduce((a, r) => a + r.ok, 0);
			const sustainedSec = rounds.reduce((a, r) => a + r.durationMs + r.drainMs, 0) / 1000;
			const ackSec = rounds.reduce((a, r) => a + r.durationMs, 0) / 1000;
			const final = await executionCounts(api, target.workflowId);
			result[key] = {
				label: target.label,
				ok,
				errors: rounds.reduce((a, r) => a + r.errors, 0),
				sustainedPerSecond: ok / sustainedSec,
				ackPerSecond: ok / ackSec,
				latency: summarize(rounds.flatMap((r) => r.latenciesMs)),
				executionsSaved: final.count,
				executionsExpected: target.expected,
				drainComplete: rounds.every((r) => r.drainComplete),
			};
		}
		for (const r of result.rounds) delete r.latenciesMs;
		result.ratio = {
			sustained: result.trigger.sustainedPerSecond / result.builtin.sustainedPerSecond,
			ack: result.trigger.ackPerSecond / result.builtin.ackPerSecond,
			p50: result.trigger.latency.p50 / result.builtin.latency.p50,
			p99: result.trigger.latency.p99 / result.builtin.latency.p99,
		};
	} finally {
		if (n8n) {
			log('stopping n8n');
			await n8n.stop();
			const alive = groupAlive(n8n.pid);
			const { userFolder, port } = n8n;
			const leftovers = await psLines(
				({ args }) =>
					args.includes(userFolder) || (args.includes('n8n-e2e-') && args.includes(String(port))),
			).catch(() => []);
			result.stoppedCleanly = !alive && leftovers.length === 0;
			if (!result.stoppedCleanly)
				log(
					`WARNING: n8n process group ${n8n.pid} still alive or leftovers: ${leftovers.join('; ')}`,
				);
		}
		await emulator.close();
		fs.rmSync(path.dirname(tgz), { recursive: true, force: true });
	}
	result.wallMs = Date.now() - started;
	return result;
}

module.exports = { runEndToEnd };
