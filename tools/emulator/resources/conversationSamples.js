'use strict';
/**
 * The payload fixtures a delivery starts from (test/fixtures/widget.json is the vendor's example,
 * whatsapp.json a WhatsApp conversation; call.json a post-call payload). Read once, parsed afresh for each caller.
 */

const fs = require('node:fs');
const path = require('node:path');
const { codedError } = require('../core/util.js');

const SAMPLES = Object.freeze(/** @type {const} */ (['widget', 'whatsapp']));
const FIXTURES_DIR = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** @type {Map<string, string>} */
const sampleCache = new Map();

/**
 * A fresh copy of a fixture payload.
 * @param {import('../types').Sample} name
 * @returns {Record<string, any>}
 */
function loadSample(name) {
	if (!SAMPLES.includes(name)) {
		throw codedError(`Unknown sample "${name}": use one of ${SAMPLES.join(', ')}.`, 'BAD_REQUEST');
	}
	return loadFixture(name);
}

/**
 * A fresh copy of the post-call (voice call) payload fixture, test/fixtures/call.json.
 * @returns {Record<string, any>}
 */
function loadCallSample() {
	return loadFixture('call');
}

/**
 * @param {string} name
 * @returns {Record<string, any>}
 */
function loadFixture(name) {
	let text = sampleCache.get(name);
	if (text === undefined) {
		text = fs.readFileSync(path.join(FIXTURES_DIR, `${name}.json`), 'utf8');
		sampleCache.set(name, text);
	}
	return JSON.parse(text);
}

module.exports = { SAMPLES, loadSample, loadCallSample };
