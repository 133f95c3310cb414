'use strict';
/**
 * The Bearer key check every /api route gets (Laravel Sanctum style: `Authorization: Bearer <key>`,
 * scheme case-insensitive), compared in constant time.
 */

const crypto = require('node:crypto');

/** @param {string} text */
const digestOf = (text) => crypto.createHash('sha256').update(text).digest();

/**
 * @param {string} apiKey The one key the emulator accepts.
 * @returns {{ isAuthorized: (header: unknown) => boolean, label: (header: unknown) => string }}
 */
function bearerCheck(apiKey) {
	const keyDigest = digestOf(apiKey);
	/** @param {unknown} header */
	const isAuthorized = (header) => {
		if (typeof header !== 'string') return false;
		const match = /^Bearer\s+(\S.*)$/i.exec(header.trim());
		if (!match) return false;
		return crypto.timingSafeEqual(digestOf(match[1].trim()), keyDigest);
	};
	return {
		isAuthorized,
		/** For the log line: no auth, auth ok or wrong auth. */
		label: (header) =>
			header === undefined ? 'no auth' : isAuthorized(header) ? 'auth ok' : 'wrong auth',
	};
}

module.exports = { bearerCheck };
