'use strict';
/**
 * The webhook sender of resources/conversations.js: POSTs a delivery's body to its URL like
 * Intellixent (JSON, its User-Agent, one attempt at most `deliveryTimeoutMs`), and retries a
 * non-2xx answer, a network error or a timeout after each of `retryDelaysMs` (30 s, 60 s, 120 s by
 * default: 4 attempts in all), then marks the delivery failed. Pending timers and requests live in
 * the conversations slice so that reset() and close() can cancel them.
 */

const http = require('node:http');
const https = require('node:https');
const { codedError, later } = require('../core/util.js');

const USER_AGENT = 'Intellixent-Webhook/1.0';
const RESPONSE_BODY_LIMIT = 2048;

/**
 * @typedef {import('../types').Ctx} Ctx
 * @typedef {import('../types').DeliveryRecord} DeliveryRecord
 * @typedef {DeliveryRecord & { cancelled?: boolean }} Delivery
 * @typedef {{ promise: Promise<DeliveryRecord>, resolve: (d: DeliveryRecord) => void, reject: (e: Error) => void }} Control
 * @typedef {object} ConversationsState
 * @property {Map<string, Delivery>} deliveries By id, oldest first.
 * @property {Map<string, Control>} controls The promise of each pending delivery.
 * @property {Set<NodeJS.Timeout>} retryTimers Pending retries.
 * @property {Set<import('node:http').ClientRequest>} inflight Attempts under way.
 * @property {number} seq The last delivery number given out (never reset).
 * @typedef {{ status: number | null, error: string | null, responseBody: string | null }} AttemptResult
 */

/**
 * @param {any} error
 * @returns {string}
 */
function describeError(error) {
	if (!error) return 'unknown error';
	return error.code && !String(error.message).includes(error.code)
		? `${error.code}: ${error.message}`
		: String(error.message);
}

/**
 * @param {Delivery} d
 * @returns {DeliveryRecord}
 */
function snapshotDelivery(d) {
	return {
		id: d.id,
		assistant_id: d.assistant_id,
		conversation_id: d.conversation_id,
		url: d.url,
		state: d.state,
		attempts: d.attempts.map((a) => ({ ...a })),
		body: d.body,
		created_at: d.created_at,
		next_attempt_at: d.next_attempt_at,
		finished_at: d.finished_at,
		error: d.error,
	};
}

/**
 * One POST; resolves (never rejects) with the status, an error text, and the answer's first 2 KB.
 * @param {ConversationsState} slice
 * @param {number} timeoutMs
 * @param {string} target
 * @param {string} body
 * @returns {Promise<AttemptResult>}
 */
function postOnce(slice, timeoutMs, target, body) {
	return new Promise((resolve) => {
		let settled = false;
		/** @type {import('node:http').ClientRequest | null} */
		let req = null;
		/** @type {NodeJS.Timeout | null} */
		let timer = null;
		/** @param {AttemptResult} result */
		const done = (result) => {
			if (settled) return;
			settled = true;
			if (timer) clearTimeout(timer);
			if (req) slice.inflight.delete(req);
			resolve(result);
		};
		let parsed;
		try {
			parsed = new URL(target);
		} catch {
			done({ status: null, error: `invalid URL: ${target}`, responseBody: null });
			return;
		}
		const transport = parsed.protocol === 'https:' ? https : http;
		const payload = Buffer.from(body, 'utf8');
		try {
			req = transport.request(parsed, {
				method: 'POST',
				agent: false,
				headers: {
					'Content-Type': 'application/json',
					'User-Agent': USER_AGENT,
					Accept: '*/*',
					Connection: 'close',
					'Content-Length': payload.length,
				},
			});
		} catch (error) {
			done({ status: null, error: describeError(error), responseBody: null });
			return;
		}
		const request = req;
		slice.inflight.add(request);
		/** @type {number | null} */
		let status = null;
		timer = setTimeout(() => {
			const error = codedError(`timeout: no complete answer within ${timeoutMs} ms`, 'ETIMEDOUT');
			done({ status, error: describeError(error), responseBody: null });
			request.destroy(error);
		}, timeoutMs);
		request.on('response', (res) => {
			status = res.statusCode ?? null;
			/** @type {Buffer[]} */
			const chunks = [];
			let kept = 0;
			res.on('data', (chunk) => {
				if (kept < RESPONSE_BODY_LIMIT) {
					chunks.push(chunk);
					kept += chunk.length;
				}
			});
			res.on('end', () =>
				done({
					status,
					error: null,
					responseBody: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8'),
				}),
			);
			res.on('error', (error) => done({ status, error: describeError(error), responseBody: null }));
			res.on('close', () => {
				if (!res.complete)
					done({
						status,
						error: 'connection closed before the answer was complete',
						responseBody: null,
					});
			});
		});
		request.on('error', (error) =>
			done({ status, error: describeError(error), responseBody: null }),
		);
		request.end(payload);
	});
}

/**
 * Marks a delivery final and resolves its promise.
 * @param {ConversationsState} slice
 * @param {Delivery} d
 * @param {'delivered' | 'failed'} stateName
 * @param {string | null} [error]
 */
function settle(slice, d, stateName, error = null) {
	d.state = stateName;
	d.next_attempt_at = null;
	d.finished_at = new Date().toISOString();
	d.error = error;
	const control = slice.controls.get(d.id);
	slice.controls.delete(d.id);
	if (control) control.resolve(snapshotDelivery(d));
}

/**
 * Makes the next attempt of a pending delivery, and schedules the retry after a failure.
 * @param {Ctx} ctx
 * @param {ConversationsState} slice
 * @param {Delivery} d
 */
function attempt(ctx, slice, d) {
	if (ctx.state.closed || d.state !== 'pending') return;
	const { retryDelaysMs, deliveryTimeoutMs } = ctx.settings;
	const n = d.attempts.length + 1;
	const started = Date.now();
	d.next_attempt_at = null;
	postOnce(slice, deliveryTimeoutMs, d.url, d.body).then((result) => {
		if (d.state !== 'pending' || d.cancelled) return;
		d.attempts.push({
			n,
			status: result.status,
			error: result.error,
			responseBody: result.responseBody,
			at: new Date(started).toISOString(),
			durationMs: Date.now() - started,
		});
		const ok =
			!result.error && result.status !== null && result.status >= 200 && result.status < 300;
		const outcome = result.error ? result.error : String(result.status);
		if (ok) {
			ctx.say(`delivery ${d.id} attempt ${n} -> ${outcome}: delivered`);
			settle(slice, d, 'delivered');
			return;
		}
		if (n <= retryDelaysMs.length) {
			const wait = retryDelaysMs[n - 1];
			d.next_attempt_at = new Date(Date.now() + wait).toISOString();
			ctx.say(`delivery ${d.id} attempt ${n} -> ${outcome}: retry in ${wait} ms`);
			later(slice.retryTimers, wait, () => attempt(ctx, slice, d));
			return;
		}
		ctx.say(`delivery ${d.id} attempt ${n} -> ${outcome}: failed after ${n} attempts`);
		settle(slice, d, 'failed', `failed after ${n} attempts`);
	});
}

/**
 * Cancels every pending delivery (their promises reject), pending retries and attempts under way.
 * @param {ConversationsState} slice
 * @param {string} reason
 */
function cancelPending(slice, reason) {
	for (const d of slice.deliveries.values()) {
		if (d.state !== 'pending') continue;
		d.cancelled = true;
		d.state = 'failed';
		d.next_attempt_at = null;
		d.finished_at = new Date().toISOString();
		d.error = `cancelled: ${reason}`;
		const control = slice.controls.get(d.id);
		slice.controls.delete(d.id);
		if (control)
			control.reject(codedError(`Delivery ${d.id} was cancelled: ${reason}`, 'CANCELLED'));
	}
	for (const timer of slice.retryTimers) clearTimeout(timer);
	slice.retryTimers.clear();
	for (const req of slice.inflight) req.destroy(new Error(reason));
	slice.inflight.clear();
}

module.exports = { snapshotDelivery, attempt, cancelPending };
