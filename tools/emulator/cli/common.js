'use strict';
/**
 * What the emulator's command line commands share: the program name for messages, the default
 * emulator URL, the usage error type, option parsing, and a small JSON client for the control API
 * of a running emulator.
 */

const http = require('node:http');
const { parseArgs } = require('node:util');

const CLI = 'node tools/emulator/cli.js';
const DEFAULT_EMULATOR_URL = process.env.INTELLIXENT_EMULATOR_URL || 'http://127.0.0.1:4010';

/** A usage or connection error: printed as "Error: <message>", exit code 2. */
class CliError extends Error {}

/**
 * One JSON request to the emulator's control API; rejects with a CliError that says what to do.
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 * @param {number} [timeoutMs]
 * @returns {Promise<{ status: number | undefined, body: any }>}
 */
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
			/** @type {Buffer[]} */
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
		req.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
			const origin = target.origin;
			if (
				[
					'ECONNREFUSED',
					'ENOTFOUND',
					'EHOSTUNREACH',
					'ECONNRESET',
					'ETIMEDOUT',
					'EADDRNOTAVAIL',
				].includes(String(error.code))
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

/**
 * Parses a command's options (plus -h/--help); unknown options are a CliError.
 * @param {string[]} args
 * @param {NonNullable<import('node:util').ParseArgsConfig['options']>} options
 * @returns {{ values: Record<string, any> }}
 */
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

/**
 * The emulator URL without trailing slashes.
 * @param {string} url
 */
function base(url) {
	return String(url).replace(/\/+$/, '');
}

/**
 * JSON when the text parses, the text otherwise (for --set key=value).
 * @param {string} text
 * @returns {unknown}
 */
function parseValue(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * e.g. "30 s / 60 s / 120 s".
 * @param {ReadonlyArray<number>} list
 */
function formatRetryDelays(list) {
	return list.map((ms) => (ms >= 1000 ? `${+(ms / 1000).toFixed(2)} s` : `${ms} ms`)).join(' / ');
}

module.exports = {
	CLI,
	DEFAULT_EMULATOR_URL,
	CliError,
	requestJson,
	parse,
	base,
	parseValue,
	formatRetryDelays,
};
