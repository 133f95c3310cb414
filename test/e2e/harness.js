'use strict';
/**
 * End-to-end harness: drives a real n8n (a child process on Node 24) from the test process
 * (the machine's Node 20). CommonJS so the benchmark and scripts can require it without ts-jest.
 *
 *   const h = require('./harness');
 *   const tgz = await h.packPackage();
 *   const n8n = await h.startN8n({ packageTgz: tgz });
 *   const api = n8n.client; await api.setupOwner(); ...
 *   await n8n.stop();
 *
 * Everything is bounded in time, listens on 127.0.0.1 only, and n8n (with its task runner) runs in
 * its own process group that stop() and a process 'exit' hook kill.
 */
const { spawn, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const flatted = require('flatted');

const execFileAsync = promisify(execFile);

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PROVISION_SCRIPT = path.join(__dirname, 'provision.sh');
const DEFAULT_N8N_VERSION = process.env.N8N_VERSION || '2.40.7';
const HOST = '127.0.0.1';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the promise's value, or with `undefined` after `ms` (its timer never lingers). */
function within(promise, ms) {
	let timer;
	const timeout = new Promise((resolve) => {
		timer = setTimeout(resolve, ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Run a command, bounded; on failure the error says what ran and shows the tail of its output. */
async function run(cmd, args, { cwd, env, timeoutMs = 120000, label } = {}) {
	try {
		return await execFileAsync(cmd, args, {
			cwd,
			env: env || process.env,
			timeout: timeoutMs,
			killSignal: 'SIGKILL',
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		const out = `${error.stdout || ''}\n${error.stderr || ''}`
			.trim()
			.split('\n')
			.slice(-40)
			.join('\n');
		const why = error.killed ? `timed out after ${timeoutMs} ms` : `exit code ${error.code}`;
		throw new Error(
			`${label || `${cmd} ${args.join(' ')}`} failed (${why}) in ${cwd || process.cwd()}:\n${out}`,
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Provisioning and packing
// ---------------------------------------------------------------------------------------------

const provisioned = new Map();

/**
 * Provision n8n `version` (and the Node it needs) with provision.sh; cached on disk by the script
 * and in memory here. Returns { version, nodeBin, n8nRoot, n8nBin }.
 */
function provision(version = DEFAULT_N8N_VERSION) {
	if (!provisioned.has(version)) {
		const promise = (async () => {
			// First-time provisioning takes ~7 min; a cached run takes well under a second.
			const { stdout } = await run('bash', [PROVISION_SCRIPT, version], {
				timeoutMs: 20 * 60 * 1000,
				label: `provision.sh ${version}`,
			});
			const lines = stdout.trim().split('\n');
			const nodeLine = lines.find((l) => l.startsWith('NODE_BIN='));
			const root = lines[lines.length - 1].trim();
			if (!nodeLine || !root)
				throw new Error(`provision.sh printed an unexpected answer:\n${stdout}`);
			const nodeBin = nodeLine.slice('NODE_BIN='.length).trim();
			const n8nBin = path.join(root, 'node_modules', 'n8n', 'bin', 'n8n');
			for (const file of [nodeBin, n8nBin]) {
				if (!fs.existsSync(file))
					throw new Error(`provision.sh ${version}: ${file} does not exist`);
			}
			return { version, nodeBin, n8nRoot: path.join(root, 'node_modules', 'n8n'), n8nBin };
		})();
		promise.catch(() => provisioned.delete(version));
		provisioned.set(version, promise);
	}
	return provisioned.get(version);
}

/**
 * `npm run build`, then `npm pack` into a fresh temp folder. Returns the absolute .tgz path.
 * The build must leave dist/ complete: the tarball holds only what package.json `files` lists.
 */
async function packPackage({ repoDir = REPO_ROOT, build = true } = {}) {
	if (build)
		await run('npm', ['run', 'build'], { cwd: repoDir, timeoutMs: 180000, label: 'npm run build' });
	const dest = await fsp.mkdtemp(path.join(os.tmpdir(), 'intellixent-pack-'));
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dest], {
		cwd: repoDir,
		timeoutMs: 60000,
		label: 'npm pack',
	});
	const info = JSON.parse(stdout.slice(stdout.indexOf('[')));
	const tgz = path.join(dest, info[0].filename);
	if (!fs.existsSync(tgz)) throw new Error(`npm pack did not produce ${tgz}`);
	return tgz;
}

/**
 * Install a packed community package into `<nodesDir>` the way n8n 2.40.7's own installer does.
 *
 * What n8n 2.40.7 does (dist/modules/community-packages/community-packages.service.js,
 * `downloadPackage`, with the `npm` found on PATH; see npm-utils.js `executeNpmCli`):
 *   1. in `<N8N_USER_FOLDER>/.n8n/nodes`: `npm pack <name>@<version> --quiet --registry=<registry>`
 *      (we already have the tarball, so this step is the `npm pack` in packPackage());
 *   2. `mkdir -p nodes/node_modules/<name>` and
 *      `tar -xzf <tgz> -C nodes/node_modules/<name> --strip-components=1`;
 *   3. rewrite the package's package.json WITHOUT devDependencies, peerDependencies and
 *      optionalDependencies;
 *   4. inside nodes/node_modules/<name>: `npm install --audit=false --fund=false
 *      --bin-links=false --install-strategy=shallow --ignore-scripts=true --package-lock=false
 *      --registry=<registry>`;
 *   5. record `<name>: <version>` in the ledger `nodes/package.json`
 *      (`{ name: 'installed-nodes', private: true, dependencies }`), then the database row.
 * At start, n8n loads every package under nodes/node_modules (community-packages.module.js
 * `nodeLoaders` → scanDirectoryForPackages), with or without a database row; the node types are
 * then `<name>.<nodeName>`.
 */
async function installCommunityPackage(nodesDir, tgz) {
	const { stdout: pj } = await run('tar', ['-xzOf', tgz, 'package/package.json'], {
		label: 'read package.json from tgz',
	});
	const { name, version } = JSON.parse(pj);
	const packageDir = path.join(nodesDir, 'node_modules', name);
	await fsp.rm(packageDir, { recursive: true, force: true }); // a reinstall leaves no stale files
	await fsp.mkdir(packageDir, { recursive: true });
	await run('tar', ['-xzf', tgz, '-C', packageDir, '--strip-components=1'], {
		label: 'untar package',
	});
	const pkgPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = JSON.parse(
		await fsp.readFile(pkgPath, 'utf8'),
	);
	await fsp.writeFile(pkgPath, JSON.stringify(kept, null, 2), 'utf8');
	await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{
			cwd: packageDir,
			timeoutMs: 120000,
			label: `npm install (community installer flags) for ${name}`,
		},
	);
	await fsp.writeFile(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [name]: version } },
			null,
			2,
		),
		'utf8',
	);
	return { name, version, packageDir };
}

// ---------------------------------------------------------------------------------------------
// Starting and stopping n8n
// ---------------------------------------------------------------------------------------------

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, HOST, () => server.close(() => resolve(true)));
	});
}

/** A free port P such that P+1 (the task-runner broker) is free as well. */
async function findFreePortPair() {
	for (let i = 0; i < 50; i++) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, HOST, () => {
				const { port: p } = server.address();
				server.close(() => resolve(p));
			});
		});
		if (port < 65535 && (await portIsFree(port + 1))) return port;
	}
	throw new Error('no free pair of ports on 127.0.0.1');
}

const liveChildren = new Set();
function killAllChildren() {
	for (const child of liveChildren) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
		if (child.userFolder && !process.env.E2E_KEEP) {
			fs.rmSync(child.userFolder, { recursive: true, force: true, maxRetries: 3 });
		}
	}
}
// n8n runs in its own process group (so that stop() reaches its task runner), which also means a
// Ctrl-C in the terminal does not reach it: kill it when the test process ends, however it ends.
process.once('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, () => {
		killAllChildren();
		process.kill(process.pid, signal);
	});
}

function tailOf(file, lines = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch (error) {
		return `(no log: ${error.message})`;
	}
}

/**
 * Start n8n headless. Options:
 *   version      n8n version (provisioned on demand), default 2.40.7
 *   port         HTTP port (default: a free one; port+1 is the task-runner broker)
 *   packageTgz   a packed community package to install first, as n8n's installer would
 *   env          extra environment variables (override the defaults)
 *   readyTimeoutMs  default 120 s
 *   userFolder   reuse this N8N_USER_FOLDER (e.g. to restart the same n8n); never deleted by stop()
 * Returns { url, port, userFolder, logFile, pid, client, logs(n), stop() }.
 */
async function startN8n({
	version = DEFAULT_N8N_VERSION,
	port,
	packageTgz,
	env = {},
	readyTimeoutMs = 120000,
	userFolder: givenUserFolder,
} = {}) {
	const { nodeBin, n8nBin } = await provision(version);
	// A given user folder is kept (its database, owner and workflows survive a restart); the
	// package is reinstalled into it when packageTgz is given.
	const userFolder = givenUserFolder || (await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-')));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	let installed;
	if (packageTgz) installed = await installCommunityPackage(nodesDir, packageTgz);

	port = port || (await findFreePortPair());
	const url = `http://${HOST}:${port}`;
	const logFile = path.join(os.tmpdir(), `${path.basename(userFolder)}.log`); // kept after stop()
	const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0; // a restart appends
	const logFd = fs.openSync(logFile, 'a');

	// A clean environment: jest sets NODE_ENV=test, which makes n8n refuse to load nodes.
	const childEnv = {
		PATH: `${path.dirname(nodeBin)}:${process.env.PATH}`,
		HOME: process.env.HOME,
		LANG: process.env.LANG || 'C.UTF-8',
		TMPDIR: process.env.TMPDIR || os.tmpdir(),
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: HOST,
		N8N_HOST: HOST,
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_EDITOR_BASE_URL: `${url}/`,
		N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-secret',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_LEVEL: 'debug',
		N8N_LOG_OUTPUT: 'console',
		DB_TYPE: 'sqlite',
		...env,
	};
	const child = spawn(nodeBin, [n8nBin, 'start'], {
		cwd: userFolder,
		env: childEnv,
		stdio: ['ignore', logFd, logFd],
		detached: true, // its own process group: stop() kills the task runner too
	});
	fs.closeSync(logFd);
	// Only a folder the harness made is removed when the process ends (npm run dev keeps its own).
	child.userFolder = givenUserFolder ? undefined : userFolder;
	liveChildren.add(child);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			exited = { code, signal };
			liveChildren.delete(child);
			resolve(exited);
		});
	});

	let stopped = false;
	async function stop({ keepUserFolder = !!process.env.E2E_KEEP || !!givenUserFolder } = {}) {
		if (!stopped) {
			stopped = true;
			if (!exited) {
				try {
					process.kill(-child.pid, 'SIGTERM');
				} catch {
					/* gone */
				}
				const res = await within(exitPromise, 15000);
				if (!res) {
					try {
						process.kill(-child.pid, 'SIGKILL');
					} catch {
						/* gone */
					}
					await within(exitPromise, 5000);
				}
			}
			// The task runner may outlive the main process for a moment: kill the whole group.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* group empty */
			}
			if (!keepUserFolder) await fsp.rm(userFolder, { recursive: true, force: true });
		}
	}

	const handle = {
		version,
		url,
		port,
		userFolder,
		logFile,
		pid: child.pid,
		installed,
		logs: (lines = 80) => tailOf(logFile, lines),
		stop,
		client: null,
	};
	handle.client = new N8nClient(url, version);

	try {
		await waitForReady(url, readyTimeoutMs, () => exited);
		// n8n 1.x answers the readiness checks before it has re-activated its published workflows
		// (commands/start.js: server.start(), then activeWorkflowManager.init(), which runs each
		// trigger's checkExists()/create() again, then logs "Editor is now accessible via"). Wait
		// for that line, so that a restart's re-registrations are over when startN8n() returns.
		if (String(version).startsWith('1.')) {
			await waitForLog(
				logFile,
				logStart,
				'Editor is now accessible via',
				readyTimeoutMs,
				() => exited,
			);
		}
	} catch (error) {
		const tail = handle.logs(80);
		await stop({ keepUserFolder: true });
		throw new Error(`${error.message}\nlog: ${logFile}\n--- n8n log tail ---\n${tail}`);
	}
	return handle;
}

async function waitForLog(logFile, fromByte, needle, timeoutMs, hasExited) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const gone = hasExited();
		if (gone)
			throw new Error(
				`n8n exited before it logged "${needle}" (code ${gone.code}, signal ${gone.signal})`,
			);
		const text = fs.readFileSync(logFile).subarray(fromByte).toString('utf8');
		if (text.includes(needle)) return;
		await sleep(200);
	}
	throw new Error(`n8n did not log "${needle}" within ${timeoutMs} ms`);
}

async function waitForReady(url, timeoutMs, hasExited) {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer yet';
	while (Date.now() < deadline) {
		const gone = hasExited();
		if (gone)
			throw new Error(`n8n exited before it was ready (code ${gone.code}, signal ${gone.signal})`);
		try {
			const r = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(3000) });
			last = `/healthz/readiness ${r.status}`;
			if (r.status === 200) {
				const s = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(3000) });
				const text = await s.text();
				last = `/rest/settings ${s.status}`;
				if (s.status === 200) {
					try {
						JSON.parse(text);
						return;
					} catch {
						last = `/rest/settings answered non-JSON: ${text.slice(0, 80)}`;
					}
				}
			}
		} catch (error) {
			last = error.cause ? error.cause.code || error.cause.message : error.message;
		}
		await sleep(300);
	}
	throw new Error(`n8n at ${url} not ready after ${timeoutMs} ms (last: ${last})`);
}

// ---------------------------------------------------------------------------------------------
// REST client (what the editor calls)
// ---------------------------------------------------------------------------------------------

class N8nApiError extends Error {
	constructor(method, urlPath, status, body) {
		const detail =
			body && typeof body === 'object'
				? body.message || JSON.stringify(body)
				: String(body).slice(0, 500);
		super(`n8n ${method} ${urlPath} answered ${status}: ${detail}`);
		this.status = status;
		this.body = body;
	}
}

class N8nClient {
	/**
	 * `version`: the n8n version behind `url`. Only n8n 1.x changes what the client sends (see
	 * publish(), unpublish(), listenForTestEvent()); without a version it talks to n8n 2.x.
	 */
	constructor(url, version) {
		this.url = url;
		this.version = version;
		this.cookie = null;
	}

	/** n8n 1.x: no publication service (activation is synchronous), and /run takes the workflow in the body. */
	get isV1() {
		return typeof this.version === 'string' && this.version.split('.')[0] === '1';
	}

	/** Raw request; returns { status, headers, body } (body parsed as JSON when possible). */
	async raw(method, urlPath, body, { timeoutMs = 30000, headers = {} } = {}) {
		const init = {
			method,
			headers: { accept: 'application/json', ...headers },
			signal: AbortSignal.timeout(timeoutMs),
			redirect: 'manual',
		};
		if (this.cookie) init.headers.cookie = this.cookie;
		if (body !== undefined) {
			init.headers['content-type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		let res;
		try {
			res = await fetch(`${this.url}${urlPath}`, init);
		} catch (error) {
			throw new Error(
				`n8n ${method} ${urlPath}: ${error.cause ? error.cause.code || error.cause.message : error.message}`,
			);
		}
		const setCookie =
			typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await res.text();
		let parsed = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* keep text */
		}
		return { status: res.status, headers: res.headers, body: parsed };
	}

	/** JSON request that must succeed (2xx); returns the `data` of n8n's `{ data }` envelope. */
	async request(method, urlPath, body, options) {
		const res = await this.raw(method, urlPath, body, options);
		if (res.status < 200 || res.status >= 300)
			throw new N8nApiError(method, urlPath, res.status, res.body);
		return res.body && typeof res.body === 'object' && 'data' in res.body
			? res.body.data
			: res.body;
	}

	async setupOwner({
		email = 'owner@example.com',
		firstName = 'E2E',
		lastName = 'Owner',
		password = 'E2e-Password-123',
	} = {}) {
		const owner = await this.request('POST', '/rest/owner/setup', {
			email,
			firstName,
			lastName,
			password,
		});
		if (!this.cookie) throw new Error('owner setup did not set the n8n-auth cookie');
		return owner;
	}

	/** Log in again (e.g. after a restart of the same user folder). */
	async login({ email = 'owner@example.com', password = 'E2e-Password-123' } = {}) {
		const user = await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: email,
			email,
			password,
		});
		if (!this.cookie) throw new Error('login did not set the n8n-auth cookie');
		return user;
	}

	async createCredential(type, name, data) {
		return this.request('POST', '/rest/credentials', { name, type, data });
	}

	/** def: { name, nodes, connections, settings? }. Returns the saved workflow (id, versionId, ...). */
	async createWorkflow(def) {
		return this.request('POST', '/rest/workflows', { settings: {}, ...def, active: false });
	}

	async getWorkflow(id) {
		return this.request('GET', `/rest/workflows/${id}`);
	}

	async publicationStatus(id) {
		return this.request('GET', `/rest/workflows/${id}/publication-status`);
	}

	/**
	 * Publish (activate) and wait until n8n settles: returns the publication status
	 * `{ status: 'published'|'failed'|'partial', errorMessage, triggers, liveVersionId }`.
	 * n8n 2.40 publishes asynchronously: the activate call enqueues an outbox row in its transaction
	 * (workflow.service.js `_publishViaOutbox`), so the status reads `in_progress` from the moment it
	 * returns until the trigger's create() has run; a failing create() is retried for ~16 s before
	 * 'failed'. An activate call that n8n refuses outright (4xx) is reported as 'failed' too.
	 * With N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false (synchronous activation) there is no status
	 * endpoint: a successful activate call then means 'published'.
	 * n8n 1.x (1.123.x) has the same `POST /rest/workflows/:id/activate {versionId}` but no
	 * publication service: activation is synchronous (workflow.service.js `activateWorkflow` runs the
	 * trigger's create() before answering; a failing create() answers 400 with the NodeApiError's
	 * `description`, or else its message), and there is no publication-status endpoint to poll.
	 * With `expect: 'published'` it throws (with the errorMessage) on any other outcome.
	 */
	async publish(id, { versionId, timeoutMs = 60000, expect } = {}) {
		if (!versionId) versionId = (await this.getWorkflow(id)).versionId;
		const settle = (result) => {
			if (expect && result.status !== expect) {
				throw new Error(
					`publish ${id}: expected '${expect}', got '${result.status}': ${result.errorMessage}`,
				);
			}
			return result;
		};
		let activated;
		try {
			activated = await this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
		} catch (error) {
			if (!(error instanceof N8nApiError) || error.status >= 500) throw error;
			const message = (error.body && error.body.message) || error.message;
			return settle({
				status: 'failed',
				errorMessage: message,
				triggers: [],
				liveVersionId: null,
				workflow: null,
			});
		}
		if (this.isV1) {
			return settle({
				status: 'published',
				errorMessage: null,
				triggers: [],
				liveVersionId: versionId,
				workflow: activated,
			});
		}
		const deadline = Date.now() + timeoutMs;
		let status;
		while (Date.now() < deadline) {
			try {
				status = await this.publicationStatus(id);
			} catch (error) {
				if (error instanceof N8nApiError && error.status === 404) {
					return settle({
						status: 'published',
						errorMessage: null,
						triggers: [],
						liveVersionId: versionId,
						workflow: activated,
					});
				}
				throw error;
			}
			if (['published', 'failed', 'partial'].includes(status.status)) break;
			await sleep(200);
		}
		if (!status || !['published', 'failed', 'partial'].includes(status.status)) {
			throw new Error(`publish ${id}: still '${status && status.status}' after ${timeoutMs} ms`);
		}
		const messages = (status.triggers || []).map((t) => t.errorMessage).filter(Boolean);
		return settle({ ...status, errorMessage: messages.join('\n') || null, workflow: activated });
	}

	/** Unpublish (deactivate; runs the trigger's delete()) and wait until n8n reports not_published. */
	async unpublish(id, { timeoutMs = 30000 } = {}) {
		const workflow = await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
		// n8n 1.x: deactivation is synchronous (delete() has run when the call answers).
		if (this.isV1) return { status: 'not_published', workflow };
		const deadline = Date.now() + timeoutMs;
		let status;
		while (Date.now() < deadline) {
			try {
				status = await this.publicationStatus(id);
			} catch (error) {
				// Synchronous activation mode: no status endpoint, the deactivate call was the whole job.
				if (error instanceof N8nApiError && error.status === 404)
					return { status: 'not_published', workflow };
				throw error;
			}
			if (status.status === 'not_published') return { ...status, workflow };
			await sleep(200);
		}
		throw new Error(`unpublish ${id}: still '${status && status.status}' after ${timeoutMs} ms`);
	}

	/** "Listen for test event": POST /rest/workflows/:id/run with the trigger to start from. */
	async listenForTestEvent(id, triggerName) {
		return this.raw(
			'POST',
			`/rest/workflows/${id}/run`,
			await this.manualRunBody(id, { triggerToStartFrom: { name: triggerName } }),
		);
	}

	/**
	 * The body of `POST /rest/workflows/:id/run` for `fields` (triggerToStartFrom, destinationNode...).
	 * n8n 2.x runs the saved workflow and takes only those fields. n8n 1.x runs the workflow sent in
	 * the body (`workflowData`, required: without it the call fails with 500 "Cannot read properties
	 * of undefined (reading 'id')"; workflows.controller.js `runManually`), as its editor sends it:
	 * here the saved workflow, so both versions run the same thing.
	 */
	async manualRunBody(id, fields) {
		if (!this.isV1) return fields;
		return { workflowData: await this.getWorkflow(id), ...fields };
	}

	/** Stop listening (the editor's "stop" button): DELETE /rest/test-webhook/:id. */
	async stopListening(id) {
		return this.raw('DELETE', `/rest/test-webhook/${id}`);
	}

	/** Execution summaries of a workflow, newest first (as n8n returns them). */
	async listExecutions(workflowId, { limit = 100 } = {}) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId) }));
		const data = await this.request('GET', `/rest/executions?filter=${filter}&limit=${limit}`);
		return (data && data.results) || [];
	}

	/**
	 * One execution with its data parsed (flatted). Adds `runData` ({ nodeName: taskData[] }) and
	 * `lastNodeExecuted`, `error` from resultData.
	 */
	async getExecution(id) {
		const exec = await this.request('GET', `/rest/executions/${id}`);
		const data = typeof exec.data === 'string' ? flatted.parse(exec.data) : exec.data;
		const resultData = (data && data.resultData) || {};
		return {
			...exec,
			data,
			runData: resultData.runData || {},
			error: resultData.error,
			lastNodeExecuted: resultData.lastNodeExecuted,
		};
	}

	/**
	 * Wait until the workflow has at least `n` finished executions; returns them fully loaded,
	 * oldest first. Throws on timeout, listing what it saw.
	 */
	async waitForExecutions(workflowId, n, timeoutMs = 30000) {
		const deadline = Date.now() + timeoutMs;
		let list = [];
		while (Date.now() < deadline) {
			list = await this.listExecutions(workflowId);
			const finished = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (finished.length >= n) {
				finished.sort((a, b) => Number(a.id) - Number(b.id));
				return Promise.all(finished.map((e) => this.getExecution(e.id)));
			}
			await sleep(250);
		}
		const seen = list.map((e) => `${e.id}:${e.status}`).join(', ') || 'none';
		throw new Error(
			`workflow ${workflowId}: expected ${n} finished execution(s) within ${timeoutMs} ms, saw: ${seen}`,
		);
	}

	/** POST to a webhook path of this n8n (e.g. `/webhook/<id>/webhook`). body: object or raw string. */
	async postWebhook(urlPath, body, { headers = {}, timeoutMs = 30000 } = {}) {
		return postJson(`${this.url}${urlPath}`, body, { headers, timeoutMs });
	}
}

/** POST; `body` is JSON-encoded unless it is a string. Returns { status, headers, text, json }. */
async function postJson(url, body, { headers = {}, timeoutMs = 30000 } = {}) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** The json items of `nodeName`'s output `outputIndex` (run `runIndex`) in a loaded execution. */
function nodeOutput(execution, nodeName, outputIndex = 0, runIndex = 0) {
	const runs = execution.runData[nodeName];
	if (!runs || !runs[runIndex]) return undefined;
	const main = (runs[runIndex].data && runs[runIndex].data.main) || [];
	const items = main[outputIndex];
	return items ? items.map((item) => item.json) : [];
}

// ---------------------------------------------------------------------------------------------
// Workflow builders
// ---------------------------------------------------------------------------------------------

/**
 * n8n's built-in Webhook (POST, responseMode onReceived) -> NoOp. Also used by the benchmark as the
 * baseline. Production URL: `${n8n.url}${productionPath}`.
 */
function builtinWebhookWorkflow({
	name = 'Built-in webhook baseline',
	path: webhookPath = crypto.randomUUID(),
} = {}) {
	return {
		productionPath: `/webhook/${webhookPath}`,
		testPath: `/webhook-test/${webhookPath}`,
		definition: {
			name,
			nodes: [
				{
					id: crypto.randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					position: [0, 0],
					webhookId: crypto.randomUUID(),
					parameters: {
						httpMethod: 'POST',
						path: webhookPath,
						responseMode: 'onReceived',
						options: {},
					},
				},
				{
					id: crypto.randomUUID(),
					name: 'No Operation',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: { Webhook: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	};
}

/**
 * Intellixent Trigger -> NoOp ("Conversation") and -> NoOp ("Rejected"), per test/CONTRACTS.md.
 * Production URL (without the token query): `${n8n.url}${productionPath}`.
 */
function intellixentWorkflow({
	name = 'Intellixent e2e',
	credential,
	assistantId,
	channel = 'all',
	outputShape = 'conversation',
	options = {},
	webhookId = crypto.randomUUID(),
	triggerName = 'Intellixent Trigger',
} = {}) {
	if (!credential || !credential.id)
		throw new Error('intellixentWorkflow: credential { id, name } is required');
	return {
		webhookId,
		triggerName,
		productionPath: `/webhook/${webhookId}/webhook`,
		testPath: `/webhook-test/${webhookId}/webhook`,
		definition: {
			name,
			nodes: [
				{
					id: crypto.randomUUID(),
					name: triggerName,
					type: 'n8n-nodes-intellixent.intellixentTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: {
						assistant: { __rl: true, mode: 'id', value: assistantId },
						channel,
						outputShape,
						options,
					},
					credentials: { intellixentApi: { id: credential.id, name: credential.name } },
				},
				{
					id: crypto.randomUUID(),
					name: 'Conversation',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [260, -100],
					parameters: {},
				},
				{
					id: crypto.randomUUID(),
					name: 'Rejected',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [260, 100],
					parameters: {},
				},
			],
			connections: {
				[triggerName]: {
					main: [
						[{ node: 'Conversation', type: 'main', index: 0 }],
						[{ node: 'Rejected', type: 'main', index: 0 }],
					],
				},
			},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** PIDs of processes whose command line mentions `needle` (for orphan checks in tests). */
async function pidsMatching(needle) {
	const { stdout } = await run('ps', ['-eo', 'pid=,args='], { label: 'ps' });
	return stdout
		.split('\n')
		.filter((l) => l.includes(needle) && !l.includes('ps -eo'))
		.map((l) => Number(l.trim().split(/\s+/)[0]));
}

module.exports = {
	REPO_ROOT,
	DEFAULT_N8N_VERSION,
	provision,
	packPackage,
	installCommunityPackage,
	startN8n,
	findFreePortPair,
	N8nClient,
	N8nApiError,
	nodeOutput,
	postJson,
	builtinWebhookWorkflow,
	intellixentWorkflow,
	pidsMatching,
	sleep,
};
