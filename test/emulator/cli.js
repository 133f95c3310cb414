#!/usr/bin/env node
'use strict';
/**
 * Command line for the local Intellixent API emulator. Run `node test/emulator/cli.js --help`.
 * Exit codes: 0 ok / delivered, 1 delivery failed, 2 usage or connection error.
 */

const fs = require('node:fs');
const http = require('node:http');
const { parseArgs } = require('node:util');
const { startEmulator, DEFAULT_API_KEY, DEFAULT_RETRY_DELAYS_MS, SAMPLES } = require('./index.js');
const { API_FORMS } = require('./resources/webhookForms.js');
const { UNKNOWN_ROUTE_STYLES } = require('./core/unknownRoute.js');

const CLI = 'node test/emulator/cli.js';
const DEFAULT_EMULATOR_URL = process.env.INTELLIXENT_EMULATOR_URL || 'http://127.0.0.1:4010';

const HELP = {
	main: `Local Intellixent API emulator

Usage:
  ${CLI} serve [--port 4010] [--host 127.0.0.1] [--api-key KEY] [--retry-scale 1] [--api-forms path] [--quiet]
  ${CLI} send  [--emulator URL] [--assistant UUID|ID] [--sample widget|whatsapp] [--file payload.json]
               [--set key=value ...] [--unset key ...] [--to URL] [--no-wait]
  ${CLI} state [--emulator URL] [--json]
  ${CLI} reset [--emulator URL]

Run "${CLI} <command> --help" for details.`,
	serve: `Usage: ${CLI} serve [options]

Starts the emulator and keeps it running until Ctrl-C / SIGTERM.

Options:
  --port N           port to listen on (default 4010; 0 picks a free port)
  --host HOST        address to bind (default 127.0.0.1)
  --api-key KEY      the API key the emulator accepts (default "${DEFAULT_API_KEY}")
  --retry-scale X    multiplies the retry delays 30 s / 60 s / 120 s (e.g. 0.1 gives 3 s / 6 s / 12 s)
  --timeout-ms N     how long one delivery attempt may take (default 10000)
  --api-forms F      which shape of enable/disable-conversation-ended-webhook to serve:
                     path (POST /api/assistants/{uuid}/..., the default), body
                     (POST /api/user/assistants/... {assistant_id}) or both
  --unknown-route S  how an unknown route is answered: not-found (JSON "Not Found", the default),
                     laravel ("The route ... could not be found.") or html (an HTML 404 page)
  --quiet            do not print each request and delivery
  -h, --help         this help`,
	send: `Usage: ${CLI} send [options]

Asks a running emulator to end a conversation: it POSTs the payload to the webhook URL registered
for the assistant (retrying like Intellixent) and prints the outcome.
Exit code 0 if delivered, 1 if the delivery failed, 2 on usage or connection errors.

Options:
  --emulator URL     the running emulator (default ${DEFAULT_EMULATOR_URL}, or $INTELLIXENT_EMULATOR_URL)
  --assistant ID     assistant uuid or integer id (default: the first assistant)
  --sample NAME      ${SAMPLES.join(' | ')} (default widget); gets a fresh conversation_id
  --file PATH        send this file's content instead of a sample (verbatim; it may be invalid JSON)
  --set key=value    override a payload field; the value is JSON-parsed when it parses
                     (e.g. --set customer_name=Ana --set message_count=3 --set extracted_variables.lead=true)
  --unset key        remove a payload field (e.g. --unset transcript)
  --to URL           deliver to this URL instead of the registered one
  --no-wait          print the pending delivery and return at once
  -h, --help         this help`,
	state: `Usage: ${CLI} state [--emulator URL] [--json]

Prints the registered webhook URLs, the active faults and the last deliveries.`,
	reset: `Usage: ${CLI} reset [--emulator URL]

Clears registrations, request log, deliveries and faults of a running emulator.`,
};

class CliError extends Error {}

function requestJson(method, url, body, timeoutMs = 15000) {
	return new Promise((resolve, reject) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			reject(new CliError(`Not a valid emulator URL: ${url}`));
			return;
		}
		const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
		const req = http.request(target, {
			method,
			agent: false,
			headers: data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {},
		});
		req.setTimeout(timeoutMs, () =>
			req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
		);
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					reject(
						new CliError(
							`${target.origin} answered ${res.statusCode} with something that is not JSON: is it the emulator?`,
						),
					);
					return;
				}
				resolve({ status: res.statusCode, body: json });
			});
			res.on('error', reject);
		});
		req.on('error', (error) => {
			const origin = target.origin;
			if (
				[
					'ECONNREFUSED',
					'ENOTFOUND',
					'EHOSTUNREACH',
					'ECONNRESET',
					'ETIMEDOUT',
					'EADDRNOTAVAIL',
				].includes(error.code)
			) {
				reject(
					new CliError(
						`No emulator answering at ${origin}: start one with \`${CLI} serve\` (or pass --emulator URL).`,
					),
				);
			} else {
				reject(new CliError(`Could not reach the emulator at ${origin}: ${error.message}`));
			}
		});
		req.end(data ?? undefined);
	});
}

function parse(args, options) {
	try {
		return parseArgs({
			args,
			options: { ...options, help: { type: 'boolean', short: 'h' } },
			allowPositionals: false,
			strict: true,
		});
	} catch (error) {
		throw new CliError(`${error.message} (see --help)`);
	}
}

function base(url) {
	return String(url).replace(/\/+$/, '');
}

function parseValue(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function formatRetryDelays(list) {
	return list.map((ms) => (ms >= 1000 ? `${+(ms / 1000).toFixed(2)} s` : `${ms} ms`)).join(' / ');
}

// ------------------------------------------------------------------------------------------- serve

async function serve(args) {
	const { values } = parse(args, {
		port: { type: 'string' },
		host: { type: 'string' },
		'api-key': { type: 'string' },
		'retry-scale': { type: 'string' },
		'timeout-ms': { type: 'string' },
		'api-forms': { type: 'string' },
		'unknown-route': { type: 'string' },
		quiet: { type: 'boolean' },
	});
	if (values.help) return (console.log(HELP.serve), 0);
	const port = values.port === undefined ? 4010 : Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new CliError(`--port must be a port number, got "${values.port}".`);
	const scale = values['retry-scale'] === undefined ? 1 : Number(values['retry-scale']);
	if (!Number.isFinite(scale) || scale < 0)
		throw new CliError(
			`--retry-scale must be a non-negative number, got "${values['retry-scale']}".`,
		);
	const timeoutMs = values['timeout-ms'] === undefined ? 10000 : Number(values['timeout-ms']);
	if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
		throw new CliError(`--timeout-ms must be a positive number, got "${values['timeout-ms']}".`);
	const host = values.host ?? '127.0.0.1';
	const apiKey = values['api-key'] ?? DEFAULT_API_KEY;
	if (apiKey === '') throw new CliError('--api-key must not be empty.');
	const apiForms = values['api-forms'] ?? 'path';
	if (!API_FORMS.includes(apiForms))
		throw new CliError(`--api-forms must be one of ${API_FORMS.join(', ')}, got "${apiForms}".`);
	const unknownRoute = values['unknown-route'] ?? 'not-found';
	if (!UNKNOWN_ROUTE_STYLES.includes(unknownRoute)) {
		throw new CliError(
			`--unknown-route must be one of ${UNKNOWN_ROUTE_STYLES.join(', ')}, got "${unknownRoute}".`,
		);
	}

	let emulator;
	try {
		emulator = await startEmulator({
			port,
			host,
			apiKey,
			retryDelaysMs: DEFAULT_RETRY_DELAYS_MS.map((ms) => Math.round(ms * scale)),
			deliveryTimeoutMs: timeoutMs,
			apiForms,
			unknownRoute,
			log: values.quiet
				? false
				: (line) => console.log(`${new Date().toISOString().slice(11, 23)} ${line}`),
		});
	} catch (error) {
		if (error.code === 'EADDRINUSE')
			throw new CliError(
				`Port ${port} on ${host} is already in use: pass --port N (or --port 0 for a free one).`,
			);
		if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
			throw new CliError(`Cannot bind to ${host}: ${error.message}`);
		throw error;
	}

	const first = emulator.assistants[0];
	const lines = [
		`Intellixent API emulator listening on ${emulator.url}`,
		'',
		`  API base URL : ${emulator.url}   (use it as the credential's base URL)`,
		`  API key      : ${apiKey}`,
		`  Retries      : ${formatRetryDelays(emulator.retryDelaysMs)} (then failed), ${timeoutMs} ms per attempt`,
		`  API forms    : ${apiForms} (enable/disable-conversation-ended-webhook); unknown routes: ${unknownRoute}`,
		'',
		'  Assistants:',
		...emulator.assistants.map((a) => `    ${String(a.id).padEnd(4)} ${a.uuid}  ${a.name}`),
		'',
		'  Examples:',
		`    curl -H "Authorization: Bearer ${apiKey}" ${emulator.url}/api/user/assistants/get`,
		`    ${CLI} send --emulator ${emulator.url}${first ? ` --assistant ${first.uuid}` : ''}`,
		`    ${CLI} send --emulator ${emulator.url} --sample whatsapp --set customer_name=Ana`,
		`    ${CLI} state --emulator ${emulator.url}`,
		'',
		'  Ctrl-C to stop.',
		'',
	];
	console.log(lines.join('\n'));

	await new Promise((resolve) => {
		let stopping = false;
		const stop = (signal) => {
			if (stopping) return;
			stopping = true;
			console.log(`\n${signal}: stopping the emulator.`);
			emulator.close().then(resolve, resolve);
		};
		process.once('SIGINT', () => stop('SIGINT'));
		process.once('SIGTERM', () => stop('SIGTERM'));
	});
	return 0;
}

// -------------------------------------------------------------------------------------------- send

function describeAttempt(a) {
	const outcome = a.error ? (a.status ? `${a.status}, ${a.error}` : a.error) : String(a.status);
	const body = a.responseBody
		? `  ${JSON.stringify(a.responseBody.length > 120 ? `${a.responseBody.slice(0, 120)}…` : a.responseBody)}`
		: '';
	return `  attempt ${a.n}  ${a.at}  ${outcome}  (${a.durationMs} ms)${body}`;
}

function printDelivery(d, assistantName) {
	const lines = [
		`Delivery ${d.id}: ${d.state.toUpperCase()}`,
		`  assistant     : ${d.assistant_id}${assistantName ? ` (${assistantName})` : ''}`,
		`  conversation  : ${d.conversation_id ?? '(not in payload)'}`,
		`  URL           : ${d.url}`,
		...d.attempts.map(describeAttempt),
	];
	if (d.state === 'pending')
		lines.push(
			d.next_attempt_at ? `  next attempt at ${d.next_attempt_at}` : '  first attempt in progress',
		);
	if (d.state === 'delivered')
		lines.push(
			`Result: delivered after ${d.attempts.length} attempt${d.attempts.length === 1 ? '' : 's'}.`,
		);
	if (d.state === 'failed')
		lines.push(`Result: FAILED (${d.error ?? `after ${d.attempts.length} attempts`}).`);
	console.log(lines.join('\n'));
}

async function send(args) {
	const { values } = parse(args, {
		emulator: { type: 'string' },
		assistant: { type: 'string' },
		sample: { type: 'string' },
		file: { type: 'string' },
		set: { type: 'string', multiple: true },
		unset: { type: 'string', multiple: true },
		to: { type: 'string' },
		'no-wait': { type: 'boolean' },
		'timeout-s': { type: 'string' },
	});
	if (values.help) return (console.log(HELP.send), 0);
	const emulatorUrl = base(values.emulator ?? DEFAULT_EMULATOR_URL);
	if (values.sample !== undefined && !SAMPLES.includes(values.sample)) {
		throw new CliError(`--sample must be one of ${SAMPLES.join(', ')}, got "${values.sample}".`);
	}
	if (values.file !== undefined && values.sample !== undefined)
		throw new CliError('Use either --file or --sample, not both.');
	const overrides = {};
	for (const item of values.set ?? []) {
		const eq = item.indexOf('=');
		if (eq <= 0) throw new CliError(`--set expects key=value, got "${item}".`);
		overrides[item.slice(0, eq)] = parseValue(item.slice(eq + 1));
	}
	const request = {
		assistant_id: values.assistant,
		sample: values.sample ?? 'widget',
		to: values.to,
		wait: false,
	};
	if (Object.keys(overrides).length) request.overrides = overrides;
	if (values.unset && values.unset.length) request.unset = values.unset;
	if (values.file !== undefined) {
		let text;
		try {
			text = fs.readFileSync(values.file, 'utf8');
		} catch (error) {
			throw new CliError(
				`Cannot read --file ${values.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
			);
		}
		if (request.overrides || request.unset) {
			const parsed = parseValue(text);
			if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
				throw new CliError(
					`--set/--unset need a JSON object in --file, and ${values.file} is not one.`,
				);
			}
			request.payload = parsed;
		} else {
			request.payload = text; // verbatim, so invalid JSON can be sent on purpose
		}
		delete request.sample;
	}

	const state = await requestJson('GET', `${emulatorUrl}/__emulator/state`);
	if (state.status !== 200 || !Array.isArray(state.body.assistants)) {
		throw new CliError(
			`${emulatorUrl} does not look like the Intellixent emulator (GET /__emulator/state answered ${state.status}).`,
		);
	}
	const started = await requestJson('POST', `${emulatorUrl}/__emulator/conversations`, request);
	if (started.status !== 202)
		throw new CliError(
			started.body && started.body.message
				? started.body.message
				: `The emulator answered ${started.status}.`,
		);
	let delivery = started.body;
	const assistant = state.body.assistants.find((a) => a.uuid === delivery.assistant_id);
	const assistantName = assistant ? assistant.name : undefined;
	if (values['no-wait']) {
		printDelivery(delivery, assistantName);
		console.log(`Follow it with: ${CLI} state --emulator ${emulatorUrl}`);
		return 0;
	}

	// Poll until the delivery is final. Bounded: the emulator's retry schedule plus a margin.
	const schedule = (state.body.retryDelaysMs ?? []).reduce((sum, ms) => sum + ms, 0);
	const perAttempt = state.body.deliveryTimeoutMs ?? 10000;
	const limitS = values['timeout-s'] !== undefined ? Number(values['timeout-s']) : NaN;
	const deadline =
		Date.now() +
		(Number.isFinite(limitS) && limitS > 0 ? limitS * 1000 : schedule + perAttempt * 5 + 10000);
	let printed = 0;
	if (delivery.state === 'pending') console.log(`Delivering ${delivery.id} to ${delivery.url} ...`);
	while (delivery.state === 'pending') {
		if (Date.now() > deadline)
			throw new CliError(
				`Gave up waiting for ${delivery.id} (still pending); check it with \`${CLI} state\`.`,
			);
		for (; printed < delivery.attempts.length; printed++) {
			const a = delivery.attempts[printed];
			const next =
				printed === delivery.attempts.length - 1 && delivery.next_attempt_at
					? `, next attempt at ${delivery.next_attempt_at}`
					: '';
			console.log(`  ... attempt ${a.n}: ${a.error ?? a.status}${next}`);
		}
		await new Promise((resolve) => setTimeout(resolve, delivery.attempts.length ? 250 : 50));
		const polled = await requestJson(
			'GET',
			`${emulatorUrl}/__emulator/deliveries/${encodeURIComponent(delivery.id)}`,
		);
		if (polled.status !== 200)
			throw new CliError(`The delivery ${delivery.id} disappeared (was the emulator reset?).`);
		delivery = polled.body;
	}
	printDelivery(delivery, assistantName);
	return delivery.state === 'delivered' ? 0 : 1;
}

// ------------------------------------------------------------------------------------------- state

async function showState(args) {
	const { values } = parse(args, { emulator: { type: 'string' }, json: { type: 'boolean' } });
	if (values.help) return (console.log(HELP.state), 0);
	const emulatorUrl = base(values.emulator ?? DEFAULT_EMULATOR_URL);
	const { status, body } = await requestJson('GET', `${emulatorUrl}/__emulator/state`);
	if (status !== 200 || !Array.isArray(body.assistants))
		throw new CliError(`${emulatorUrl} does not look like the Intellixent emulator.`);
	if (values.json) return (console.log(JSON.stringify(body, null, 2)), 0);
	const names = new Map(body.assistants.map((a) => [a.uuid, a.name]));
	const regs = Object.entries(body.registrations);
	const lines = [`Emulator at ${emulatorUrl}`, '', `Registered webhooks (${regs.length}):`];
	if (!regs.length)
		lines.push(
			'  (none: activate a workflow with the Intellixent Trigger, or call enable-conversation-ended-webhook)',
		);
	for (const [uuid, r] of regs)
		lines.push(
			`  ${uuid}  ${names.get(uuid) ?? ''}\n    ${r.webhook_url}  (since ${r.enabled_at})`,
		);
	if (body.faults.length) {
		lines.push('', `Active faults (${body.faults.length}):`);
		for (const f of body.faults)
			lines.push(
				`  ${f.id}: ${f.endpoint} ${f.kind}${f.status ? ` ${f.status}` : ''}${f.delayMs !== undefined ? ` ${f.delayMs} ms` : ''}, times ${f.times === -1 ? 'until cleared' : f.times}`,
			);
	}
	const last = body.deliveries.slice(-10);
	lines.push(
		'',
		`Deliveries (${body.deliveries.length}${body.deliveries.length > last.length ? `, last ${last.length} shown` : ''}):`,
	);
	if (!last.length) lines.push('  (none)');
	for (const d of last) {
		const statuses = d.attempts.map((a) => a.error ?? a.status).join(', ');
		lines.push(
			`  ${d.id}  ${d.state.padEnd(9)} ${d.url}\n    attempts: ${statuses || '(none yet)'}`,
		);
	}
	lines.push('', `API requests logged: ${body.requests.length}`);
	console.log(lines.join('\n'));
	return 0;
}

async function reset(args) {
	const { values } = parse(args, { emulator: { type: 'string' } });
	if (values.help) return (console.log(HELP.reset), 0);
	const emulatorUrl = base(values.emulator ?? DEFAULT_EMULATOR_URL);
	const { status } = await requestJson('POST', `${emulatorUrl}/__emulator/reset`, {});
	if (status !== 200) throw new CliError(`The emulator answered ${status}.`);
	console.log(`Emulator at ${emulatorUrl} reset.`);
	return 0;
}

async function main(argv) {
	const [command, ...rest] = argv;
	const commands = { serve, send, state: showState, reset };
	if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
		console.log(HELP.main);
		return command === undefined ? 2 : 0;
	}
	if (!commands[command]) throw new CliError(`Unknown command "${command}". Run "${CLI} --help".`);
	return commands[command](rest);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error) => {
		if (error instanceof CliError) {
			console.error(`Error: ${error.message}`);
		} else {
			console.error('Unexpected error:', error);
		}
		process.exitCode = 2;
	},
);
