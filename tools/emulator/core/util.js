'use strict';
/**
 * Small helpers every part of the emulator uses (errors with a code, plain-object checks, deep
 * copies, dotted-path edits, URL validation, timers that can be cancelled as a set). Kept apart so
 * that the core and the resource modules do not copy them.
 */

const WEBHOOK_URL_MAX_LENGTH = 2048;

/**
 * An Error with a `code` the control API maps to a status (BAD_REQUEST 400, UNKNOWN_ASSISTANT 404,
 * NOT_REGISTERED 409); other codes (CLOSED, CANCELLED) are for programmatic callers.
 * @param {string} message
 * @param {string} code
 * @returns {Error & { code: string }}
 */
function codedError(message, code) {
	return Object.assign(new Error(message), { code });
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A deep copy through JSON (the emulator only stores JSON values).
 * @template T
 * @param {T} value
 * @returns {T}
 */
function clone(value) {
	return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/**
 * Sets (or, for `undefined`, deletes) `a.b.c` style paths; plain keys are set as they are.
 * @param {Record<string, any>} target
 * @param {string} key
 * @param {unknown} value
 */
function setPath(target, key, value) {
	const parts = String(key).split('.');
	let node = target;
	for (let i = 0; i < parts.length - 1; i++) {
		if (!isPlainObject(node[parts[i]])) node[parts[i]] = {};
		node = node[parts[i]];
	}
	const last = parts[parts.length - 1];
	if (value === undefined) delete node[last];
	else node[last] = value;
}

/**
 * JSON when the text parses, the text itself otherwise, null when empty.
 * @param {string} text
 * @returns {unknown}
 */
function parseLoosely(text) {
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * An http(s) URL of at most 2048 characters, without white space.
 * @param {unknown} value
 * @returns {value is string}
 */
function isValidWebhookUrl(value) {
	if (typeof value !== 'string' || value.length === 0 || value.length > WEBHOOK_URL_MAX_LENGTH)
		return false;
	if (/\s/.test(value)) return false;
	let parsed;
	try {
		parsed = new URL(value);
	} catch {
		return false;
	}
	return (
		(parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0
	);
}

/**
 * Runs `fn` after `ms`, keeping the timer in `set` until it fires (so that close() can clear it).
 * @param {Set<NodeJS.Timeout>} set
 * @param {number} ms
 * @param {() => void} fn
 */
function later(set, ms, fn) {
	const timer = setTimeout(() => {
		set.delete(timer);
		fn();
	}, ms);
	set.add(timer);
	return timer;
}

module.exports = {
	codedError,
	isPlainObject,
	clone,
	setPath,
	parseLoosely,
	isValidWebhookUrl,
	later,
};
