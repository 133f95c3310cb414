'use strict';
/**
 * The real-n8n part: one n8n (test/e2e/harness/) with the packed package installed, the
 * Intellixent API emulator for the triggers' registrations, and up to four published workflows
 * with the same settings:
 *   trigger:   Intellixent Trigger (token verification on, Output = Flat Row by default) -> NoOp,
 *              at the node's default version (1.1, as in a new workflow)
 *   triggerV1: the same trigger at node version 1, which makes n8n 2.40 evaluate
 *              `$parameter.options.binaryData` for every delivery; it listens to
 *              another assistant of the emulator, so its body differs only in `assistant_id`
 *   builtin: n8n's built-in Webhook (POST, respond "immediately" = onReceived) -> NoOp
 *   diy:     built-in Webhook -> Code (token, fields, flat row; diy-workflow.js) -> NoOp
 * All receive the same 8-message body. Rounds run A B C C B A (so a slow drift, e.g. the
 * growing executions table, hits all alike); each round is a fixed time of closed-loop load at a
 * fixed concurrency on 127.0.0.1 (loadgen.js), then waits until n8n has finished and saved every
 * execution it acknowledged. n8n is stopped in all cases and its process group checked.
 */
const fs = require('node:fs');
const path = require('node:path');

const h = require('../../test/e2e/harness');
const { groupAlive, psLines, run, sleep } = require('../process');
const { startEmulator } = require('../emulator');
const { runLoad } = require('./loadgen');
const { makePayload } = require('./payloads');
const { DEFAULT_ASSISTANTS } = require('../emulator/resources/assistants');
const { diyWorkflow } = require('./diy-workflow');
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

const LABELS = {
	trigger: 'Intellixent Trigger',
	triggerV1: 'Intellixent Trigger at version 1',
	builtin: 'built-in Webhook',
	diy: 'Webhook + Code (do-it-yourself)',
};

/** The trigger workflows' node versions; the others are n8n's built-in nodes. */
const TRIGGER_VERSIONS = { trigger: 1.1, triggerV1: 1 };
const isTrigger = (key) => key in TRIGGER_VERSIONS;

/** The trigger's figures over another workflow's, from the same run. */
function ratios(trigger, other) {
	return {
		sustained: trigger.sustainedPerSecond / other.sustainedPerSecond,
		ack: trigger.ackPerSecond / other.ackPerSecond,
		p50: trigger.latency.p50 / other.latency.p50,
		p99: trigger.latency.p99 / other.latency.p99,
	};
}

/** Throws unless the sanity execution carries the posted conversation where each workflow puts it. */
function checkSanityItem(key, execution, payload, outputShape) {
	const node = isTrigger(key)
		? 'Conversation'
		: { builtin: 'No Operation', diy: 'Check and flatten' }[key];
	const item = (h.nodeOutput(execution, node, 0) || [])[0];
	const id = key === 'builtin' ? item?.body?.conversation_id : item?.conversation_id;
	if (id !== payload.conversation_id)
		throw new Error(
			`${LABELS[key]}: the execution does not carry the conversation (${JSON.stringify(item).slice(0, 300)})`,
		);
	const messages = isTrigger(key) && outputShape === 'conversation' ? item.transcript.length : 8;
	const flat = key === 'diy' || (isTrigger(key) && outputShape === 'flatRow');
	if (messages !== 8 || (flat && item.message_count !== 8 && item.message_count !== '8'))
		throw new Error(`${LABELS[key]}: expected the 8 messages in the item`);
}

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

/**
 * Wait until `expected` executions of the workflow are finished; bounded by timeoutMs. When n8n
 * deletes successful executions (saveSuccess false) only "none unfinished" can be seen: every
 * answered delivery's execution row exists before the answer (onReceived), so two polls in a row
 * without an unfinished one mean all are done; the finish time is then the second poll's.
 */
async function drain(api, workflowId, expected, timeoutMs, saveSuccess = true) {
	const deadline = Date.now() + timeoutMs;
	let last;
	let idlePolls = 0;
	while (Date.now() < deadline) {
		last = await executionCounts(api, workflowId);
		if (saveSuccess && last.count >= expected && last.unfinished === 0)
			return { ...last, complete: true };
		idlePolls = last.unfinished === 0 ? idlePolls + 1 : 0;
		if (!saveSuccess && idlePolls >= 2)
			return { ...last, newestStoppedAt: Date.now(), complete: true };
		await sleep(200);
	}
	return { ...last, complete: false };
}

/**
 * options: { packageDir, quick, log, concurrency, roundMs, warmupMs, env, triggerOptions,
 * outputShape, workflows } where workflows is a list of 'trigger', 'triggerV1', 'builtin', 'diy'.
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
	outputShape = 'flatRow',
	workflows = ['trigger', 'builtin', 'diy'],
	settings = {},
}) {
	const workflowSettings = JSON.parse(JSON.stringify({ ...WORKFLOW_SETTINGS, ...settings }));
	// Without the workflow setting, n8n's EXECUTIONS_DATA_SAVE_ON_SUCCESS decides.
	const saveSuccess =
		(workflowSettings.saveDataSuccessExecution ?? env.EXECUTIONS_DATA_SAVE_ON_SUCCESS ?? 'all') !==
		'none';
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
		// One assistant per trigger (a second trigger on the same one would take its registration
		// over); the same conversation otherwise, so the same number of bytes.
		const assistantV1 = DEFAULT_ASSISTANTS.find((a) => a.uuid !== assistantId).uuid;
		const payloadV1 = makePayload(8, { assistantId: assistantV1 });
		const bodyV1 = Buffer.from(JSON.stringify(payloadV1), 'utf8');
		if (bodyV1.length !== body.length) throw new Error('the two trigger bodies differ in size');
		const payloads = { triggerV1: payloadV1 };
		const bodies = { triggerV1: bodyV1 };
		const assistants = { trigger: assistantId, triggerV1: assistantV1 };

		const credential = await api.createCredential('intellixentApi', 'Intellixent (bench)', {
			apiKey: API_KEY,
			baseUrl: emulator.url,
		});
		const triggerWorkflow = (key, name) =>
			h.intellixentWorkflow({
				name,
				credential,
				assistantId: assistants[key],
				outputShape,
				options: triggerOptions,
				typeVersion: TRIGGER_VERSIONS[key],
			});
		const built = {
			trigger: triggerWorkflow('trigger', 'Bench: Intellixent Trigger'),
			triggerV1: triggerWorkflow('triggerV1', 'Bench: Intellixent Trigger at version 1'),
			builtin: h.builtinWebhookWorkflow({ name: 'Bench: built-in Webhook' }),
			diy: diyWorkflow({ name: 'Bench: do-it-yourself Webhook + Code' }),
		};
		const saved = {};
		let settingsSeen;
		for (const key of workflows) {
			built[key].definition.settings = { ...workflowSettings };
			saved[key] = await api.createWorkflow(built[key].definition);
			const stored = await api.getWorkflow(saved[key].id);
			const settings = JSON.stringify(stored.settings);
			if (isTrigger(key)) {
				const node = stored.nodes.find((n) => n.type.endsWith('.intellixentTrigger'));
				if (node?.typeVersion !== TRIGGER_VERSIONS[key])
					throw new Error(`${LABELS[key]}: n8n saved the trigger at version ${node?.typeVersion}`);
			}
			if (settingsSeen !== undefined && settings !== settingsSeen)
				throw new Error(`the workflows have different settings: ${settings} vs ${settingsSeen}`);
			settingsSeen = settings;
		}
		result.workflowSettings = JSON.parse(settingsSeen);
		result.outputShape = outputShape;
		result.savesSuccessfulExecutions = saveSuccess;
		for (const key of workflows) await api.publish(saved[key].id, { expect: 'published' });

		const targets = {};
		for (const key of workflows) {
			targets[key] = {
				label: LABELS[key],
				url: isTrigger(key) ? registeredUrl(key) : `${n8n.url}${built[key].productionPath}`,
				workflowId: saved[key].id,
				body: bodies[key] || body,
				payload: payloads[key] || payload,
				expected: 0,
			};
		}
		function registeredUrl(key) {
			const registration = emulator.registrations()[assistants[key]];
			if (!registration)
				throw new Error(`${LABELS[key]} did not register its URL with the emulator`);
			const url = registration.webhook_url;
			const verifies = triggerOptions?.verifyDeliveryToken !== false;
			const expectedUrl = `${n8n.url}${built[key].productionPath}${verifies ? '?token=' : ''}`;
			if (verifies ? !url.startsWith(expectedUrl) : url !== expectedUrl)
				throw new Error(`unexpected registered URL ${url}`);
			return url;
		}

		// One delivery each, checked end to end before any load.
		for (const [key, target] of Object.entries(targets)) {
			const res = await h.postJson(target.url, target.body.toString('utf8'));
			if (res.status !== 200)
				throw new Error(
					`${target.label}: sanity POST answered ${res.status} ${res.text.slice(0, 300)}`,
				);
			target.expected += 1;
			if (!saveSuccess) continue;
			const [execution] = await api.waitForExecutions(target.workflowId, 1, 30000);
			if (execution.status !== 'success')
				throw new Error(`${target.label}: sanity execution ${execution.status}`);
			checkSanityItem(key, execution, target.payload, outputShape);
		}

		async function round(key, durationMs, phase) {
			const target = targets[key];
			const load = await runLoad({
				url: target.url,
				body: target.body,
				concurrency,
				durationMs,
				maxRequests: 500000,
			});
			target.expected += load.ok;
			const drained = await drain(
				api,
				target.workflowId,
				target.expected,
				drainTimeoutMs,
				saveSuccess,
			);
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
		result.warmupOk = 0;
		for (const key of workflows) result.warmupOk += (await round(key, warmupMs, 'warm-up')).ok;
		// Each workflow forwards then backwards (A B C C B A): a slow drift hits all alike.
		const order = [...workflows, ...[...workflows].reverse()];
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
		if (result.trigger && result.builtin) result.ratio = ratios(result.trigger, result.builtin);
		if (result.trigger && result.diy) result.ratioDiy = ratios(result.trigger, result.diy);
		if (result.trigger && result.triggerV1)
			result.ratioV1 = ratios(result.trigger, result.triggerV1);
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
