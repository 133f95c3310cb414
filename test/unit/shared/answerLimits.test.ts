/**
 * How much of an answer the request core reads, and for how long, through n8n-core's real HTTP
 * helpers against a local server that misbehaves on purpose: an answer over 16 MiB, a JSON list
 * that never ends, a body that drips a few bytes every 100 ms, headers and then silence, and
 * Return All over pages of 8 MB (the run's 64 MiB). Each ends with an error that names the limit,
 * after one request, with the server's socket closed.
 */
import type * as http from 'http';

import { NodeApiError } from 'n8n-workflow';

import { MAX_ANSWER_BYTES } from '../../../nodes/shared/answerLimits';
import { isOutcomeUnknown } from '../../../nodes/shared/apiErrors';
import * as api from '../../../nodes/shared/intellixentApi';
import { getPaged } from '../../../nodes/shared/paging';
import { json, useHostileServer } from '../../helpers/hostileServer';

const API_KEY = 'ix-limits-key-3e9b';
const TIMEOUT_MS = 800;

const server = useHostileServer({ attempts: 3, timeoutMs: TIMEOUT_MS });
// Tens of MiB go through real HTTP: a busy machine needs more than jest's default 5 s.
jest.setTimeout(30_000);

const context = () => server.context(API_KEY);
const purpose = { action: 'list the calls', stage: 'run' } as const;

async function failure(run: Promise<unknown>): Promise<NodeApiError> {
	const error = await run.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

/** The request timeout out of the way: in these tests a byte limit must be what stops reading. */
function roomyTimeout() {
	jest.replaceProperty(api, 'DEFAULT_RETRY_POLICY', {
		...api.DEFAULT_RETRY_POLICY,
		timeoutMs: 30_000,
	});
}

const get = (ctx = context()) =>
	api.intellixentRequest.call(ctx, 'GET', '/api/user/calls', purpose);

/** Writes `chunk` whenever the socket drains, until the client goes away. */
function endless(res: http.ServerResponse, first: string, chunk: string) {
	res.writeHead(200, { 'Content-Type': 'application/json' });
	res.write(first);
	const more = () => {
		while (!res.destroyed && res.write(chunk));
		if (!res.destroyed) res.once('drain', more);
	};
	more();
}

/** A page of `count` calls of about `size` bytes each. */
function page(pageNumber: number, count: number, size: number, lastPage: number) {
	const data = Array.from({ length: count }, (_, i) => ({
		id: pageNumber * 1000 + i,
		transcript: 'x'.repeat(size),
	}));
	return JSON.stringify({ current_page: pageNumber, last_page: lastPage, data });
}

describe('one answer is read to at most 16 MiB', () => {
	it('an answer of 17 MiB: an error naming the limit and how to ask for less, not retried', async () => {
		roomyTimeout();
		const body = page(1, 17, 1024 * 1024, 1);
		server.handler = (_req, res) => json(res, body);
		const error = await failure(get());
		expect(error.message).toBe(
			"Could not list the calls: Intellixent's answer is larger than 16 MiB, the most the node reads from one answer (reading stopped there)",
		);
		expect(error.description).toMatch(/turn off Return All and set a Limit/);
		expect(server.received).toBe(1);
	});

	it('a 200 whose JSON list never ends: stopped after 16 MiB, the connection closed', async () => {
		// Time enough to reach 16 MiB on a busy machine: the byte limit is what stops it here.
		roomyTimeout();
		server.handler = (_req, res) =>
			endless(res, '{"data":[', '{"id":1,"x":"' + 'y'.repeat(4096) + '"},');
		const error = await failure(get());
		expect(error.message).toMatch(/larger than 16 MiB/);
		expect(server.received).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(server.closedEarly).toBe(1);
	});

	it('an answer of just under 16 MiB is read and parsed', async () => {
		roomyTimeout();
		const body = page(1, 15, 1024 * 1024, 1);
		expect(Buffer.byteLength(body)).toBeLessThan(MAX_ANSWER_BYTES);
		server.handler = (_req, res) => json(res, body);
		const answer = (await get()) as { data: unknown[] };
		expect(answer.data).toHaveLength(15);
	});
});

describe('the timeout covers the whole answer', () => {
	it('a body dripping a few bytes every 100 ms ends at the timeout, not when the server stops', async () => {
		let drip: NodeJS.Timeout | undefined;
		server.handler = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.write('{"data":[');
			drip = setInterval(() => res.write('{"id":1},'), 100);
			const end = setTimeout(() => res.end('{"id":2}]}'), 60_000);
			res.on('close', () => {
				clearInterval(drip);
				clearTimeout(end);
			});
		};
		const started = Date.now();
		const error = await failure(get());
		const elapsed = Date.now() - started;
		clearInterval(drip);
		expect(error.message).toMatch(
			/^Could not list the calls: Intellixent's answer did not arrive completely within 0\.8 s, the time one request may take \(\d+ bytes had arrived\)$/,
		);
		expect(server.received).toBe(1);
		// Bounded by the timeout (plus scheduling on a busy machine), not by the server, which
		// would drip on for a minute.
		expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS);
		// Far below the minute the server would go on for, with room for a busy machine.
		expect(elapsed).toBeLessThan(TIMEOUT_MS * 10);
	});

	it('headers, then silence: ends at the timeout too', async () => {
		server.handler = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.write('{"data":[');
		};
		const started = Date.now();
		const error = await failure(get());
		expect(error.message).toMatch(/did not arrive completely within 0\.8 s/);
		expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 10);
	});

	it('a send whose answer is slow: not repeated, and the outcome is unknown', async () => {
		server.handler = (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.write('{"success":true,');
		};
		const error = await failure(
			api.intellixentRequest.call(context(), 'POST', '/api/user/whatsapp/send', {
				action: 'send the WhatsApp template message',
				stage: 'run',
			}),
		);
		expect(error.message).toMatch(/did not arrive completely.*\(the outcome is unknown\)$/);
		expect(isOutcomeUnknown(error)).toBe(true);
		expect(server.received).toBe(1);
	});
});

describe('one node run reads at most 64 MiB', () => {
	it('Return All over pages of 8 MB: stopped with an error at 64 MiB, not after the whole list', async () => {
		roomyTimeout();
		server.handler = (req, res) => {
			const pageNumber = Number(new URL(req.url ?? '/', server.url).searchParams.get('page'));
			res
				.writeHead(200, { 'Content-Type': 'application/json' })
				.end(page(pageNumber, 100, 80 * 1024, 100));
		};
		const error = await failure(
			getPaged.call(context(), '/api/user/calls', purpose, { returnAll: true, limit: 0 }),
		);
		expect(error.message).toBe(
			'Could not list the calls: this run has read 64 MiB from Intellixent, the most one node run reads (reading stopped there)',
		);
		expect(error.description).toBe(
			'Turn off Return All and set a Limit, or add filters (status, type, dates…) so that fewer items match.',
		);
		// 8 pages of 8.2 MB fit in 64 MiB; the 9th passes it. Without the cap all 100 are read.
		expect(server.received).toBe(9);
	});

	it('another run (another context) starts with the whole budget again', async () => {
		roomyTimeout();
		const body = page(1, 10, 1024 * 1024, 1);
		server.handler = (_req, res) => json(res, body);
		const ctx = context();
		for (let i = 0; i < 6; i++) await get(ctx);
		await expect(get(ctx)).rejects.toThrow(/this run has read 64 MiB/);
		await expect(get()).resolves.toMatchObject({ current_page: 1 });
	});

	it('a write is not sent once less than 1 MiB is left of the run: nothing sent, nothing unknown', async () => {
		roomyTimeout();
		const MiB = 1024 * 1024;
		const ctx = context();
		// 63.5 MiB read, in answers of 15 MiB and one of 3.5 MiB.
		for (const size of [15, 15, 15, 15, 3.5]) {
			server.handler = (_req, res) => json(res, { d: 'x'.repeat(size * MiB - 8) });
			await get(ctx);
		}
		server.reset();
		const error = await failure(
			api.intellixentRequest.call(ctx, 'POST', '/api/user/whatsapp/send', {
				action: 'send the WhatsApp template message',
				stage: 'run',
			}),
		);
		expect(error.message).toBe(
			'Could not send the WhatsApp template message: this run has read nearly 64 MiB from Intellixent, the most one node run reads, so the request was not sent (its answer could not be read)',
		);
		expect(isOutcomeUnknown(error)).toBe(false);
		expect(server.received).toBe(0);
	});
});
