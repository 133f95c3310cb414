#!/usr/bin/env node
'use strict';
/**
 * Where n8n spends its CPU per delivery, workflow by workflow: one n8n per workflow,
 * started with --cpu-prof, under the bench's load (e2e.js) on that workflow alone; the profile of
 * n8n's main process is attributed to functions, in ms of CPU per delivery. Not part of
 * `npm run bench` (minutes per workflow); run it when the real-n8n ratios need explaining:
 *
 *   flock /tmp/intellixent-e2e.lock node tools/bench/profile-n8n.js [--quick] [trigger builtin diy]
 *
 * Needs a fresh build in dist/ (npm run build). Prints a table and writes profile-n8n.json in
 * the OS temporary folder. Extra n8n settings come from the environment given to this script
 * only through BENCH_N8N_ENV (JSON), e.g. '{"N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP":"false"}'.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { runEndToEnd } = require('./e2e');
const { attribute } = require('./profile');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Functions whose inclusive time explains a delivery (matched on the start of the frame key). */
const WATCHED = [
	'executeWebhook n8n/dist/webhooks/live-webhooks.js',
	'executeWebhook n8n/dist/webhooks/webhook-helpers.js',
	'runWebhook n8n/dist/webhooks/webhook.service.js',
	'webhook n8n-nodes-intellixent/',
	'handleDelivery n8n-nodes-intellixent/',
	'acquireIsolate ',
	'releaseIsolate ',
	'acquire @n8n/expression-runtime/',
	'createBridge ',
	'initialize @n8n/expression-runtime/',
	'dispose @n8n/expression-runtime/',
	'initializeExecution n8n-core/',
	'findNonProjectCredentialsByIds ',
	'evaluateComplexWebhookDescriptionExpression ',
	'getNodeParameter ',
	'saveStaticData ',
	'check n8n/dist/executions/pre-execution-checks/credentials-permission-checker.js',
	'run n8n/dist/workflow-runner.js',
	'runMainProcess n8n/dist/workflow-runner.js',
	'processRunExecutionData n8n-core/',
	'runNode n8n-core/',
	'getStaticDataById ',
	'(garbage collector)',
];

async function profileOne(key, { quick, env }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `intellixent-n8n-prof-${key}-`));
	try {
		const result = await runEndToEnd({
			packageDir: REPO_ROOT,
			quick,
			workflows: [key],
			env: { ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=500` },
			log: (m) => console.log(`[${key}] ${m}`),
		});
		// The largest profile is n8n's main process (the task runner writes its own, smaller).
		const files = fs
			.readdirSync(dir)
			.filter((f) => f.endsWith('.cpuprofile'))
			.map((f) => path.join(dir, f))
			.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
		if (!files.length) throw new Error(`${key}: n8n wrote no CPU profile`);
		const perDelivery = {};
		const warmAndMeasured = deliveriesIn(result);
		const all = { deliveries: warmAndMeasured, busyMs: 0, runnerBusyMs: 0 };
		files.forEach((file, index) => {
			const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
			const { inclusive, self, rootTotal } = attribute(profile, null, null);
			if (index === 0) {
				all.busyMs = rootTotal / 1000 / warmAndMeasured;
				for (const prefix of WATCHED) {
					const us = [...inclusive]
						.filter(([k]) => k.startsWith(prefix))
						.reduce((a, [, t]) => Math.max(a, t), 0);
					perDelivery[prefix.trim()] = us / 1000 / warmAndMeasured;
				}
				all.topSelf = [...self]
					.sort((a, b) => b[1] - a[1])
					.slice(0, 25)
					.map(([fn, us]) => ({ fn, ms: us / 1000 / warmAndMeasured }));
			} else all.runnerBusyMs += rootTotal / 1000 / warmAndMeasured;
		});
		return { key, sustainedPerSecond: result[key].sustainedPerSecond, ...all, perDelivery };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Every delivery n8n handled while profiled: sanity, warm-up and measured rounds. */
function deliveriesIn(result) {
	return 1 + result.rounds.reduce((a, r) => a + r.ok, 0) + result.warmupOk;
}

function printProfile(p) {
	console.log(
		`\n${p.key}: ${p.sustainedPerSecond.toFixed(1)}/s sustained, n8n main busy ${p.busyMs.toFixed(2)} ms CPU per delivery (task runner ${p.runnerBusyMs.toFixed(2)} ms), ${p.deliveries} deliveries`,
	);
	for (const [fn, ms] of Object.entries(p.perDelivery))
		if (ms > 0) console.log(`  ${ms.toFixed(2).padStart(7)} ms  ${fn} (inclusive)`);
	console.log('  top self time:');
	for (const t of p.topSelf.slice(0, 15))
		console.log(`  ${t.ms.toFixed(3).padStart(7)} ms  ${t.fn}`);
}

async function main() {
	const args = process.argv.slice(2);
	const quick = args.includes('--quick');
	const keys = args.filter((a) => !a.startsWith('--'));
	const env = process.env.BENCH_N8N_ENV ? JSON.parse(process.env.BENCH_N8N_ENV) : {};
	const out = [];
	for (const key of keys.length ? keys : ['trigger', 'builtin', 'diy']) {
		const p = await profileOne(key, { quick, env });
		out.push(p);
		printProfile(p);
	}
	const file = path.join(os.tmpdir(), 'profile-n8n.json');
	fs.writeFileSync(file, JSON.stringify(out, null, 1));
	console.log(`\nwrote ${file}`);
}

main().catch((error) => {
	console.error(error.stack || error);
	process.exitCode = 1;
});
