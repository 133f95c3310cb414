'use strict';
/**
 * A small closed-loop HTTP load generator for loopback: `concurrency` workers, each sending the
 * same POST and waiting for the answer before the next, over keep-alive connections, for
 * `durationMs` or `maxRequests`, whichever comes first. Every request has a timeout.
 */
const http = require('node:http');

/**
 * POST `body` (Buffer) to `url` (http://127.0.0.1 only). Returns
 * { sent, ok, errors, statuses, durationMs, perSecond, latenciesMs, startedAt, endedAt }.
 */
async function runLoad({
	url,
	body,
	concurrency = 8,
	durationMs = 20000,
	maxRequests = 1e6,
	timeoutMs = 30000,
}) {
	const target = new URL(url);
	if (target.hostname !== '127.0.0.1')
		throw new Error(`loadgen: loopback only, not ${target.hostname}`);
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
	const latenciesMs = [];
	const statuses = {};
	let sent = 0;
	let ok = 0;
	let errors = 0;
	const startedAt = Date.now();
	const deadline = startedAt + durationMs;

	function once() {
		return new Promise((resolve) => {
			const t0 = process.hrtime.bigint();
			const req = http.request(
				{
					host: target.hostname,
					port: target.port,
					path: target.pathname + target.search,
					method: 'POST',
					headers,
					agent,
					timeout: timeoutMs,
				},
				(res) => {
					res.on('data', () => {});
					res.on('end', () => {
						const ms = Number(process.hrtime.bigint() - t0) / 1e6;
						statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
						if (res.statusCode === 200) {
							ok++;
							latenciesMs.push(ms);
						} else errors++;
						resolve();
					});
					res.on('error', () => {
						errors++;
						resolve();
					});
				},
			);
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', (error) => {
				errors++;
				statuses[error.message] = (statuses[error.message] || 0) + 1;
				resolve();
			});
			req.end(body);
		});
	}

	async function worker() {
		while (Date.now() < deadline && sent < maxRequests) {
			sent++;
			await once();
		}
	}

	try {
		await Promise.all(Array.from({ length: concurrency }, worker));
	} finally {
		agent.destroy();
	}
	const endedAt = Date.now();
	const durationSec = (endedAt - startedAt) / 1000;
	return {
		sent,
		ok,
		errors,
		statuses,
		durationMs: endedAt - startedAt,
		perSecond: ok / durationSec,
		latenciesMs,
		startedAt,
		endedAt,
	};
}

module.exports = { runLoad };
