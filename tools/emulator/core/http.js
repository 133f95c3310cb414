'use strict';
/**
 * HTTP plumbing shared by the API and the control routes: reading a request body (bounded), and
 * writing an `Answer` with Laravel's headers, recording the status in the request log entry.
 */

const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** Laravel's wording for the answers the core gives itself. */
const CORE_MESSAGES = Object.freeze({
	unauthenticated: 'Unauthenticated.',
	notFound: 'Not Found',
	tooManyRequests: 'Too Many Requests.',
	serverError: 'Server Error',
});

/**
 * @typedef {{ text: string, tooLarge: boolean, failed?: boolean }} Body
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Body>}
 */
function readBody(req) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_REQUEST_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
		req.on('error', () => resolve({ text: '', tooLarge, failed: true }));
	});
}

/**
 * Writes the answer (an object body as JSON, a string verbatim), unless the socket is gone.
 * @param {import('node:http').ServerResponse} res
 * @param {import('../types').Answer} answer
 * @param {{ status: number | 'dropped' | null } | null} [entry] The request log entry, if any.
 */
function writeAnswer(res, { status, body, headers = {} }, entry = null) {
	if (entry) entry.status = status;
	if (res.writableEnded || res.destroyed) return;
	const raw =
		body === undefined || status === 204 || status === 304
			? ''
			: typeof body === 'string'
				? body
				: JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Cache-Control': 'no-cache, private',
		'Content-Length': Buffer.byteLength(raw),
		...headers,
	});
	res.end(raw);
}

module.exports = { CORE_MESSAGES, readBody, writeAnswer };
