/**
 * An n8n queue-mode cluster for the end-to-end test, on n8n's own engine:
 *   Redis + PostgreSQL (start-services.sh, Debian packages, 127.0.0.1, temp data)
 *   main (`n8n start`), worker (`n8n worker`), two webhook processes (`n8n webhook`)
 *   and a tiny load balancer in front of them: `/webhook/*` round-robin to the webhook processes,
 *   everything else to the main (the routing n8n's queue-mode docs describe).
 * Every process listens on 127.0.0.1, runs in its own process group and is killed by stop() and
 * by a process 'exit' hook.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { installCommunityPackage, N8nClient, provision, type Provisioned } from '../e2e/harness';

const execFileAsync = promisify(execFile);
const HOST = '127.0.0.1';
const SERVICES_SCRIPT = path.join(__dirname, 'start-services.sh');
export const ENCRYPTION_KEY = 'queue-e2e-encryption-key-not-secret';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Redis and PostgreSQL
// ---------------------------------------------------------------------------------------------

export interface Services {
	stateDir: string;
	redisPort: number;
	pgPort: number;
	pgUser: string;
	pgPassword: string;
	pgDatabase: string;
	pgBindir: string;
	pids: number[];
	/** Runs SQL through psql (tuples only, `|`-separated). */
	sql(query: string): Promise<string>;
	stop(): Promise<void>;
}

export async function startServices(): Promise<Services> {
	const stateDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ix-queue-services-'));
	let stdout: string;
	try {
		// First run may apt-get install redis-server/postgresql: allow for it.
		({ stdout } = await execFileAsync('bash', [SERVICES_SCRIPT, 'start', stateDir], {
			timeout: 15 * 60 * 1000,
			killSignal: 'SIGKILL',
			maxBuffer: 16 * 1024 * 1024,
		}));
	} catch (error: any) {
		await execFileAsync('bash', [SERVICES_SCRIPT, 'stop', stateDir], { timeout: 60000 }).catch(
			() => undefined,
		);
		throw new Error(`start-services.sh failed: ${error.message}\n${error.stderr ?? ''}`);
	}
	const vars = Object.fromEntries(
		stdout
			.trim()
			.split('\n')
			.filter((l) => /^[A-Z_]+=/.test(l))
			.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
	);
	const services: Services = {
		stateDir,
		redisPort: Number(vars.REDIS_PORT),
		pgPort: Number(vars.PG_PORT),
		pgUser: vars.PG_USER,
		pgPassword: vars.PG_PASSWORD,
		pgDatabase: vars.PG_DATABASE,
		pgBindir: vars.PG_BINDIR,
		pids: [Number(vars.REDIS_PID), Number(vars.PG_PID)],
		async sql(query: string) {
			const { stdout: out } = await execFileAsync(
				path.join(services.pgBindir, 'psql'),
				[
					'-h',
					HOST,
					'-p',
					String(services.pgPort),
					'-U',
					services.pgUser,
					'-d',
					services.pgDatabase,
					'-AtF',
					'|',
					'-c',
					query,
				],
				{
					env: { ...process.env, PGPASSWORD: services.pgPassword },
					timeout: 30000,
					maxBuffer: 64 * 1024 * 1024,
				},
			);
			return out.trim();
		},
		async stop() {
			await execFileAsync('bash', [SERVICES_SCRIPT, 'stop', stateDir], { timeout: 60000 }).catch(
				() => undefined,
			);
			if (!process.env.E2E_KEEP) await fsp.rm(stateDir, { recursive: true, force: true });
		},
	};
	if (!services.redisPort || !services.pgPort)
		throw new Error(`start-services.sh printed:\n${stdout}`);
	return services;
}

// ---------------------------------------------------------------------------------------------
// n8n processes
// ---------------------------------------------------------------------------------------------

export type Role = 'main' | 'worker' | 'webhook-1' | 'webhook-2';

export interface N8nProcess {
	role: Role;
	/** Port of its HTTP server (the worker's is its health-check server). */
	port: number;
	url: string;
	pid: number;
	userFolder: string;
	logFile: string;
	logs(lines?: number): string;
	/** Resolves when the process exits. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(): Promise<void>;
}

const liveGroups = new Set<number>();
function killAllGroups() {
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
}
process.once('exit', killAllGroups);

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function tail(file: string, lines: number) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return lines <= 0 ? text : text.split('\n').slice(-lines).join('\n');
	} catch (error) {
		return `(no log: ${(error as Error).message})`;
	}
}

interface SpawnOptions {
	role: Role;
	n8n: Provisioned;
	/** Folder holding `node_modules/<package>`, linked as this process's `.n8n/nodes`. */
	nodesDir: string;
	env: Record<string, string>;
	port: number;
	readyTimeoutMs?: number;
}

async function spawnN8n({
	role,
	n8n,
	nodesDir,
	env,
	port,
	readyTimeoutMs = 180000,
}: SpawnOptions): Promise<N8nProcess> {
	// Its own user folder, as a separate host or container would have: n8n keeps per-process files
	// there (crash.journal: a second process starting in the same folder logs "Last session crashed"
	// and sleeps 10 s; event-log files named by process type, shared by both webhook processes).
	// The installed community package is the same for all: `.n8n/nodes` links to one folder.
	const userFolder = await fsp.mkdtemp(path.join(os.tmpdir(), `ix-queue-${role}-`));
	await fsp.mkdir(path.join(userFolder, '.n8n'), { recursive: true });
	await fsp.symlink(nodesDir, path.join(userFolder, '.n8n', 'nodes'), 'dir');
	const logFile = path.join(userFolder, `${role}.log`);
	const logFd = fs.openSync(logFile, 'a');
	const command = role === 'main' ? 'start' : role === 'worker' ? 'worker' : 'webhook';
	const child: ChildProcess = spawn(n8n.nodeBin, [n8n.n8nBin, command], {
		cwd: userFolder,
		env: { ...env, N8N_USER_FOLDER: userFolder },
		stdio: ['ignore', logFd, logFd],
		detached: true,
	});
	fs.closeSync(logFd);
	const pid = child.pid!;
	liveGroups.add(pid);
	let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
		child.once('exit', (code, signal) => {
			exitInfo = { code, signal };
			resolve(exitInfo);
		});
	});

	let stopped = false;
	const proc: N8nProcess = {
		role,
		port,
		url: `http://${HOST}:${port}`,
		pid,
		userFolder,
		logFile,
		exited,
		logs: (lines = 80) => tail(logFile, lines),
		async stop() {
			if (stopped) return;
			stopped = true;
			// Waits for the exit at most `ms`, and clears its timer (a pending one keeps jest from exiting).
			const within = async (ms: number) => {
				let timer: NodeJS.Timeout | undefined;
				const timeout = new Promise<null>((resolve) => {
					timer = setTimeout(() => resolve(null), ms);
				});
				try {
					return await Promise.race([exited, timeout]);
				} finally {
					clearTimeout(timer);
				}
			};
			if (!exitInfo) {
				try {
					process.kill(-pid, 'SIGTERM');
				} catch {
					/* gone */
				}
				if (!(await within(15000))) {
					try {
						process.kill(-pid, 'SIGKILL');
					} catch {
						/* gone */
					}
					await within(5000);
				}
			}
			// The task runner may outlive the process for a moment: kill the whole group.
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				/* group empty */
			}
			liveGroups.delete(pid);
		},
	};

	const deadline = Date.now() + readyTimeoutMs;
	let last = 'no answer yet';
	while (Date.now() < deadline) {
		if (exitInfo) break;
		try {
			const r = await fetch(`${proc.url}/healthz/readiness`, { signal: AbortSignal.timeout(3000) });
			last = `/healthz/readiness ${r.status}`;
			if (r.status === 200) {
				if (role !== 'main') return proc;
				const s = await fetch(`${proc.url}/rest/settings`, { signal: AbortSignal.timeout(3000) });
				last = `/rest/settings ${s.status}`;
				if (s.status === 200) {
					try {
						JSON.parse(await s.text());
						return proc;
					} catch {
						last = '/rest/settings answered non-JSON';
					}
				}
			}
		} catch (error: any) {
			last = error.cause ? error.cause.code || error.cause.message : error.message;
		}
		await sleep(300);
	}
	const why = exitInfo
		? `exited before it was ready (${JSON.stringify(exitInfo)})`
		: `not ready after ${readyTimeoutMs} ms (last: ${last})`;
	const logTail = proc.logs(60);
	await proc.stop();
	throw new Error(`n8n ${role} (${command}) ${why}\nlog: ${logFile}\n--- log tail ---\n${logTail}`);
}

// ---------------------------------------------------------------------------------------------
// Load balancer
// ---------------------------------------------------------------------------------------------

export interface ProxyHit {
	n: number;
	backend: Role;
	method: string;
	path: string;
	status: number | null;
}

export interface LoadBalancer {
	url: string;
	port: number;
	hits(): ProxyHit[];
	close(): Promise<void>;
}

/** `/webhook/*` round-robin over `webhookBackends`; everything else to `main`. */
export async function startLoadBalancer(
	port: number,
	main: () => N8nProcess | undefined,
	webhookBackends: () => N8nProcess[],
): Promise<LoadBalancer> {
	const hits: ProxyHit[] = [];
	let next = 0;
	const server = http.createServer((req, res) => {
		const url = req.url ?? '/';
		let target: N8nProcess | undefined;
		if (url.startsWith('/webhook/')) {
			const backends = webhookBackends();
			target = backends.length ? backends[next++ % backends.length] : undefined;
		} else {
			target = main();
		}
		if (!target) {
			res.writeHead(502).end('no backend');
			return;
		}
		const hit: ProxyHit = {
			n: hits.length + 1,
			backend: target.role,
			method: req.method ?? 'GET',
			path: url,
			status: null,
		};
		hits.push(hit);
		const upstream = http.request(
			{
				host: HOST,
				port: target.port,
				method: req.method,
				path: url,
				headers: req.headers,
				agent: false,
			},
			(up) => {
				hit.status = up.statusCode ?? null;
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
			},
		);
		upstream.setTimeout(30000, () => upstream.destroy(new Error('upstream timeout')));
		upstream.on('error', (error) => {
			if (!res.headersSent) res.writeHead(502).end(`upstream error: ${error.message}`);
			else res.destroy();
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
	return {
		url: `http://${HOST}:${port}`,
		port,
		hits: () => hits.slice(),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

// ---------------------------------------------------------------------------------------------
// The cluster
// ---------------------------------------------------------------------------------------------

export interface Cluster {
	services: Services;
	lb: LoadBalancer;
	main: N8nProcess;
	worker: N8nProcess;
	webhooks: [N8nProcess, N8nProcess];
	processes: N8nProcess[];
	client: N8nClient;
	/** Env shared by all n8n processes (for the README). */
	sharedEnv: Record<string, string>;
	/** provision: finding the cached n8n (waits while another run holds provision.sh's lock). */
	startupMs: { provision: number; services: number; main: number; others: number };
	stop(): Promise<void>;
}

export async function startCluster({ packageTgz }: { packageTgz: string }): Promise<Cluster> {
	const tProvision = Date.now();
	const n8n = await provision();
	const provisionMs = Date.now() - tProvision;
	const started: N8nProcess[] = [];
	let services: Services | undefined;
	let lb: LoadBalancer | undefined;
	const nodesRoot = await fsp.mkdtemp(path.join(os.tmpdir(), 'ix-queue-nodes-'));
	const stopAll = async () => {
		await Promise.all(started.map((p) => p.stop()));
		await lb?.close();
		await services?.stop();
		if (!process.env.E2E_KEEP) {
			for (const p of started) await fsp.rm(p.userFolder, { recursive: true, force: true });
			await fsp.rm(nodesRoot, { recursive: true, force: true });
		}
	};

	try {
		const t0 = Date.now();
		services = await startServices();
		const tServices = Date.now() - t0;

		// The package, installed once the way n8n's community-package installer does it.
		const nodesDir = path.join(nodesRoot, 'nodes');
		await fsp.mkdir(nodesDir, { recursive: true });
		await installCommunityPackage(nodesDir, packageTgz);

		const [lbPort, mainPort, mainBroker, workerPort, workerBroker, wh1Port, wh2Port] =
			await Promise.all(Array.from({ length: 7 }, () => freePort()));
		const backends: N8nProcess[] = [];
		// The load balancer starts first (its URL is the webhook URL); it learns the main later.
		const mainRef: { proc?: N8nProcess } = {};
		lb = await startLoadBalancer(
			lbPort,
			() => mainRef.proc,
			() => backends,
		);

		const sharedEnv: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: HOST,
			QUEUE_BULL_REDIS_PORT: String(services.redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: HOST,
			DB_POSTGRESDB_PORT: String(services.pgPort),
			DB_POSTGRESDB_DATABASE: services.pgDatabase,
			DB_POSTGRESDB_USER: services.pgUser,
			DB_POSTGRESDB_PASSWORD: services.pgPassword,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			// The address Intellixent posts to: the load balancer, never one process.
			N8N_WEBHOOK_URL: `${lb.url}/`,
			N8N_EDITOR_BASE_URL: `http://${HOST}:${mainPort}/`,
		};
		const baseEnv: Record<string, string> = {
			PATH: `${path.dirname(n8n.nodeBin)}:${process.env.PATH}`,
			HOME: process.env.HOME ?? os.homedir(),
			LANG: process.env.LANG || 'C.UTF-8',
			TMPDIR: process.env.TMPDIR || os.tmpdir(),
			// jest sets NODE_ENV=test, which makes n8n refuse to load nodes.
			NODE_ENV: 'production',
			NO_COLOR: '1',
			N8N_LISTEN_ADDRESS: HOST,
			N8N_HOST: HOST,
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_RUNNERS_MODE: 'internal',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
			// Manual executions run on workers too, so the main needs no task runner.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...sharedEnv,
		};

		// The main first: it runs the database migrations; the others start once it is ready.
		const t1 = Date.now();
		const mainProc = await spawnN8n({
			role: 'main',
			n8n,
			nodesDir,
			port: mainPort,
			env: {
				...baseEnv,
				N8N_PORT: String(mainPort),
				N8N_RUNNERS_BROKER_PORT: String(mainBroker),
				// Production webhooks are served by the webhook processes only.
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			},
		});
		mainRef.proc = mainProc;
		started.push(mainProc);
		const tMain = Date.now() - t1;

		const t2 = Date.now();
		const others = await Promise.allSettled([
			spawnN8n({
				role: 'worker',
				n8n,
				nodesDir,
				port: workerPort,
				env: {
					...baseEnv,
					N8N_PORT: String(workerPort),
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(workerPort),
					N8N_WORKER_SERVER_ADDRESS: HOST,
					N8N_RUNNERS_BROKER_PORT: String(workerBroker),
				},
			}),
			// Webhook processes start no task runner (n8n's `webhook` command does not need one).
			spawnN8n({
				role: 'webhook-1',
				n8n,
				nodesDir,
				port: wh1Port,
				env: { ...baseEnv, N8N_PORT: String(wh1Port) },
			}),
			spawnN8n({
				role: 'webhook-2',
				n8n,
				nodesDir,
				port: wh2Port,
				env: { ...baseEnv, N8N_PORT: String(wh2Port) },
			}),
		]);
		for (const r of others) if (r.status === 'fulfilled') started.push(r.value);
		const failed = others.find((r): r is PromiseRejectedResult => r.status === 'rejected');
		if (failed) throw failed.reason;
		const [worker, wh1, wh2] = others.map((r) => (r as PromiseFulfilledResult<N8nProcess>).value);
		backends.push(wh1, wh2);
		const tOthers = Date.now() - t2;

		const cluster: Cluster = {
			services,
			lb,
			main: mainProc,
			worker,
			webhooks: [wh1, wh2],
			processes: [mainProc, worker, wh1, wh2],
			client: new N8nClient(mainProc.url),
			sharedEnv,
			startupMs: { provision: provisionMs, services: tServices, main: tMain, others: tOthers },
			stop: stopAll,
		};
		return cluster;
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/** PIDs of every live process in the given process groups, plus the given pids if alive. */
export async function survivors(groups: number[], pids: number[]): Promise<string[]> {
	const { stdout } = await execFileAsync('ps', ['-eo', 'pid=,pgid=,args='], { timeout: 10000 });
	return stdout
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.filter((l) => {
			const [pid, pgid] = l.split(/\s+/).map(Number);
			return groups.includes(pgid) || pids.includes(pid);
		});
}
