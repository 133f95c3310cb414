// @ts-check
'use strict';
/**
 * Starting and stopping a real n8n: the headless environment every n8n process of the tests and
 * tools gets, spawning one n8n command (`start`, `worker`, `webhook`) in its own process group
 * with its log in a file, waiting until it is ready, and startN8n() (one n8n with the package
 * installed, as the e2e suites, `npm run dev` and the bench run it). The queue-mode cluster
 * (test/queue/cluster.ts) starts its four processes with the same pieces. Part of the e2e harness
 * (test/e2e/harness/index.js).
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const { HOST, freePortPair, sleep, startGroup, waitUntil } = require('../../../tools/process');
const { N8nClient } = require('./client');
const { DEFAULT_N8N_VERSION, installCommunityPackage, provision } = require('./provision');

/** @typedef {import('./provision').Provisioned} Provisioned */
/** @typedef {import('../../../tools/process').GroupProcess} GroupProcess */

/**
 * What every n8n process gets: a clean environment (jest sets NODE_ENV=test, which makes n8n
 * refuse to load nodes), 127.0.0.1 only, no telemetry, a short graceful shutdown, logs on the
 * console (that is, in the log file), and the task runner inside n8n.
 * @param {Provisioned} n8n
 * @returns {Record<string, string>}
 */
function headlessEnv(n8n) {
	return {
		PATH: `${path.dirname(n8n.nodeBin)}:${process.env.PATH}`,
		HOME: process.env.HOME || os.homedir(),
		LANG: process.env.LANG || 'C.UTF-8',
		TMPDIR: process.env.TMPDIR || os.tmpdir(),
		NODE_ENV: 'production',
		N8N_LISTEN_ADDRESS: HOST,
		N8N_HOST: HOST,
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_OUTPUT: 'console',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
	};
}

/**
 * Spawn `n8n <command>` on the provisioned Node in its own process group (so that stopping it
 * reaches its task runner too), its output appended to `logFile`.
 * @param {{ n8n: Provisioned, command: 'start' | 'worker' | 'webhook', userFolder: string, env: Record<string, string>, logFile: string }} options
 * @returns {GroupProcess}
 */
function spawnN8n({ n8n, command, userFolder, env, logFile }) {
	return startGroup({
		command: n8n.nodeBin,
		args: [n8n.n8nBin, command],
		cwd: userFolder,
		env: { ...env, N8N_USER_FOLDER: userFolder },
		logFile,
	});
}

/**
 * Wait until the n8n at `url` answers /healthz/readiness with 200 and, with `settings` (a process
 * that serves the editor), /rest/settings with JSON.
 * @param {string} url
 * @param {{ what: string, timeoutMs: number, exitInfo: GroupProcess['exitInfo'], settings: boolean }} options
 */
function waitForN8n(url, { what, timeoutMs, exitInfo, settings }) {
	return waitUntil(
		async () => {
			const r = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(3000) });
			if (r.status !== 200) return { ready: false, last: `/healthz/readiness ${r.status}` };
			if (!settings) return { ready: true, last: '' };
			const s = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(3000) });
			const text = await s.text();
			if (s.status !== 200) return { ready: false, last: `/rest/settings ${s.status}` };
			try {
				JSON.parse(text);
				return { ready: true, last: '' };
			} catch {
				return { ready: false, last: `/rest/settings answered non-JSON: ${text.slice(0, 80)}` };
			}
		},
		{ what, timeoutMs, exitInfo },
	);
}

/**
 * Wait until n8n has written `needle` to its log after byte `fromByte`.
 * @param {GroupProcess} proc
 * @param {number} fromByte
 * @param {string} needle
 * @param {number} timeoutMs
 */
async function waitForLog(proc, fromByte, needle, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const gone = proc.exitInfo();
		if (gone)
			throw new Error(
				`n8n exited before it logged "${needle}" (code ${gone.code}, signal ${gone.signal})`,
			);
		const text = fs.readFileSync(proc.logFile).subarray(fromByte).toString('utf8');
		if (text.includes(needle)) return;
		await sleep(200);
	}
	throw new Error(`n8n did not log "${needle}" within ${timeoutMs} ms`);
}

/**
 * @typedef {object} StartOptions
 * @property {string} [version] n8n version (provisioned on demand), default 2.40.7 or N8N_VERSION
 * @property {number} [port] HTTP port (default: a free one; port+1 is the task-runner broker)
 * @property {string} [packageTgz] a packed community package to install first, as n8n's installer would
 * @property {Record<string, string>} [env] extra environment variables (override the defaults)
 * @property {number} [readyTimeoutMs] default 240 s (n8n starts in 20-40 s alone, several times that beside other n8n on 2 cores)
 * @property {string} [userFolder] reuse this N8N_USER_FOLDER (restart the same n8n); stop() never deletes it
 */

/**
 * @typedef {object} N8nHandle
 * @property {string} version
 * @property {string} url
 * @property {number} port
 * @property {string} userFolder
 * @property {string} logFile
 * @property {number} pid the process group of n8n and its task runner
 * @property {import('./provision').InstalledPackage} [installed]
 * @property {N8nClient} client
 * @property {(lines?: number) => string} logs
 * @property {(options?: { keepUserFolder?: boolean }) => Promise<void>} stop
 */

/** User folders of running n8n that startN8n() made: removed when this process exits. */
const madeFolders = new Set();
process.once('exit', () => {
	if (process.env.E2E_KEEP) return;
	for (const folder of madeFolders)
		fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
});

/**
 * Start one n8n (`n8n start`, SQLite, its own user folder), optionally with a packed package
 * installed; resolves when it is ready. Everything is bounded in time and listens on 127.0.0.1.
 * @param {StartOptions} [options]
 * @returns {Promise<N8nHandle>}
 */
async function startN8n({
	version = DEFAULT_N8N_VERSION,
	port,
	packageTgz,
	env = {},
	readyTimeoutMs = 240000,
	userFolder: givenUserFolder,
} = {}) {
	const n8n = await provision(version);
	// A given user folder is kept (its database, owner and workflows survive a restart); the
	// package is reinstalled into it when packageTgz is given.
	const userFolder = givenUserFolder || (await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-')));
	// Only a folder the harness made is removed when the process ends (npm run dev keeps its own).
	if (!givenUserFolder) madeFolders.add(userFolder);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	let installed;
	if (packageTgz) installed = await installCommunityPackage(nodesDir, packageTgz);

	const httpPort = port || (await freePortPair());
	const url = `http://${HOST}:${httpPort}`;
	const logFile = path.join(os.tmpdir(), `${path.basename(userFolder)}.log`); // kept after stop()
	const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0; // a restart appends
	const proc = spawnN8n({
		n8n,
		command: 'start',
		userFolder,
		logFile,
		env: {
			...headlessEnv(n8n),
			N8N_PORT: String(httpPort),
			N8N_WEBHOOK_URL: `${url}/`,
			N8N_EDITOR_BASE_URL: `${url}/`,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-secret',
			N8N_RUNNERS_BROKER_PORT: String(httpPort + 1),
			N8N_LOG_LEVEL: 'debug',
			DB_TYPE: 'sqlite',
			...env,
		},
	});

	/** @type {N8nHandle['stop']} */
	async function stop({ keepUserFolder = !!process.env.E2E_KEEP || !!givenUserFolder } = {}) {
		await proc.stop();
		madeFolders.delete(userFolder);
		if (!keepUserFolder) await fsp.rm(userFolder, { recursive: true, force: true });
	}

	/** @type {N8nHandle} */
	const handle = {
		version,
		url,
		port: httpPort,
		userFolder,
		logFile,
		pid: proc.pid,
		installed,
		logs: proc.logs,
		stop,
		client: new N8nClient(url, version),
	};

	try {
		await waitForN8n(url, {
			what: `n8n at ${url}`,
			timeoutMs: readyTimeoutMs,
			exitInfo: proc.exitInfo,
			settings: true,
		});
		// n8n 1.x answers the readiness checks before it has re-activated its published workflows
		// (commands/start.js: server.start(), then activeWorkflowManager.init(), which runs each
		// trigger's checkExists()/create() again, then logs "Editor is now accessible via"). Wait
		// for that line, so that a restart's re-registrations are over when startN8n() returns.
		if (String(version).startsWith('1.')) {
			await waitForLog(proc, logStart, 'Editor is now accessible via', readyTimeoutMs);
		}
	} catch (error) {
		const tail = handle.logs(80);
		await stop({ keepUserFolder: true });
		throw new Error(`${error.message}\nlog: ${logFile}\n--- n8n log tail ---\n${tail}`);
	}
	return handle;
}

module.exports = { headlessEnv, spawnN8n, waitForN8n, startN8n };
