'use strict';
/**
 * `cli.js serve`: starts the emulator in this process and keeps it running until Ctrl-C / SIGTERM.
 */

const { startEmulator, DEFAULT_API_KEY, DEFAULT_RETRY_DELAYS_MS } = require('../index.js');
const { DEFAULT_DELIVERY_TIMEOUT_MS } = require('../core/options.js');
const { API_FORMS } = require('../resources/webhookForms.js');
const { UNKNOWN_ROUTE_STYLES } = require('../core/unknownRoute.js');
const { CLI, CliError, parse, formatRetryDelays } = require('./common.js');

const HELP = `Usage: ${CLI} serve [options]

Starts the emulator and keeps it running until Ctrl-C / SIGTERM.

Options:
  --port N           port to listen on (default 4010; 0 picks a free port)
  --host HOST        address to bind (default 127.0.0.1)
  --api-key KEY      the API key the emulator accepts (default "${DEFAULT_API_KEY}")
  --retry-scale X    multiplies the retry delays 30 s / 60 s / 120 s (e.g. 0.1 gives 3 s / 6 s / 12 s)
  --timeout-ms N     how long one delivery attempt may take (default ${DEFAULT_DELIVERY_TIMEOUT_MS})
  --api-forms F      which shape of enable/disable-conversation-ended-webhook to serve:
                     path (POST /api/assistants/{uuid}/..., the default), body
                     (POST /api/user/assistants/... {assistant_id}) or both
  --unknown-route S  how an unknown route is answered: not-found (JSON "Not Found", the default),
                     laravel ("The route ... could not be found.") or html (an HTML 404 page)
  --quiet            do not print each request and delivery
  -h, --help         this help`;

/**
 * @param {string[]} args
 * @returns {Promise<number>}
 */
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
	if (values.help) return (console.log(HELP), 0);
	const port = values.port === undefined ? 4010 : Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new CliError(`--port must be a port number, got "${values.port}".`);
	const scale = values['retry-scale'] === undefined ? 1 : Number(values['retry-scale']);
	if (!Number.isFinite(scale) || scale < 0)
		throw new CliError(
			`--retry-scale must be a non-negative number, got "${values['retry-scale']}".`,
		);
	const timeoutMs =
		values['timeout-ms'] === undefined ? DEFAULT_DELIVERY_TIMEOUT_MS : Number(values['timeout-ms']);
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
		const stop = (/** @type {string} */ signal) => {
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

module.exports = { serve };
