'use strict';
/**
 * `cli.js send`: asks a running emulator to end a conversation, follows the delivery through its
 * retries, and prints the outcome (exit code 0 delivered, 1 failed).
 */

const fs = require('node:fs');
const { SAMPLES } = require('../index.js');
const {
	CLI,
	DEFAULT_EMULATOR_URL,
	CliError,
	requestJson,
	parse,
	base,
	parseValue,
} = require('./common.js');

/** @typedef {import('../types').Assistant} Assistant */

const HELP = `Usage: ${CLI} send [options]

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
  -h, --help         this help`;

/** @param {import('../types').DeliveryAttempt} a */
function describeAttempt(a) {
	const outcome = a.error ? (a.status ? `${a.status}, ${a.error}` : a.error) : String(a.status);
	const body = a.responseBody
		? `  ${JSON.stringify(a.responseBody.length > 120 ? `${a.responseBody.slice(0, 120)}…` : a.responseBody)}`
		: '';
	return `  attempt ${a.n}  ${a.at}  ${outcome}  (${a.durationMs} ms)${body}`;
}

/**
 * @param {import('../types').DeliveryRecord} d
 * @param {string} [assistantName]
 */
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

/**
 * @param {string[]} args
 * @returns {Promise<number>}
 */
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
	if (values.help) return (console.log(HELP), 0);
	const emulatorUrl = base(values.emulator ?? DEFAULT_EMULATOR_URL);
	if (values.sample !== undefined && !SAMPLES.includes(values.sample)) {
		throw new CliError(`--sample must be one of ${SAMPLES.join(', ')}, got "${values.sample}".`);
	}
	if (values.file !== undefined && values.sample !== undefined)
		throw new CliError('Use either --file or --sample, not both.');
	/** @type {Record<string, unknown>} */
	const overrides = {};
	for (const item of values.set ?? []) {
		const eq = item.indexOf('=');
		if (eq <= 0) throw new CliError(`--set expects key=value, got "${item}".`);
		overrides[item.slice(0, eq)] = parseValue(item.slice(eq + 1));
	}
	/** @type {Record<string, unknown>} */
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
	const assistant = state.body.assistants.find(
		(/** @type {Assistant} */ a) => a.uuid === delivery.assistant_id,
	);
	const assistantName = assistant ? assistant.name : undefined;
	if (values['no-wait']) {
		printDelivery(delivery, assistantName);
		console.log(`Follow it with: ${CLI} state --emulator ${emulatorUrl}`);
		return 0;
	}

	// Poll until the delivery is final. Bounded: the emulator's retry schedule plus a margin.
	const schedule = (state.body.retryDelaysMs ?? []).reduce(
		(/** @type {number} */ sum, /** @type {number} */ ms) => sum + ms,
		0,
	);
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

module.exports = { send };
