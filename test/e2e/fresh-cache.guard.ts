/**
 * The fresh-machine guard (CI runs it through `npm test`, see test/run-all.sh).
 *
 * Why: a new user's first `npm test` provisions n8n into an empty cache. Once, that provisioning
 * ran under npm's inherited `npm_config_ignore_scripts=true` (this repository's .npmrc), built no
 * native module, marked the cache complete, and every real-n8n test failed with "SQLite package
 * has not been found installed" — invisible on any machine whose cache was already warm. This
 * provisions n8n 2.40.7 into an empty temporary cache under the same npm environment `npm test`
 * has, starts it with the packed package to readiness, and removes the cache again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import N8N_VERSIONS from '../n8n-versions.json';
import { packPackage, provision, startN8n, type N8nHandle } from './harness';

const VERSION = N8N_VERSIONS.current;
const PACKAGE_NAME = 'n8n-nodes-intellixent';

describe('fresh machine: n8n provisioned into an empty cache', () => {
	const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'intellixent-fresh-cache-'));
	const saved = {
		cache: process.env.INTELLIXENT_N8N_CACHE,
		ignoreScripts: process.env.npm_config_ignore_scripts,
	};
	let n8n: N8nHandle | undefined;

	beforeAll(() => {
		process.env.INTELLIXENT_N8N_CACHE = cache;
		// What `npm test` hands its children because of .npmrc; set here too so the guard means the
		// same when it is run directly with jest.
		process.env.npm_config_ignore_scripts = 'true';
	});

	afterAll(async () => {
		await n8n?.stop();
		fs.rmSync(cache, { recursive: true, force: true });
		for (const [name, value] of [
			['INTELLIXENT_N8N_CACHE', saved.cache],
			['npm_config_ignore_scripts', saved.ignoreScripts],
		] as const) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	});

	it(
		`provisions n8n ${VERSION} with working native modules and starts it with the package to readiness`,
		async () => {
			const t0 = Date.now();
			const provisioned = await provision(VERSION);
			const provisionMs = Date.now() - t0;
			expect(provisioned.n8nRoot.startsWith(cache)).toBe(true);
			expect(fs.existsSync(path.join(cache, `n8n-${VERSION}`, '.complete'))).toBe(true);

			const t1 = Date.now();
			const tgz = await packPackage({ build: false });
			n8n = await startN8n({ version: VERSION, packageTgz: tgz });
			const startMs = Date.now() - t1;
			expect(n8n.installed?.name).toBe(PACKAGE_NAME);
			// Ready means migrations ran and the REST API answers (the harness waits for both).
			const settings = await fetch(`${n8n.url}/rest/settings`);
			expect(settings.status).toBe(200);

			process.stdout.write(
				`fresh-cache guard: provisioned n8n ${VERSION} into an empty cache in ${(provisionMs / 1000).toFixed(0)} s, ` +
					`started it with the package in ${(startMs / 1000).toFixed(0)} s\n`,
			);
		},
		30 * 60 * 1000,
	);
});
