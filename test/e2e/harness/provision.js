// @ts-check
'use strict';
/**
 * Getting a real n8n and our package into it: provision n8n (and the Node it needs) through
 * test/e2e/provision.sh, build and `npm pack` this package, and install the tarball into an n8n
 * user folder exactly as n8n's community-package installer does. Part of the e2e harness
 * (test/e2e/harness/index.js); used by the e2e and queue suites, `npm run dev` and the bench.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const { run } = require('../../../tools/process');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const PROVISION_SCRIPT = path.join(__dirname, '..', 'provision.sh');
/** The tested n8n versions, written once in test/n8n-versions.json. */
const N8N_VERSIONS = require('../../n8n-versions.json');
/** The n8n the suites run: N8N_VERSION (run-all.sh sets it for the 1.x run), else the current one. */
const DEFAULT_N8N_VERSION = process.env.N8N_VERSION || N8N_VERSIONS.current;

/**
 * @typedef {object} Provisioned
 * @property {string} version
 * @property {string} nodeBin the Node that n8n runs on
 * @property {string} n8nRoot `<cache>/n8n-<version>/node_modules/n8n`
 * @property {string} n8nBin
 */

/** @type {Map<string, Promise<Provisioned>>} */
const provisioned = new Map();

/**
 * Provision n8n `version` (and the Node it needs) with provision.sh; cached on disk by the script
 * and in memory here.
 * @param {string} [version]
 * @returns {Promise<Provisioned>}
 */
function provision(version = DEFAULT_N8N_VERSION) {
	const known = provisioned.get(version);
	if (known) return known;
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
			if (!fs.existsSync(file)) throw new Error(`provision.sh ${version}: ${file} does not exist`);
		}
		return { version, nodeBin, n8nRoot: path.join(root, 'node_modules', 'n8n'), n8nBin };
	})();
	promise.catch(() => provisioned.delete(version));
	provisioned.set(version, promise);
	return promise;
}

/**
 * The package packed once for a whole run (the real-n8n suites' globalSetup, or run-all.sh after
 * its build step): every file's packPackage() returns it instead of building and packing again,
 * which cost 20-40 s per file. Only this repository's package is reused, never another folder's.
 */
const PACKED_TGZ_ENV = 'INTELLIXENT_PACKED_TGZ';

/**
 * `npm run build`, then `npm pack` into a fresh temp folder (or the package this run already
 * packed, see PACKED_TGZ_ENV). Returns the absolute .tgz path.
 * The build must leave dist/ complete: the tarball holds only what package.json `files` lists.
 * @param {{ repoDir?: string, build?: boolean }} [options]
 * @returns {Promise<string>}
 */
async function packPackage({ repoDir = REPO_ROOT, build = true } = {}) {
	const packed = process.env[PACKED_TGZ_ENV];
	if (repoDir === REPO_ROOT && packed && fs.existsSync(packed)) return packed;
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

/** @typedef {{ name: string, version: string, packageDir: string }} InstalledPackage */

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
 * @param {string} nodesDir
 * @param {string} tgz
 * @returns {Promise<InstalledPackage>}
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

module.exports = {
	REPO_ROOT,
	DEFAULT_N8N_VERSION,
	provision,
	packPackage,
	PACKED_TGZ_ENV,
	installCommunityPackage,
};
