'use strict';
/**
 * One in-process measurement, in its own Node process (started by run.js with --expose-gc):
 *
 *   node --expose-gc inprocess-worker.js '<json options>'
 *
 * options: { distDir, messages, shape, mode: 'bench' | 'profile', warmupMs, timeMs, minIters,
 *            maxIters, memDeliveries, blockMs }
 *
 * - "JSON.parse only" (the floor): `JSON.parse(rawBody.toString('utf8'))`, what n8n's body parser
 *   does for every JSON request before any node runs.
 * - "trigger path incl. parse": the same parse, then the compiled node's real webhook() with a mock
 *   context (tools/bench/mock-context.js) - what a delivery costs in total up to the items.
 * Both are timed one call at a time, in alternating blocks (so drift hits both alike), after a
 * warm-up. Memory: JS heap allocated per delivery (v8.GCProfiler: heap growth plus what each GC
 * freed) and heap retained per delivery by what the call returns (kept alive, then gc()).
 * Prints one JSON line on stdout. Every loop is bounded in count and in time.
 */
const path = require('node:path');
const v8 = require('node:v8');

const { makeBody } = require('./payloads');
const { createMockFactory } = require('./mock-context');
const { summarize } = require('./stats');

const opts = JSON.parse(process.argv[2] || '{}');
const {
	distDir,
	messages = 8,
	shape = 'conversation',
	mode = 'bench',
	warmupMs = 1000,
	timeMs = 3000,
	minIters = 50,
	maxIters = 200000,
	memDeliveries = 50,
	blockMs = 50,
} = opts;

const now = () => process.hrtime.bigint();
const usSince = (t0) => Number(now() - t0) / 1e3;

function expectedItems(n) {
	return shape === 'messages' ? n : 1;
}

async function main() {
	if (!distDir) throw new Error('distDir is required');
	const { IntellixentTrigger } = require(
		path.join(distDir, 'nodes', 'IntellixentTrigger', 'IntellixentTrigger.node.js'),
	);
	const trigger = new IntellixentTrigger();
	const factory = createMockFactory(distDir, { outputShape: shape });
	const raw = makeBody(messages);

	const parseOnly = () => JSON.parse(raw.toString('utf8'));
	const triggerPath = () => {
		const body = JSON.parse(raw.toString('utf8'));
		return trigger.webhook.call(factory.contextFor(raw, body));
	};

	// The delivery must be accepted and shaped, or the timings mean nothing.
	const check = await triggerPath();
	const out = check && check.workflowData;
	if (!out || out[0].length !== expectedItems(messages) || out[1].length !== 0) {
		throw new Error(
			`unexpected webhook() answer for ${messages} messages/${shape}: ${JSON.stringify(check).slice(0, 300)}`,
		);
	}
	const first = out[0][0].json;
	if (first.conversation_id !== JSON.parse(raw.toString('utf8')).conversation_id) {
		throw new Error('the item does not carry the conversation_id');
	}

	if (mode === 'profile') {
		// Only the trigger path, for --cpu-prof; the parent divides sampled time by `deliveries`.
		const t0 = Date.now();
		let deliveries = 0;
		while (Date.now() - t0 < timeMs && deliveries < maxIters) {
			await triggerPath();
			deliveries++;
		}
		process.stdout.write(
			`${JSON.stringify({ mode, messages, shape, deliveries, ms: Date.now() - t0 })}\n`,
		);
		return;
	}

	// Warm-up, alternating, bounded by time and count.
	const w0 = Date.now();
	let warm = 0;
	while ((Date.now() - w0 < warmupMs || warm < 3) && warm < 100000) {
		parseOnly();
		await triggerPath();
		warm++;
	}
	// Alternating blocks of ~blockMs each (equal time for both, so load drift hits both alike).
	const parseUs = [];
	const trigUs = [];
	let sink = 0;
	const m0 = Date.now();
	const hardStop = m0 + timeMs * 3;
	while (Date.now() < hardStop && (parseUs.length < maxIters || trigUs.length < maxIters)) {
		const enough =
			Date.now() - m0 >= timeMs && parseUs.length >= minIters && trigUs.length >= minIters;
		if (enough) break;
		let b0 = Date.now();
		do {
			const t = now();
			const v = parseOnly();
			parseUs.push(usSince(t));
			sink += v.message_count;
		} while (Date.now() - b0 < blockMs && parseUs.length < maxIters);
		b0 = Date.now();
		do {
			const t = now();
			const r = await triggerPath();
			trigUs.push(usSince(t));
			sink += r.workflowData[0].length;
		} while (Date.now() - b0 < blockMs && trigUs.length < maxIters);
	}
	const measuredMs = Date.now() - m0;

	const memory = {
		parse: await memoryPerDelivery(async () => parseOnly(), memDeliveries),
		trigger: await memoryPerDelivery(async () => (await triggerPath()).workflowData, memDeliveries),
	};

	const result = {
		mode,
		messages,
		shape,
		bodyBytes: raw.length,
		warmupIterations: warm,
		measuredMs,
		parse: summarize(parseUs),
		trigger: summarize(trigUs),
		memory,
		sink: sink > 0,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

function fullGc() {
	for (let i = 0; i < 3; i++) global.gc();
}

/**
 * { allocatedBytes, retainedBytes, deliveries } per delivery.
 * allocated: JS heap allocated while `deliveries` calls run (results dropped), from v8.GCProfiler.
 * retained: JS heap still in use after gc() while the `deliveries` results are kept alive.
 */
async function memoryPerDelivery(fn, deliveries) {
	if (typeof global.gc !== 'function') return null;
	fullGc();
	let allocatedBytes = null;
	if (typeof v8.GCProfiler === 'function') {
		const profiler = new v8.GCProfiler();
		const start = v8.getHeapStatistics().used_heap_size;
		profiler.start();
		for (let i = 0; i < deliveries; i++) await fn();
		const end = v8.getHeapStatistics().used_heap_size;
		const { statistics } = profiler.stop();
		let freed = 0;
		for (const gc of statistics)
			freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
		allocatedBytes = (end - start + freed) / deliveries;
	}
	fullGc();
	const before = process.memoryUsage().heapUsed;
	const kept = [];
	for (let i = 0; i < deliveries; i++) kept.push(await fn());
	fullGc();
	const after = process.memoryUsage().heapUsed;
	const retainedBytes = (after - before) / deliveries;
	if (kept.length !== deliveries) throw new Error('unreachable');
	return { allocatedBytes, retainedBytes, deliveries };
}

main().catch((error) => {
	process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
