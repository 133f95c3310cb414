'use strict';
/**
 * startEmulator()'s options: defaults and validation, in one place, giving the `Settings` every
 * other part reads. A TypeError names the bad option.
 */

const { checkApiForms } = require('../resources/webhookForms.js');
const { checkUnknownRouteStyle } = require('./unknownRoute.js');
const { DEFAULT_ASSISTANTS, normalizeAssistants } = require('../resources/assistants.js');

const DEFAULT_API_KEY = 'test-api-key';
const DEFAULT_RETRY_DELAYS_MS = Object.freeze([30000, 60000, 120000]);
const DEFAULT_DELIVERY_TIMEOUT_MS = 10000;

/**
 * @param {import('../types').EmulatorOptions} options
 * @returns {import('../types').Settings}
 */
function settingsFrom(options) {
	const {
		port = 0,
		host = '127.0.0.1',
		apiKey = DEFAULT_API_KEY,
		assistants = DEFAULT_ASSISTANTS,
		retryDelaysMs = DEFAULT_RETRY_DELAYS_MS,
		deliveryTimeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
		apiForms = 'path',
		unknownRoute = 'not-found',
	} = options;
	if (typeof apiKey !== 'string' || apiKey.length === 0)
		throw new TypeError('options.apiKey must be a non-empty string');
	if (
		!Array.isArray(retryDelaysMs) ||
		retryDelaysMs.some((ms) => typeof ms !== 'number' || !(ms >= 0) || ms > 2 ** 31 - 1)
	) {
		throw new TypeError(
			'options.retryDelaysMs must be an array of non-negative numbers (milliseconds)',
		);
	}
	if (typeof deliveryTimeoutMs !== 'number' || !(deliveryTimeoutMs > 0)) {
		throw new TypeError('options.deliveryTimeoutMs must be a positive number');
	}
	try {
		checkApiForms(apiForms);
	} catch (error) {
		throw new TypeError(`options.${error.message}`);
	}
	checkUnknownRouteStyle(unknownRoute);
	return {
		port,
		host,
		apiKey,
		assistants: normalizeAssistants(assistants),
		retryDelaysMs: retryDelaysMs.slice(),
		deliveryTimeoutMs,
		apiForms,
		unknownRoute,
	};
}

/**
 * The log line printer: none, the console, or the caller's function; lines start with [emulator].
 * @param {import('../types').EmulatorOptions['log']} log
 * @returns {(line: string) => void}
 */
function sayFrom(log) {
	/** @type {((line: string) => void) | null} */
	const logLine =
		typeof log === 'function'
			? log
			: log
				? (/** @type {string} */ line) => console.log(line)
				: null;
	return (line) => {
		if (logLine) logLine(`[emulator] ${line}`);
	};
}

module.exports = {
	settingsFrom,
	sayFrom,
	DEFAULT_API_KEY,
	DEFAULT_RETRY_DELAYS_MS,
	DEFAULT_DELIVERY_TIMEOUT_MS,
};
