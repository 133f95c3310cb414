// @ts-check
'use strict';
/**
 * The one process toolkit of the tests and tools: run a command and capture its output, walk a
 * folder, find free ports, spawn a long-running process into its own process group with its output
 * in a log file, wait until it is ready, read the tail of its log, and stop the whole group.
 *
 * Used by the e2e harness (test/e2e/harness/), the queue-mode cluster (test/queue/cluster.ts),
 * `npm run dev` and the bench. CommonJS with JSDoc types (checked by `tsc -p test/tsconfig.json`),
 * so that plain `node` scripts can require it.
 *
 * Every spawned group is killed when this process exits, however it exits: a detached group does
 * not get the terminal's Ctrl-C.
 */
const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** Every server the tests and tools start listens here only. */
const HOST = '127.0.0.1';

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves with the promise's value, or with `undefined` after `ms` (its timer never lingers:
 * a pending one keeps jest from exiting).
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T | undefined>}
 */
function within(promise, ms) {
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	/** @type {Promise<undefined>} */
	const timeout = new Promise((resolve) => {
		timer = setTimeout(() => resolve(undefined), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} [timeoutMs] default 120 s; the command is killed (SIGKILL) after it
 * @property {string} [label] what the error message calls the command (default: the command line)
 */

/**
 * Run a command to its end and capture stdout and stderr; bounded in time. On failure the error
 * says what ran, why it failed (exit code or timeout), and shows the last 40 lines of its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
function run(cmd, args, { cwd, env, timeoutMs = 120000, label } = {}) {
	return new Promise((resolve, reject) => {
		execFile(
			cmd,
			args,
			{
				cwd,
				env: env || process.env,
				timeout: timeoutMs,
				killSignal: 'SIGKILL',
				maxBuffer: 64 * 1024 * 1024,
				encoding: 'utf8',
			},
			(error, stdout, stderr) => {
				if (!error) return resolve({ stdout, stderr });
				const out = `${stdout || ''}\n${stderr || ''}`.trim().split('\n').slice(-40).join('\n');
				const why = error.killed ? `timed out after ${timeoutMs} ms` : `exit code ${error.code}`;
				reject(
					new Error(
						`${label || `${cmd} ${args.join(' ')}`} failed (${why}) in ${cwd || process.cwd()}:\n${out}`,
					),
				);
			},
		);
	});
}

/**
 * Every file below `dir` (absolute paths); no error when `dir` does not exist.
 * @param {string} dir
 * @param {{ skip?: (name: string) => boolean }} [options] folders whose name `skip` accepts are not entered
 * @returns {string[]}
 */
function walk(dir, { skip = () => false } = {}) {
	if (!fs.existsSync(dir)) return [];
	/** @type {string[]} */
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (!skip(entry.name)) out.push(...walk(full, { skip }));
		} else out.push(full);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------

/**
 * A port on 127.0.0.1 that was free a moment ago (the system's choice).
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, HOST, () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, HOST, () => server.close(() => resolve(true)));
	});
}

/**
 * A free port P such that P+1 is free as well (n8n's task-runner broker listens on P+1).
 * @returns {Promise<number>}
 */
async function freePortPair() {
	for (let i = 0; i < 50; i++) {
		const port = await freePort();
		if (port < 65535 && (await portIsFree(port + 1))) return port;
	}
	throw new Error('no free pair of ports on 127.0.0.1');
}

// ---------------------------------------------------------------------------------------------
// Long-running processes in their own process group
// ---------------------------------------------------------------------------------------------

/** @typedef {{ code: number | null, signal: NodeJS.Signals | null }} ExitInfo */

/**
 * @typedef {object} GroupProcess
 * @property {number} pid the group leader (the group's id)
 * @property {string} logFile its stdout and stderr
 * @property {Promise<ExitInfo>} exited resolves when the leader exits
 * @property {() => ExitInfo | null} exitInfo how the leader exited, or null while it runs
 * @property {(lines?: number) => string} logs the last `lines` lines of the log (0: all of it)
 * @property {() => Promise<void>} stop SIGTERM to the group, SIGKILL after 15 s, then SIGKILL to
 *   whatever is left in the group (a child may outlive the leader for a moment); idempotent
 */

/** Process groups this process started and has not stopped yet: killed when it exits. */
const liveGroups = new Set();

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		/* the group is gone */
	}
}

/** Whether any process of the group `pid` is still alive. */
function groupAlive(/** @type {number} */ pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

function killLiveGroups() {
	for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
}
process.once('exit', killLiveGroups);
for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	// Only when nobody else handles the signal: then Node would end the process without 'exit'.
	process.once(signal, () => {
		killLiveGroups();
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	});
}

/**
 * The last `lines` lines of a text file (0: all of it), or a note why there is none.
 * @param {string} file
 * @param {number} [lines]
 */
function tailOf(file, lines = 60) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return lines <= 0 ? text : text.split('\n').slice(-lines).join('\n');
	} catch (error) {
		return `(no log: ${/** @type {Error} */ (error).message})`;
	}
}

/**
 * Spawn `command args` in its own process group with stdout and stderr appended to `logFile`.
 * @param {object} options
 * @param {string} options.command
 * @param {string[]} options.args
 * @param {string} options.cwd
 * @param {NodeJS.ProcessEnv} options.env the whole environment (nothing is inherited)
 * @param {string} options.logFile appended to (a restart keeps the earlier output)
 * @returns {GroupProcess}
 */
function startGroup({ command, args, cwd, env, logFile }) {
	const logFd = fs.openSync(logFile, 'a');
	const child = spawn(command, args, {
		cwd,
		env,
		stdio: ['ignore', logFd, logFd],
		detached: true, // its own process group: stop() reaches its children too
	});
	fs.closeSync(logFd);
	const pid = /** @type {number} */ (child.pid);
	liveGroups.add(pid);
	/** @type {ExitInfo | null} */
	let exitInfo = null;
	/** @type {Promise<ExitInfo>} */
	const exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			exitInfo = { code, signal };
			resolve(exitInfo);
		});
	});
	/** @type {Promise<void> | undefined} */
	let stopping;
	async function stopGroup() {
		if (!exitInfo) {
			signalGroup(pid, 'SIGTERM');
			if (!(await within(exited, 15000))) {
				signalGroup(pid, 'SIGKILL');
				await within(exited, 5000);
			}
		}
		signalGroup(pid, 'SIGKILL');
		liveGroups.delete(pid);
	}
	return {
		pid,
		logFile,
		exited,
		exitInfo: () => exitInfo,
		logs: (lines = 80) => tailOf(logFile, lines),
		stop: () => (stopping = stopping || stopGroup()),
	};
}

/**
 * Poll `probe` until it answers `{ ready: true }`; throws when `timeoutMs` passes or the process
 * behind it exits first. `probe` says what it saw in `last` (it goes into the timeout's message).
 * @param {() => Promise<{ ready: boolean, last: string }>} probe
 * @param {object} options
 * @param {string} options.what what is waited for, for the error ("n8n at http://...")
 * @param {number} options.timeoutMs
 * @param {() => ExitInfo | null} [options.exitInfo]
 * @param {number} [options.intervalMs] default 300
 */
async function waitUntil(probe, { what, timeoutMs, exitInfo = () => null, intervalMs = 300 }) {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer yet';
	while (Date.now() < deadline) {
		const gone = exitInfo();
		if (gone)
			throw new Error(
				`${what} exited before it was ready (code ${gone.code}, signal ${gone.signal})`,
			);
		try {
			const answer = await probe();
			if (answer.ready) return;
			last = answer.last;
		} catch (error) {
			last = error.cause ? error.cause.code || error.cause.message : error.message;
		}
		await sleep(intervalMs);
	}
	throw new Error(`${what} not ready after ${timeoutMs} ms (last: ${last})`);
}

/**
 * Lines of `ps -eo pid=,pgid=,args=` (trimmed) that `keep` accepts (for orphan checks).
 * @param {(line: { pid: number, pgid: number, args: string }) => boolean} keep
 * @returns {Promise<string[]>}
 */
async function psLines(keep) {
	const { stdout } = await run('ps', ['-eo', 'pid=,pgid=,args='], {
		timeoutMs: 10000,
		label: 'ps',
	});
	return stdout
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.filter((l) => {
			const [pid, pgid, ...rest] = l.split(/\s+/);
			const args = rest.join(' ');
			return !args.startsWith('ps -eo') && keep({ pid: Number(pid), pgid: Number(pgid), args });
		});
}

module.exports = {
	HOST,
	sleep,
	run,
	walk,
	freePort,
	freePortPair,
	startGroup,
	groupAlive,
	waitUntil,
	psLines,
};
