'use strict';
/**
 * `cli.js state` and `cli.js reset`: show or clear what a running emulator holds.
 */

const { CLI, DEFAULT_EMULATOR_URL, CliError, requestJson, parse, base } = require('./common.js');

const HELP = {
	state: `Usage: ${CLI} state [--emulator URL] [--json]

Prints the registered webhook URLs, the active faults and the last deliveries.`,
	reset: `Usage: ${CLI} reset [--emulator URL]

Clears registrations, request log, deliveries and faults of a running emulator.`,
};

/**
 * @param {string[]} args
 * @returns {Promise<number>}
 */
async function showState(args) {
	const { values } = parse(args, { emulator: { type: 'string' }, json: { type: 'boolean' } });
	if (values.help) return (console.log(HELP.state), 0);
	const emulatorUrl = base(values.emulator ?? DEFAULT_EMULATOR_URL);
	const { status, body } = await requestJson('GET', `${emulatorUrl}/__emulator/state`);
	if (status !== 200 || !Array.isArray(body.assistants))
		throw new CliError(`${emulatorUrl} does not look like the Intellixent emulator.`);
	if (values.json) return (console.log(JSON.stringify(body, null, 2)), 0);
	const names = new Map(
		body.assistants.map((/** @type {import('../types').Assistant} */ a) => [a.uuid, a.name]),
	);
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
		const statuses = d.attempts
			.map((/** @type {import('../types').DeliveryAttempt} */ a) => a.error ?? a.status)
			.join(', ');
		lines.push(
			`  ${d.id}  ${d.state.padEnd(9)} ${d.url}\n    attempts: ${statuses || '(none yet)'}`,
		);
	}
	lines.push('', `API requests logged: ${body.requests.length}`);
	console.log(lines.join('\n'));
	return 0;
}

/**
 * @param {string[]} args
 * @returns {Promise<number>}
 */
async function reset(args) {
	const { values } = parse(args, { emulator: { type: 'string' } });
	if (values.help) return (console.log(HELP.reset), 0);
	const emulatorUrl = base(values.emulator ?? DEFAULT_EMULATOR_URL);
	const { status } = await requestJson('POST', `${emulatorUrl}/__emulator/reset`, {});
	if (status !== 200) throw new CliError(`The emulator answered ${status}.`);
	console.log(`Emulator at ${emulatorUrl} reset.`);
	return 0;
}

module.exports = { showState, reset };
