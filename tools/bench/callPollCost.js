#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:calls`: what one poll of the Intellixent Call Trigger costs in API requests, at
 * 1,000, 10,000 and 50,000 calls a day, with the list newest first and oldest first, with and
 * without one call left open for 6 hours. The compiled trigger (dist/, so `npm run build` first)
 * polls the in-process fake call API (fakeCallApi.js) once a simulated minute; Date.now is moved
 * by the script, so a run takes seconds and its figures are exact counts, not timings.
 *
 * Each scenario: a day of calls, all ended (and, in the "open 6 h" rows, one call started six
 * hours ago still going on); a first window read until it is complete (the polls it takes are
 * reported); then STEADY_POLLS polls, each after a minute of new calls that all end before it.
 * Reported: list requests per steady poll (mean and most), detail requests per newly ended call
 * (over the steady polls and the polls that empty any backlog after them), and the polls from a call's end to its emission (most). Every call must be emitted once:
 * a duplicate or a missing call makes the script fail.
 *
 *   node tools/bench/callPollCost.js [--markdown]
 */
const path = require('node:path');

const { createFakeCallApi, DAY_MS } = require('./fakeCallApi');

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'nodes', 'IntellixentCallTrigger');
const { IntellixentCallTrigger } = require(path.join(DIST, 'IntellixentCallTrigger.node.js'));

const MINUTE = 60_000;
const STEADY_POLLS = 30;
const VOLUMES = [1_000, 10_000, 50_000];
const ORDERS = /** @type {const} */ (['newest', 'oldest']);
const START = Date.UTC(2026, 11, 3, 9, 0, 0);
/** n8n 2.40's default poll budget. */
const BUDGET_MS = 5 * MINUTE;

const trigger = new IntellixentCallTrigger();
const realNow = Date.now;

/** @param {ReturnType<typeof createFakeCallApi>} api @param {Record<string, unknown>} staticData */
function context(api, staticData) {
	const node = { id: 'bench-node', name: 'Intellixent Call Trigger', parameters: {} };
	const quiet = () => undefined;
	return {
		getNode: () => node,
		getMode: () => 'trigger',
		getActivationMode: () => 'trigger',
		getWorkflow: () => ({ id: 'bench', name: 'bench', active: true }),
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => ({
			apiKey: 'ix-bench-key',
			baseUrl: 'https://portal.intellixent.ai',
		}),
		// Every parameter at its default, as a new node has it.
		/** @param {string} _name @param {unknown} fallback */
		getNodeParameter: (_name, fallback) => fallback,
		getTimezone: () => 'UTC',
		getPollBudgetMs: () => BUDGET_MS,
		logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
		helpers: api.helpers,
	};
}

/**
 * @param {number} perDay
 * @param {'newest' | 'oldest'} order
 * @param {boolean} openSixHours
 */
async function scenario(perDay, order, openSixHours) {
	let clock = START;
	Date.now = () => clock;
	try {
		const api = createFakeCallApi({ order });
		const step = DAY_MS / perDay;
		for (let t = clock - DAY_MS; t < clock; t += step) api.end(api.add(t), 'completed', t);
		if (openSixHours) api.add(clock - 6 * 60 * MINUTE);
		const staticData = {};
		const ctx = context(api, staticData);
		const poll = async () => {
			const out = await trigger.poll.call(ctx);
			return out ? out[0].map((item) => /** @type {number} */ (item.json.id)) : [];
		};

		let firstPolls = 0;
		const firstStart = api.counts.list;
		do {
			await poll();
			firstPolls++;
			clock += MINUTE;
		} while (/** @type {{ scan?: unknown }} */ (staticData.callCursor).scan && firstPolls < 500);
		const firstRequests = api.counts.list - firstStart;

		/** @type {Map<number, number>} call ID → poll it ended before */
		const endedAt = new Map();
		const emitted = new Set();
		let duplicates = 0;
		let mostDelay = 0;
		const lists = [];
		const steadyDetails = api.counts.detail;
		let details = 0;
		const perMinute = perDay / (24 * 60);
		let carry = 0;
		for (let i = 0; i < STEADY_POLLS; i++) {
			carry += perMinute;
			const count = Math.floor(carry);
			carry -= count;
			for (let k = 0; k < count; k++) {
				const at = clock - MINUTE + ((k + 0.5) * MINUTE) / Math.max(1, count);
				const id = api.add(at);
				api.end(id, 'completed', at);
				endedAt.set(id, i);
			}
			clock += MINUTE;
			const listBefore = api.counts.list;
			for (const id of await poll()) {
				if (emitted.has(id)) duplicates++;
				emitted.add(id);
				mostDelay = Math.max(mostDelay, i - (endedAt.get(id) ?? i));
			}
			lists.push(api.counts.list - listBefore);
		}
		// Polls with no new call until the backlog (if any) is out, to check nothing is lost.
		for (let i = 0; i < 200 && emitted.size < endedAt.size; i++) {
			clock += MINUTE;
			for (const id of await poll()) {
				if (emitted.has(id)) duplicates++;
				emitted.add(id);
				mostDelay = Math.max(mostDelay, STEADY_POLLS + i - (endedAt.get(id) ?? 0));
			}
		}
		details = api.counts.detail - steadyDetails;
		const missing = [...endedAt.keys()].filter((id) => !emitted.has(id)).length;
		const unexpected = [...emitted].filter((id) => !endedAt.has(id)).length;
		return {
			perDay,
			order,
			open: openSixHours ? 'open 6 h' : 'none',
			firstPolls,
			firstRequests,
			listMean: lists.reduce((a, b) => a + b, 0) / lists.length,
			listMost: Math.max(...lists),
			detailsPerEnded: details / Math.max(1, [...endedAt.values()].length),
			mostDelay,
			duplicates,
			missing,
			unexpected,
		};
	} finally {
		Date.now = realNow;
	}
}

async function main() {
	const rows = [];
	for (const open of [false, true])
		for (const perDay of VOLUMES)
			for (const order of ORDERS) rows.push(await scenario(perDay, order, open));
	const header =
		'| calls/day | list order | call left open | first window: polls (list requests) | list requests per poll: mean (most) | detail requests per newly ended call | most polls from end to emission | duplicates / missing |';
	const lines = [header, `|${' --- |'.repeat(8)}`];
	for (const r of rows)
		lines.push(
			`| ${r.perDay.toLocaleString('en-US')} | ${r.order} first | ${r.open} | ${r.firstPolls} (${r.firstRequests}) | ${r.listMean.toFixed(2)} (${r.listMost}) | ${r.detailsPerEnded.toFixed(2)} | ${r.mostDelay} | ${r.duplicates} / ${r.missing + r.unexpected} |`,
		);
	console.log(
		`Call Trigger poll cost: ${STEADY_POLLS} steady polls, one a minute, after the first window\n`,
	);
	console.log(lines.join('\n'));
	if (rows.some((r) => r.duplicates || r.missing || r.unexpected)) {
		console.error('\na call was emitted twice, not at all, or without having ended');
		process.exit(1);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
