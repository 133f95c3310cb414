#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Measures `npm run dev`'s save-to-visible time: with the dev environment running (another
 * terminal), it changes the Call Trigger's description in the source, saves, and times how long
 * until n8n's /types/nodes.json serves the new text; then puts the file back and times that too.
 *
 *   node tools/dev/devReloadProbe.js [--port 5678] [--rounds 3]
 *
 * The file is restored whatever happens (an error, Ctrl-C).
 */
const fs = require('node:fs');
const path = require('node:path');
const { N8nClient } = require('../../test/e2e/harness/client');

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE = path.join(ROOT, 'nodes/IntellixentCallTrigger/IntellixentCallTrigger.node.ts');
const STATE = path.join(ROOT, '.tmp/dev-n8n/intellixent-dev.json');
const ORIGINAL_TEXT = "'Starts the workflow when an Intellixent voice call ends";
const DEADLINE_MS = 120_000;

const original = fs.readFileSync(SOURCE, 'utf8');
const restore = () => fs.writeFileSync(SOURCE, original);
process.on('SIGINT', () => {
	restore();
	process.exit(130);
});

/** @param {N8nClient} client @param {(text: string) => boolean} seen */
async function timeUntil(client, seen) {
	const started = Date.now();
	while (Date.now() - started < DEADLINE_MS) {
		const types = await client.raw('GET', '/types/nodes.json');
		if (seen(JSON.stringify(types.body))) return (Date.now() - started) / 1000;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`n8n did not show the change within ${DEADLINE_MS / 1000} s`);
}

async function main() {
	if (!original.includes(ORIGINAL_TEXT))
		throw new Error(`${SOURCE} no longer has ${ORIGINAL_TEXT}`);
	const { owner } = JSON.parse(fs.readFileSync(STATE, 'utf8'));
	const client = new N8nClient(`http://localhost:${option('port', '5678')}`);
	await client.login(owner);
	const rounds = Number(option('rounds', '3'));
	const results = [];
	for (let round = 1; round <= rounds; round++) {
		const marker = `probe ${Date.now()}`;
		fs.writeFileSync(
			SOURCE,
			original.replace(ORIGINAL_TEXT, `'(${marker}) ${ORIGINAL_TEXT.slice(1)}`),
		);
		const shown = await timeUntil(client, (text) => text.includes(marker));
		restore();
		const back = await timeUntil(client, (text) => !text.includes(marker));
		results.push(shown, back);
		console.log(
			`round ${round}: change visible after ${shown.toFixed(1)} s, undo after ${back.toFixed(1)} s`,
		);
	}
	results.sort((a, b) => a - b);
	console.log(
		`save-to-visible: median ${results[Math.floor(results.length / 2)].toFixed(1)} s, slowest ${results[results.length - 1].toFixed(1)} s (${results.length} saves)`,
	);
}

main()
	.catch((error) => {
		console.error(`[probe] ${error.message}`);
		process.exitCode = 1;
	})
	.finally(restore);
