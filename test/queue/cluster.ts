/**
 * An n8n queue-mode cluster for the end-to-end test, on n8n's own engine:
 *   Redis + PostgreSQL (start-services.sh, Debian packages, 127.0.0.1, temp data)
 *   main (`n8n start`), worker (`n8n worker`), two webhook processes (`n8n webhook`)
 *   and a tiny load balancer in front of them: `/webhook/*` round-robin to the webhook processes,
 *   everything else to the main (the routing n8n's queue-mode docs describe).
 * Every process listens on 127.0.0.1, runs in its own process group and is killed by stop() and
 * by a process 'exit' hook (tools/process.js); the n8n processes start with the e2e
 * harness's environment and readiness check (test/e2e/harness/n8n.js).
 */
import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

import { installCommunityPackage, N8nClient, provision, type Provisioned } from '../e2e/harness';
import { headlessEnv, spawnN8n, waitForN8n } from '../e2e/harness/n8n';
import { HOST, freePort, psLines, run, type GroupProcess } from '../../tools/process';

const SERVICES_SCRIPT = path.join(__dirname, 'start-services.sh');
const ENCRYPTION_KEY = 'queue-e2e-encryption-key-not-secret';

// ---------------------------------------------------------------------------------------------
// Redis and PostgreSQL
// ---------------------------------------------------------------------------------------------

interface Services {
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

/** Stops Redis and PostgreSQL (never throws: it runs on the way out of a failure too). */
async function stopServices(stateDir: string) {
	await run('bash', [SERVICES_SCRIPT, 'stop', stateDir], { timeoutMs: 60000 }).catch(
		() => undefined,
	);
}

async function startServices(): Promise<Services> {
	const stateDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ix-queue-services-'));
	let stdout: string;
	try {
		// First run may apt-get install redis-server/postgresql: allow for it.
		({ stdout } = await run('bash', [SERVICES_SCRIPT, 'start', stateDir], {
			timeoutMs: 15 * 60 * 1000,
			label: 'start-services.sh',
		}));
	} catch (error) {
		await stopServices(stateDir);
		throw error;
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
			const { stdout: out } = await run(
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
				{ env: { ...process.env, PGPASSWORD: services.pgPassword }, timeoutMs: 30000 },
			);
			return out.trim();
		},
		async stop() {
			await stopServices(stateDir);
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

type Role = 'main' | 'worker' | 'webhook-1' | 'webhook-2';

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

interface SpawnOptions {
	role: Role;
	n8n: Provisioned;
	/** Folder holding `node_modules/<package>`, linked as this process's `.n8n/nodes`. */
	nodesDir: string;
	env: Record<string, string>;
	port: number;
	readyTimeoutMs?: number;
}

async function startRole({
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
	const command = role === 'main' ? 'start' : role === 'worker' ? 'worker' : 'webhook';
	const group: GroupProcess = spawnN8n({ n8n, command, userFolder, env, logFile });
	const proc: N8nProcess = {
		role,
		port,
		url: `http://${HOST}:${port}`,
		pid: group.pid,
		userFolder,
		logFile,
		exited: group.exited,
		logs: group.logs,
		stop: group.stop,
	};
	try {
		await waitForN8n(proc.url, {
			what: `n8n ${role} (${command})`,
			timeoutMs: readyTimeoutMs,
			exitInfo: group.exitInfo,
			settings: role === 'main',
		});
	} catch (error) {
		const logTail = proc.logs(60);
		await proc.stop();
		throw new Error(`${(error as Error).message}\nlog: ${logFile}\n--- log tail ---\n${logTail}`);
	}
	return proc;
}

// ---------------------------------------------------------------------------------------------
// Load balancer
// ---------------------------------------------------------------------------------------------

interface ProxyHit {
	n: number;
	backend: Role;
	method: string;
	path: string;
	status: number | null;
}

interface LoadBalancer {
	url: string;
	port: number;
	hits(): ProxyHit[];
	close(): Promise<void>;
}

/** `/webhook/*` round-robin over `webhookBackends`; everything else to `main`. */
async function startLoadBalancer(
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
			...headlessEnv(n8n),
			NO_COLOR: '1',
			N8N_LOG_LEVEL: 'info',
			// Manual executions run on workers too, so the main needs no task runner.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...sharedEnv,
		};

		// The main first: it runs the database migrations; the others start once it is ready.
		const t1 = Date.now();
		const mainProc = await startRole({
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
			startRole({
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
			startRole({
				role: 'webhook-1',
				n8n,
				nodesDir,
				port: wh1Port,
				env: { ...baseEnv, N8N_PORT: String(wh1Port) },
			}),
			startRole({
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

/** `ps` lines of every live process in the given process groups, plus the given pids if alive. */
export function survivors(groups: number[], pids: number[]): Promise<string[]> {
	return psLines(({ pid, pgid }) => groups.includes(pgid) || pids.includes(pid));
}
