'use strict';
/**
 * Local emulator of the Intellixent API parts the nodes use, plus the conversation-ended webhook
 * sender (with Intellixent's documented 30 s / 60 s / 120 s retries). Plain Node.js, no
 * dependencies. This file is the public entry (`require('tools/emulator')`); the HTTP core is in
 * core/, one module per API resource in resources/ (see README.md in this folder).
 */

const { startEmulator } = require('./core/emulator.js');
const { DEFAULT_ASSISTANTS } = require('./resources/assistants.js');
const { DEFAULT_API_KEY, DEFAULT_RETRY_DELAYS_MS } = require('./core/options.js');
const { SAMPLES, loadSample } = require('./resources/conversationSamples.js');

/**
 * The types tests import (`import { type Emulator } from './index.j'`).
 * @typedef {Awaited<ReturnType<typeof startEmulator>>} Emulator
 * @typedef {import('./types').EmulatorOptions} EmulatorOptions
 * @typedef {import('./types').FaultSpec} FaultSpec
 * @typedef {import('./types').DeliveryRecord} DeliveryRecord
 */

module.exports = {
	startEmulator,
	DEFAULT_ASSISTANTS,
	DEFAULT_API_KEY,
	DEFAULT_RETRY_DELAYS_MS,
	SAMPLES,
	loadSample,
};
