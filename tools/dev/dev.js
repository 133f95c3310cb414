#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: a local n8n (http://localhost:5678) with this package installed the way n8n
 * installs community packages, and the Intellixent emulator (http://127.0.0.1:4010) beside it.
 *
 * The n8n user folder lives in .tmp/dev-n8n, so workflows survive restarts. The first run creates
 * the owner account, an "Intellixent (local emulator)" credential and a demo workflow. The
 * emulator's webhook registrations are saved there too and restored on the next start (n8n does
 * not re-register published workflows when it restarts). Ctrl-C stops everything.
 *
 * A saved change under nodes/ or credentials/ is compiled and reaches the running n8n by itself
 * (devWatch.js); reload the editor page to see it. --no-watch starts n8n without it.
 *
 * Options: --port 5678, --emulator-port 4010, --n8n-version 2.40.7, --no-watch
 */
const fs = require('node:fs');
const path = require('node:path');
const harness = require('../../test/e2e/harness');
const { startEmulator } = require('../emulator');
const { watchPackage } = require('./devWatch');

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
if (args.includes('--help')) {
	console.log(
		`Usage: npm run dev [-- --port 5678 --emulator-port 4010 --n8n-version ${harness.DEFAULT_N8N_VERSION} --no-watch]`,
	);
	process.exit(0);
}
const N8N_PORT = Number(option('port', 5678));
const EMULATOR_PORT = Number(option('emulator-port', 4010));
const N8N_VERSION = option('n8n-version', harness.DEFAULT_N8N_VERSION);
const WATCH = !args.includes('--no-watch');
const USER_FOLDER = path.join(harness.REPO_ROOT, '.tmp', 'dev-n8n');
const STATE_FILE = path.join(USER_FOLDER, 'intellixent-dev.json');
const OWNER = {
	email: 'dev@intellixent.local',
	password: 'Intellixent-Dev-1',
	firstName: 'Dev',
	lastName: 'User',
};
const API_KEY = 'dev-api-key';

const readState = () => {
	try {
		return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	} catch {
		return undefined;
	}
};
const writeState = (state) => fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));

function demoWorkflow(credential, assistantId) {
	const { definition } = harness.intellixentWorkflow({
		name: 'Intellixent demo: conversation ended',
		credential,
		assistantId,
		outputShape: 'flatRow',
	});
	return definition;
}

async function main() {
	const step = (text) => console.log(`[dev] ${text}`);
	fs.mkdirSync(USER_FOLDER, { recursive: true });

	step(`starting the Intellixent emulator on http://127.0.0.1:${EMULATOR_PORT}`);
	const emulator = await startEmulator({
		port: EMULATOR_PORT,
		apiKey: API_KEY,
		log: (line) => step(`emulator: ${line}`),
	});

	let state = readState();
	// Restore the webhook registrations published workflows made in an earlier session.
	for (const [assistant, registration] of Object.entries(state?.registrations ?? {})) {
		await fetch(`${emulator.url}/api/assistants/${assistant}/enable-conversation-ended-webhook`, {
			method: 'POST',
			headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ webhook_url: registration.webhook_url }),
		});
	}

	step('building and packing the package');
	const tgz = await harness.packPackage();
	step(
		`starting n8n ${N8N_VERSION} (the first run installs it from the npm registry: several minutes)`,
	);
	const n8n = await harness.startN8n({
		version: N8N_VERSION,
		port: N8N_PORT,
		packageTgz: tgz,
		userFolder: USER_FOLDER,
		env: {
			// n8n watches its package folders only in development mode with N8N_DEV_RELOAD.
			...(WATCH ? { NODE_ENV: 'development', N8N_DEV_RELOAD: 'true' } : {}),
			N8N_LOG_LEVEL: 'info',
			N8N_WEBHOOK_URL: `http://localhost:${N8N_PORT}/`,
			N8N_EDITOR_BASE_URL: `http://localhost:${N8N_PORT}/`,
		},
	});

	if (!state?.owner) {
		step('first run: creating the owner account, a credential and a demo workflow');
		await n8n.client.setupOwner(OWNER);
		const credential = await n8n.client.createCredential(
			'intellixentApi',
			'Intellixent (local emulator)',
			{
				apiKey: API_KEY,
				baseUrl: emulator.url,
			},
		);
		await n8n.client.createWorkflow(
			demoWorkflow({ id: credential.id, name: credential.name }, emulator.assistants[0].uuid),
		);
		state = { owner: { email: OWNER.email, password: OWNER.password }, registrations: {} };
		writeState(state);
	}

	// Keep the emulator's registrations on disk for the next start.
	let saved = JSON.stringify(state.registrations ?? {});
	const saver = setInterval(() => {
		const now = JSON.stringify(emulator.registrations());
		if (now !== saved) {
			saved = now;
			writeState({ ...state, registrations: emulator.registrations() });
		}
	}, 1000);

	const stopWatching = WATCH
		? watchPackage({
				repoRoot: harness.REPO_ROOT,
				packageDir: n8n.installed.packageDir,
				log: (line) => step(`watch: ${line}`),
			})
		: () => {};

	const first = emulator.assistants[0];
	console.log(`
  Intellixent development environment: n8n with this package, and the emulator

  n8n        http://localhost:${N8N_PORT}
             log in as ${state.owner.email} / ${state.owner.password}
  emulator   ${emulator.url}   (API key: ${API_KEY})
             credential "Intellixent (local emulator)" points at it

  Try it:
    1. Open the workflow "Intellixent demo: conversation ended" and publish it
       (assistant "${first.name}", ${first.uuid}).
    2. End a conversation (in another terminal):
         node tools/emulator/cli.js send --sample whatsapp
         node tools/emulator/cli.js send --sample widget --set customer_name="Ana López"
    3. See it under Executions.

  n8n log: ${n8n.logFile}
  ${WATCH ? 'Saved changes under nodes/ and credentials/ reach n8n by themselves: reload the page.' : 'Not watching (--no-watch): Ctrl-C and npm run dev again after a change.'}
  Ctrl-C stops n8n and the emulator.
`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		clearInterval(saver);
		stopWatching();
		writeState({ ...state, registrations: emulator.registrations() });
		step('stopping n8n and the emulator');
		await n8n.stop();
		await emulator.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`[dev] could not start: ${error.message}`);
	process.exit(1);
});
