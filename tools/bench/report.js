'use strict';
/**
 * RESULTS.md from the figures run.js collected (see README.md for their meaning); the real-n8n
 * sections are in report-n8n.js, the number formats in format.js.
 */

const { bytes, duration, fixed, int, mark, pct, ratio, table, us } = require('./format');
const { renderN8nParts, targetRowsN8n, TARGETS_N8N } = require('./report-n8n');

const TARGETS = {
	inProcessRatio: 2,
	moduleLoadMs: 30,
	packedBytes: 100 * 1000,
	...TARGETS_N8N,
};

const SIZE_LABEL = {
	8: 'typical (8 messages)',
	1000: 'long (1,000 messages)',
	10000: 'huge (10,000 messages)',
};
const SHAPE_LABEL = { conversation: 'conversation', flatRow: 'flatRow', messages: 'messages' };

/** The in-process case used for the targets and the chart: default output shape. */
function mainCase(results, messages) {
	return results.inProcess.cases.find(
		(c) => c.messages === messages && c.shape === 'conversation' && !c.error,
	);
}

function coldStartFigure(results) {
	const runs = results.coldStart && results.coldStart.runtimes;
	if (!runs || runs.length === 0) return null;
	// As in n8n: n8n's own Node and modules when provisioned, zod already loaded.
	const asInN8n = runs.find((r) => r.asInN8n) || runs[0];
	return { runtime: asInN8n, ms: asInN8n.preloaded.median };
}

function targetRows(results) {
	const rows = [];
	for (const messages of [1000, 10000]) {
		const c = mainCase(results, messages);
		rows.push([
			`In-process: trigger path within ${TARGETS.inProcessRatio}× of \`JSON.parse\`, ${SIZE_LABEL[messages]} (p50, default output)`,
			c ? ratio(c.ratioP50) : 'not measured',
			mark(c ? c.ratioP50 <= TARGETS.inProcessRatio : null),
		]);
	}
	rows.push(...targetRowsN8n(results));
	const cold = coldStartFigure(results);
	rows.push([
		`Cold start: node and credential modules load in under ${TARGETS.moduleLoadMs} ms`,
		cold
			? `${fixed(cold.ms, 1)} ms (median, ${cold.runtime.label}, zod already loaded)`
			: 'not measured',
		mark(cold ? cold.ms < TARGETS.moduleLoadMs : null),
	]);
	const size = results.packageSize;
	rows.push([
		`Packed package under ${TARGETS.packedBytes / 1000} kB`,
		size && !size.error ? `${bytes(size.size)} (${int(size.size)} bytes)` : 'not measured',
		mark(size && !size.error ? size.size < TARGETS.packedBytes : null),
	]);
	return rows;
}

function renderMarkdown(results) {
	const m = results.meta;
	const out = [];
	out.push('# Benchmark results');
	out.push('');
	out.push(
		`Written by \`npm run bench\` (\`tools/bench/run.js${m.args.length ? ` ${m.args.join(' ')}` : ''}\`): every figure below comes from this one run. ` +
			'What each number means, and the caveats: [README.md](README.md). The targets are informational: nothing fails on them.',
	);
	out.push('');
	out.push('![Benchmark chart](results.svg)');
	out.push('');
	out.push(
		table(
			['Run', ''],
			[
				['Date', m.date],
				[
					'Machine',
					`${m.cores} cores (${m.cpuModel}), ${bytes(m.totalMemBytes)} RAM, ${m.platform}`,
				],
				[
					'Load average (1 min)',
					`${fixed(m.loadStart, 2)} at start, ${fixed(m.loadEnd, 2)} at end${m.loadStart > m.cores / 2 || m.loadEnd > m.cores / 2 ? ' (**busy machine: other processes were competing for the CPU**)' : ''}`,
				],
				[
					'Node.js',
					`${m.node} (in-process, cold start, load generator)${results.e2e && results.e2e.n8nNode ? `; n8n runs on its own ${results.e2e.n8nNode}` : ''}`,
				],
				[
					'n8n',
					results.e2e && results.e2e.n8nVersion
						? results.e2e.n8nVersion
						: `${m.n8nVersion} (end-to-end part ${results.e2e ? 'failed' : 'skipped'})`,
				],
				[
					'Package',
					`${m.packageName} ${m.packageVersion}, commit ${m.commit}${m.dirty ? ' with uncommitted changes to nodes/ or credentials/' : ''}; built ${m.built ? 'by this run' : 'before this run (dist/ was up to date)'}`,
				],
				[
					'Mode',
					`${m.quick ? '**quick** (`--quick`: short, noisy; for smoke runs only)' : 'full'}, total ${duration(m.wallMs)}`,
				],
			],
		),
	);
	out.push('');

	out.push('## Targets');
	out.push('');
	out.push(table(['Target', 'Measured', 'Met'], targetRows(results)));
	out.push('');

	// In-process
	out.push("## In-process: the trigger's parse-validate-shape path");
	out.push('');
	out.push(
		'The compiled `webhook()` from `dist/` with a mock n8n context (token verification on, the right token), timed one delivery at a time in alternating blocks with `JSON.parse` of the same bytes. ' +
			'"Trigger incl. parse" = `JSON.parse(rawBody.toString())` (what n8n does for every JSON request) + `webhook()`; "node\'s own work" = the difference of the two p50s. ' +
			'Deliveries/s = 1 / mean time of the trigger path on one core.',
	);
	out.push('');
	const rows = results.inProcess.cases.map((c) =>
		c.error
			? [
					SIZE_LABEL[c.messages] || c.messages,
					'',
					c.shape,
					`failed: ${c.error.split('\n')[0]}`,
					'',
					'',
					'',
					'',
					'',
				]
			: [
					SIZE_LABEL[c.messages] || `${c.messages} messages`,
					bytes(c.bodyBytes),
					SHAPE_LABEL[c.shape],
					`${us(c.parse.p50)} / ${us(c.parse.p99)}`,
					`${us(c.trigger.p50)} / ${us(c.trigger.p99)}`,
					`**${ratio(c.ratioP50)}**`,
					us(c.ownP50),
					int(c.deliveriesPerSecond),
					`${int(c.parse.n)} / ${int(c.trigger.n)}`,
				],
	);
	out.push(
		table(
			[
				'Payload',
				'Body',
				'Output',
				'JSON.parse only p50 / p99',
				'Trigger incl. parse p50 / p99',
				'Ratio (p50)',
				"Node's own work (p50)",
				'Deliveries/s',
				'Samples (parse / trigger)',
			],
			rows,
		),
	);
	out.push('');
	out.push('### Memory per delivery');
	out.push('');
	out.push(
		'JS heap, in a child process with `--expose-gc`. Allocated: everything allocated while deliveries run (v8 GCProfiler: heap growth + what each GC freed), ' +
			'garbage included. Retained: heap still held by what the call returns (the parsed body; for the trigger the output items), measured after `gc()` with the results kept alive.',
	);
	out.push('');
	out.push(
		table(
			[
				'Payload',
				'Output',
				'JSON.parse only: allocated / retained',
				'Trigger incl. parse: allocated / retained',
				'Allocated ratio',
				'Retained ratio',
			],
			results.inProcess.cases
				.filter((c) => !c.error && c.memory && c.memory.parse)
				.map((c) => [
					SIZE_LABEL[c.messages] || c.messages,
					SHAPE_LABEL[c.shape],
					`${bytes(c.memory.parse.allocatedBytes)} / ${bytes(c.memory.parse.retainedBytes)}`,
					`${bytes(c.memory.trigger.allocatedBytes)} / ${bytes(c.memory.trigger.retainedBytes)}`,
					ratio(c.memory.trigger.allocatedBytes / c.memory.parse.allocatedBytes),
					ratio(c.memory.trigger.retainedBytes / c.memory.parse.retainedBytes),
				]),
		),
	);
	out.push('');

	if (results.hotSpots && results.hotSpots.length) {
		out.push('### Hot spots');
		out.push('');
		out.push(
			`Profiled (\`--cpu-prof\`, default output) because the ratio is above ${TARGETS.inProcessRatio}×. CPU time sampled inside \`handleDelivery\` (the node's own work, after n8n's JSON.parse; garbage collection not included), per delivery, attributed to functions (inclusive time: a function with its callees).`,
		);
		for (const hs of results.hotSpots) {
			out.push('');
			if (hs.error) {
				out.push(`- ${SIZE_LABEL[hs.messages]}: profiling failed: ${hs.error}`);
				continue;
			}
			out.push(
				`**${SIZE_LABEL[hs.messages]}**: ${fixed(hs.perDeliveryMs, hs.perDeliveryMs < 1 ? 3 : 2)} ms of sampled node work per delivery (${int(hs.deliveries)} deliveries profiled).`,
			);
			out.push('');
			out.push(
				table(
					[
						'Function (file:line in dist/ or node_modules/)',
						'ms per delivery',
						'Share of node work',
					],
					hs.ownFunctions
						.slice(0, 12)
						.map((f) => [
							`\`${f.fn}\``,
							fixed(f.msPerDelivery, f.msPerDelivery < 1 ? 4 : 2),
							pct(f.share),
						]),
				),
			);
		}
		out.push('');
	}

	renderN8nParts(out, results);

	// Cold start
	out.push('## Cold start and package size');
	out.push('');
	const cs = results.coldStart;
	if (cs && cs.runtimes && cs.runtimes.length) {
		out.push(
			`Fresh Node process per sample (${cs.runs} samples per figure, median [min-max]): \`require()\` of the package's credential and node files and \`new\` of their classes, after \`n8n-workflow\` is loaded. ` +
				'n8n resolves a community package\'s `require(\'zod\')` to its own zod through `NODE_PATH`, and n8n-workflow has already loaded it: "zod already loaded" is what n8n pays; "incl. loading zod" is the worst case (a private copy of zod).',
		);
		out.push('');
		const span = (s) => `${fixed(s.median, 1)} ms [${fixed(s.min, 1)}-${fixed(s.max, 1)}]`;
		out.push(
			table(
				[
					'Runtime',
					'Package, zod already loaded',
					'Package incl. loading zod',
					'n8n-workflow itself (reference)',
				],
				cs.runtimes.map((r) => [
					r.label,
					`**${span(r.preloaded)}**`,
					span(r.cold),
					span(r.workflow),
				]),
			),
		);
	} else {
		out.push(`Cold start not measured${cs && cs.error ? `: ${cs.error}` : ''}.`);
	}
	out.push('');
	const ps = results.packageSize;
	if (ps && !ps.error) {
		out.push(
			table(
				['Packed (.tgz)', 'Unpacked', 'Files', 'Runtime dependencies'],
				[
					[
						`**${bytes(ps.size)}** (${int(ps.size)} B)`,
						`${bytes(ps.unpackedSize)} (${int(ps.unpackedSize)} B)`,
						String(ps.entryCount),
						ps.dependencies.length ? ps.dependencies.join(', ') : 'none',
					],
				],
			),
		);
	} else {
		out.push(`Package size not measured${ps && ps.error ? `: ${ps.error}` : ''}.`);
	}
	out.push('');
	out.push(
		`Part durations: ${Object.entries(m.partMs)
			.map(([k, v]) => `${k} ${duration(v)}`)
			.join(', ')}.`,
	);
	out.push('');
	return out.join('\n');
}

module.exports = { renderMarkdown, TARGETS, mainCase };
