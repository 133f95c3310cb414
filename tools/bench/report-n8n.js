'use strict';
/**
 * The real-n8n sections of RESULTS.md (e2e.js figures): the target rows and one section per n8n
 * run (as users get n8n, on the same isolate path, trigger version 1.1 vs 1, and any tuning run).
 * Every ratio is the trigger's figure over another workflow's from the same n8n run.
 */
const { duration, fixed, int, mark, pct, ratio, table } = require('./format');

const TARGETS = {
	/** Of the bare built-in Webhook node as users get n8n (n8n skips an isolate for it). */
	e2eShare: 0.95,
	/** Of the bare built-in Webhook node when both take the same isolate path. */
	e2eShareEqualFooting: 0.97,
	/** Of what a user would build by hand: Webhook -> Code -> NoOp. */
	diyShare: 1,
};

const LABELS = {
	trigger: 'Intellixent Trigger',
	triggerV1: 'Intellixent Trigger at version 1',
	builtin: 'built-in Webhook',
	diy: 'Webhook + Code (DIY)',
};
/** Where e2e.js puts the trigger's ratio over each other workflow. */
const RATIO_OF = { builtin: 'ratio', diy: 'ratioDiy', triggerV1: 'ratioV1' };
/** The ratio columns' headings. */
const RATIO_HEADING = (k) =>
	k === 'triggerV1' ? 'Trigger 1.1 / trigger 1' : `Trigger / ${LABELS[k]}`;

const EQUAL_FOOTING_WHY =
	'n8n 2.40 acquires an expression isolate for the webhook phase of every trigger except its own Webhook node with static parameters (`webhookPhaseNeedsIsolate` in `live-webhooks.js` checks the node type); a community node cannot opt in. This run starts n8n with `N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false`, so both take the same path, and shows what the trigger itself costs.';

const VERSIONS_WHY =
	"n8n as users get it, with two copies of the trigger workflow: the trigger at node version 1.1 (the default of a new workflow) and at version 1, for which n8n 2.40 evaluates `$parameter.options.binaryData` in the expression isolate for every delivery. Each listens to its own assistant of the emulator; the bodies differ only in `assistant_id`. The ratio is what moving new workflows to version 1.1 changed (no target; docs/performance.md, 'What was removed').";

/** What each workflow is, for the run's description. */
const WORKFLOW_TEXT = {
	trigger: (e) =>
		`the trigger (Output = ${e.outputShape}${e.triggerV1 ? ', node version 1.1' : ''}) -> NoOp`,
	triggerV1: () => 'the same trigger at node version 1 -> NoOp',
	builtin: () => 'the built-in Webhook -> NoOp',
	diy: () => 'the built-in Webhook -> Code (token, fields, flat row; `diy-workflow.js`) -> NoOp',
};

/** [text, met] of the trigger's sustained ratio over `key`; met is null without a share. */
function measured(e, key, share = null) {
	if (!e) return ['skipped (--skip-n8n)', null];
	if (e.error) return ['failed (see below)', null];
	const r = e[RATIO_OF[key]];
	if (!r) return ['not measured', null];
	return [
		`${pct(r.sustained)} (${fixed(e.trigger.sustainedPerSecond)} vs ${fixed(e[key].sustainedPerSecond)}/s)`,
		share === null ? null : r.sustained >= share,
	];
}

/** "trigger 1.1 / trigger 1" of the versions run: ratio (1.1's vs 1's deliveries/s). */
function versionPairText(e) {
	return measured(e, 'triggerV1')[0];
}

function targetRowsN8n(results) {
	const rows = [];
	const add = (label, e, key, share) => {
		const [text, ok] = measured(e, key, share);
		rows.push([label, text, mark(ok)]);
	};
	add(
		`Real n8n: sustained throughput at least ${pct(TARGETS.diyShare)} of the do-it-yourself Webhook + Code workflow (Flat Row both)`,
		results.e2e,
		'diy',
		TARGETS.diyShare,
	);
	if (results.e2eEqualFooting)
		add(
			`Same isolate path (\`N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP=false\`): at least ${pct(TARGETS.e2eShareEqualFooting)} of the bare built-in Webhook node`,
			results.e2eEqualFooting,
			'builtin',
			TARGETS.e2eShareEqualFooting,
		);
	add(
		`As users get n8n: at least ${pct(TARGETS.e2eShare)} of the bare built-in Webhook node (which n8n spares an isolate)`,
		results.e2e,
		'builtin',
		TARGETS.e2eShare,
	);
	if (results.e2eVersions)
		add(
			'Trigger 1.1 / trigger 1: sustained throughput of node version 1.1 over version 1 in one n8n as users get it (no target)',
			results.e2eVersions,
			'triggerV1',
			null,
		);
	return rows;
}

function renderN8nParts(out, results) {
	out.push(
		'## Real n8n: Intellixent Trigger vs the built-in Webhook node and a do-it-yourself workflow',
	);
	out.push('');
	const parts = [
		[results.e2e, 'As users get n8n', ''],
		...(results.e2eEqualFooting
			? [[results.e2eEqualFooting, 'Both on the same isolate path', EQUAL_FOOTING_WHY]]
			: []),
		...(results.e2eVersions
			? [[results.e2eVersions, 'The trigger at node version 1.1 vs version 1', VERSIONS_WHY]]
			: []),
		...(results.e2eTuning || []).map((e) => [
			e,
			`Tuned: ${e.tuning}`,
			`n8n started with \`${e.tuning}\`, everything else as in the first run.`,
		]),
	];
	for (const [e, heading, why] of parts) {
		out.push(`### ${heading}`);
		out.push('');
		if (why) {
			out.push(why);
			out.push('');
		}
		renderEndToEnd(out, e);
	}
}

function renderEndToEnd(out, e) {
	if (!e) {
		out.push('Skipped (`--skip-n8n`).');
		out.push('');
		return;
	}
	if (e.error) {
		out.push(`Failed: \`${e.error.split('\n')[0]}\``);
		out.push('');
		return;
	}
	const keys = Object.keys(LABELS).filter((k) => e[k]);
	const others = keys.filter((k) => k !== 'trigger');
	const ratioOf = (k) => e[RATIO_OF[k]];
	out.push(
		`n8n ${e.n8nVersion} (started once, SQLite, regular mode, \`N8N_LOG_LEVEL=warn\`, pruning off) with the packed package installed as n8n's community-package installer does; ` +
			`${keys.length} workflows published with the same settings (\`${JSON.stringify(e.workflowSettings)}\`): ${keys.map((k) => WORKFLOW_TEXT[k](e)).join(', ')}. ` +
			`Same ${int(e.bodyBytes)}-byte body (8 messages). Load: ${e.concurrency} concurrent keep-alive connections from a Node load generator on 127.0.0.1, ` +
			`${duration(e.roundMs)} per round, rounds in the order ${e.order.join(', ')} after a ${duration(e.warmupMs)} warm-up of each. ` +
			'Sustained = deliveries answered 200 / time from the first request until n8n had finished the last execution; every execution was checked as saved.',
	);
	out.push('');
	const cells = (fn) => keys.map((k) => fn(e[k]));
	const ratios = (fn) => others.map((k) => fn(ratioOf(k)));
	out.push(
		table(
			['', ...keys.map((k) => LABELS[k]), ...others.map(RATIO_HEADING)],
			[
				[
					'Sustained deliveries/s',
					...cells((w) => fixed(w.sustainedPerSecond)),
					...ratios((r) => `**${pct(r.sustained)}**`),
				],
				[
					'Acknowledged (HTTP 200) per second',
					...cells((w) => fixed(w.ackPerSecond)),
					...ratios((r) => pct(r.ack)),
				],
				[
					'Latency p50',
					...cells((w) => `${fixed(w.latency.p50)} ms`),
					...ratios((r) => ratio(r.p50)),
				],
				[
					'Latency p99',
					...cells((w) => `${fixed(w.latency.p99)} ms`),
					...ratios((r) => ratio(r.p99)),
				],
				[
					'Deliveries measured (errors)',
					...cells((w) => `${int(w.ok)} (${int(w.errors)})`),
					...others.map(() => ''),
				],
				[
					'Executions saved / answered 200 (whole run)',
					...cells((w) => `${int(w.executionsSaved)} / ${int(w.executionsExpected)}`),
					...others.map(() => ''),
				],
			],
		),
	);
	out.push('');
	out.push(
		table(
			[
				'Round',
				'Workflow',
				'Deliveries',
				'Seconds',
				'Sustained/s',
				'p50',
				'p99',
				'Drain after load',
				'Statuses',
			],
			e.rounds.map((r, i) => [
				String(i + 1),
				LABELS[r.workflow],
				int(r.ok),
				fixed(r.durationMs / 1000),
				fixed(r.sustainedPerSecond),
				`${fixed(r.latency.p50)} ms`,
				`${fixed(r.latency.p99)} ms`,
				`${int(r.drainMs)} ms${r.drainComplete ? '' : ' (incomplete)'}`,
				Object.entries(r.statuses)
					.map(([k, v]) => `${k}: ${v}`)
					.join(', '),
			]),
		),
	);
	out.push('');
	out.push(
		`n8n stopped ${e.stoppedCleanly ? 'cleanly (process group gone, no leftovers)' : '**with leftovers**'}; this part took ${duration(e.wallMs)}.`,
	);
	out.push('');
}

module.exports = { renderN8nParts, targetRowsN8n, versionPairText, TARGETS_N8N: TARGETS };
