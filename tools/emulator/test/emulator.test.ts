/**
 * The emulator's contract, one describe per area: auth, the assistants list, enable/disable in both
 * API forms, faults, deliveries with the retry schedule, the control API and the CLI.
 * Longer than ~500 lines on purpose: the areas share the helpers and fixtures below and one
 * emulator per test; the newer resources (calls, campaigns, WhatsApp) are tested by their users in
 * test/unit/Intellixent and test/unit/IntellixentCallTrigger.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DEFAULT_ASSISTANTS, Emulator, startEmulator } from '../index';

const SALES = 'f9e8d7c6-b5a4-3210-fedc-ba9876543210';
const CLI = path.join(__dirname, '..', 'cli.js');
const INVALID_URL = {
	message: 'The webhook url field must be a valid URL.',
	errors: { webhook_url: ['The webhook url field must be a valid URL.'] },
};

// ------------------------------------------------------------------------------------ helpers

interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	at: number;
}
interface Receiver {
	url: string;
	received: Received[];
	close(): Promise<void>;
}
type Plan = (n: number) => { status: number; body?: string } | 'hang';

const cleanups: Array<() => Promise<void>> = [];

async function startReceiver(plan: Plan = () => ({ status: 200 })): Promise<Receiver> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			});
			const answer = plan(received.length);
			if (answer === 'hang') return;
			res.writeHead(answer.status, { 'Content-Type': 'text/plain' });
			res.end(answer.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const receiver: Receiver = {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
	cleanups.push(receiver.close);
	return receiver;
}

async function emulatorWith(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
	const em = await startEmulator({ retryDelaysMs: [20, 40, 80], ...options });
	cleanups.push(() => em.close());
	return em;
}

interface ApiAnswer {
	status: number;
	headers: Headers;
	json: any;
	text: string;
}

async function call(
	em: Emulator,
	method: string,
	urlPath: string,
	opts: { body?: unknown; raw?: string; auth?: string | null } = {},
): Promise<ApiAnswer> {
	const headers: Record<string, string> = {};
	const auth = opts.auth === undefined ? `Bearer ${em.apiKey}` : opts.auth;
	if (auth !== null) headers.Authorization = auth;
	let body: string | undefined;
	if (opts.raw !== undefined) body = opts.raw;
	else if (opts.body !== undefined) body = JSON.stringify(opts.body);
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(em.url + urlPath, { method, headers, body });
	const text = await res.text();
	let json: any = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = null;
	}
	return { status: res.status, headers: res.headers, json, text };
}

const enable = (em: Emulator, id: string | number, body: unknown, auth?: string | null) =>
	call(em, 'POST', `/api/assistants/${id}/enable-conversation-ended-webhook`, { body, auth });
const disable = (em: Emulator, id: string | number) =>
	call(em, 'POST', `/api/assistants/${id}/disable-conversation-ended-webhook`);
const list = (em: Emulator, query = '') => call(em, 'GET', `/api/user/assistants/get${query}`);

afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

// ---------------------------------------------------------------------------------- the API

describe('auth', () => {
	it.each([
		['no header', null],
		['wrong key', 'Bearer nope'],
		['wrong scheme', 'Basic test-api-key'],
		['empty bearer', 'Bearer '],
	])('answers 401 Unauthenticated for %s', async (_label, auth) => {
		const em = await emulatorWith();
		const res = await call(em, 'GET', '/api/user/assistants/get', { auth });
		expect(res.status).toBe(401);
		expect(res.json).toEqual({ message: 'Unauthenticated.' });
		const res2 = await enable(em, SALES, { webhook_url: 'https://x.example/h' }, auth);
		expect(res2.status).toBe(401);
		expect(em.registrations()).toEqual({});
	});

	it('accepts the configured key and logs the Authorization header', async () => {
		const em = await emulatorWith({ apiKey: 'k-123' });
		expect(
			(await call(em, 'GET', '/api/user/assistants/get', { auth: 'Bearer test-api-key' })).status,
		).toBe(401);
		expect(
			(await call(em, 'GET', '/api/user/assistants/get', { auth: 'bearer k-123' })).status,
		).toBe(200);
		const log = em.requests();
		expect(log.map((r) => [r.authorization, r.status])).toEqual([
			['Bearer test-api-key', 401],
			['bearer k-123', 200],
		]);
	});
});

describe('GET /api/user/assistants/get', () => {
	it('has 12 default assistants, the first being the spec example', () => {
		expect(DEFAULT_ASSISTANTS).toHaveLength(12);
		expect(DEFAULT_ASSISTANTS[0]).toMatchObject({ id: 127, uuid: SALES, name: 'Sales Assistant' });
		expect(DEFAULT_ASSISTANTS.map((a) => a.id)).toEqual(
			Array.from({ length: 12 }, (_, i) => 127 + i),
		);
		expect(new Set(DEFAULT_ASSISTANTS.map((a) => a.name)).size).toBe(12);
		for (const a of DEFAULT_ASSISTANTS.slice(1)) {
			expect(a.uuid).toMatch(
				/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			);
		}
	});

	it('paginates with Laravel math', async () => {
		const em = await emulatorWith();
		const p1 = await list(em);
		expect(p1.status).toBe(200);
		expect(p1.json).toMatchObject({
			current_page: 1,
			per_page: 10,
			total: 12,
			last_page: 2,
			from: 1,
			to: 10,
		});
		expect(p1.json.data).toHaveLength(10);
		expect(Object.keys(p1.json.data[0]).sort()).toEqual(
			[
				'id',
				'uuid',
				'name',
				'type',
				'mode',
				'status',
				'user_id',
				'created_at',
				'updated_at',
			].sort(),
		);
		const p2 = await list(em, '?page=2');
		expect(p2.json).toMatchObject({ current_page: 2, total: 12, last_page: 2, from: 11, to: 12 });
		expect(p2.json.data.map((a: any) => a.id)).toEqual([137, 138]);
		const p3of5 = await list(em, '?per_page=5&page=3');
		expect(p3of5.json).toMatchObject({
			current_page: 3,
			per_page: 5,
			last_page: 3,
			from: 11,
			to: 12,
		});
		const beyond = await list(em, '?per_page=5&page=9');
		expect(beyond.json).toMatchObject({
			current_page: 9,
			data: [],
			from: null,
			to: null,
			last_page: 3,
		});
		const all = await list(em, '?per_page=100');
		expect(all.json).toMatchObject({ last_page: 1, from: 1, to: 12 });
		expect(all.json.data).toHaveLength(12);
		const one = await list(em, '?per_page=1&page=12');
		expect(one.json).toMatchObject({ last_page: 12, from: 12, to: 12, data: [{ id: 138 }] });
		expect((await list(em, '?page=abc')).json.current_page).toBe(1);
	});

	it.each([
		['0', 'The per page field must be at least 1.'],
		['101', 'The per page field must not be greater than 100.'],
		['abc', 'The per page field must be an integer.'],
		['2.5', 'The per page field must be an integer.'],
	])('answers 422 for per_page=%s', async (value, message) => {
		const em = await emulatorWith();
		const res = await list(em, `?per_page=${value}`);
		expect(res.status).toBe(422);
		expect(res.json).toEqual({ message, errors: { per_page: [message] } });
	});
});

describe('enable / disable', () => {
	it('enables by uuid, replaces the URL, accepts the integer id and disables', async () => {
		const em = await emulatorWith();
		const res = await enable(em, SALES, {
			webhook_url: 'https://n8n.example/webhook/a/webhook?token=1',
		});
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			message: 'Conversation ended webhook enabled successfully',
			data: [],
		});
		expect(em.registrations()[SALES].webhook_url).toBe(
			'https://n8n.example/webhook/a/webhook?token=1',
		);
		expect(Date.parse(em.registrations()[SALES].enabled_at)).not.toBeNaN();

		expect(
			(await enable(em, 127, { webhook_url: 'http://127.0.0.1:5678/webhook/b/webhook' })).status,
		).toBe(200);
		expect(em.registrations()).toEqual({
			[SALES]: {
				webhook_url: 'http://127.0.0.1:5678/webhook/b/webhook',
				enabled_at: expect.any(String),
			},
		});
		await enable(em, DEFAULT_ASSISTANTS[1].uuid, { webhook_url: 'https://other.example/h' });
		expect(Object.keys(em.registrations()).sort()).toEqual(
			[SALES, DEFAULT_ASSISTANTS[1].uuid].sort(),
		);

		const off = await disable(em, SALES);
		expect(off.status).toBe(200);
		expect(off.json).toEqual({
			message: 'Conversation ended webhook disabled successfully',
			data: [],
		});
		expect(Object.keys(em.registrations())).toEqual([DEFAULT_ASSISTANTS[1].uuid]);
		expect((await disable(em, SALES)).status).toBe(200); // nothing registered: still 200
		expect((await disable(em, 128)).status).toBe(200);
		expect(em.registrations()).toEqual({});
	});

	it('answers 404 for unknown assistants and routes, 405 for a wrong method', async () => {
		const em = await emulatorWith();
		for (const id of ['00000000-0000-4000-8000-000000000000', '999', 'nope']) {
			const on = await enable(em, id, { webhook_url: 'https://x.example/h' });
			expect([on.status, on.json]).toEqual([404, { message: 'Assistant not found' }]);
			const off = await disable(em, id);
			expect([off.status, off.json]).toEqual([404, { message: 'Assistant not found' }]);
		}
		for (const p of ['/api/user/assistants', '/api/assistants/127', '/nothing']) {
			const res = await call(em, 'GET', p);
			expect([res.status, res.json]).toEqual([404, { message: 'Not Found' }]);
		}
		const wrong = await call(
			em,
			'GET',
			`/api/assistants/${SALES}/enable-conversation-ended-webhook`,
		);
		expect(wrong.status).toBe(405);
		expect(em.registrations()).toEqual({});
	});

	it.each([
		['missing webhook_url', {}],
		['null', { webhook_url: null }],
		['a number', { webhook_url: 42 }],
		['not a URL', { webhook_url: 'not a url' }],
		['ftp URL', { webhook_url: 'ftp://files.example/x' }],
		['javascript URL', { webhook_url: 'javascript:alert(1)' }],
		[
			'too long',
			{ webhook_url: `https://x.example/${'a'.repeat(2049 - 'https://x.example/'.length)}` },
		],
		['array body', [1, 2]],
	])('answers 422 when webhook_url is %s', async (_label, body) => {
		const em = await emulatorWith();
		const res = await enable(em, SALES, body);
		expect(res.status).toBe(422);
		expect(res.json).toEqual(INVALID_URL);
		expect(em.registrations()).toEqual({});
	});

	it('answers 422 for a body that is not JSON and accepts exactly 2048 characters', async () => {
		const em = await emulatorWith();
		const bad = await call(
			em,
			'POST',
			`/api/assistants/${SALES}/enable-conversation-ended-webhook`,
			{ raw: '{"webhook_url":' },
		);
		expect([bad.status, bad.json]).toEqual([422, INVALID_URL]);
		expect(em.requests()[0].body).toBe('{"webhook_url":');
		const longest = `https://x.example/${'a'.repeat(2048 - 'https://x.example/'.length)}`;
		expect(longest).toHaveLength(2048);
		expect((await enable(em, SALES, { webhook_url: longest })).status).toBe(200);
	});
});

// ------------------------------------------------------------------------------------- faults

describe('faults', () => {
	it('status: answers 429 with Retry-After and the default body, counting down `times`', async () => {
		const em = await emulatorWith();
		em.injectFault({ endpoint: 'enable', kind: 'status', status: 429, retryAfter: 7, times: 2 });
		for (let i = 0; i < 2; i++) {
			const res = await enable(em, SALES, { webhook_url: 'https://x.example/h' });
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe('7');
			expect(res.json).toEqual({ message: 'Too Many Requests.' });
		}
		expect(em.registrations()).toEqual({});
		expect((await list(em)).status).toBe(200); // other endpoints unaffected
		expect((await enable(em, SALES, { webhook_url: 'https://x.example/h' })).status).toBe(200);
		expect(em.faults()).toEqual([]);
		expect(em.requests().map((r) => [r.status, r.fault ?? null])).toEqual([
			[429, 'status'],
			[429, 'status'],
			[200, null],
			[200, null],
		]);
	});

	it('status: applies before auth, defaults 5xx bodies, accepts custom bodies, lasts until cleared with -1', async () => {
		const em = await emulatorWith();
		em.injectFault({ endpoint: 'any', kind: 'status', status: 503, times: -1 });
		for (let i = 0; i < 3; i++) {
			const res = await call(em, 'GET', '/api/user/assistants/get', { auth: null });
			expect([res.status, res.json, res.headers.get('retry-after')]).toEqual([
				503,
				{ message: 'Server Error' },
				null,
			]);
		}
		expect(em.faults()).toEqual([
			expect.objectContaining({ kind: 'status', status: 503, times: -1 }),
		]);
		em.clearFaults();
		expect((await list(em)).status).toBe(200);
		em.injectFault({ endpoint: 'disable', kind: 'status', status: 500, body: '<html>oops' });
		const res = await disable(em, SALES);
		expect([res.status, res.text]).toEqual([500, '<html>oops']);
		expect(() => em.injectFault({ endpoint: 'enable', kind: 'status' })).toThrow(/status/);
		expect(() => em.injectFault({ endpoint: 'enable', kind: 'drop', times: 0 })).toThrow(/times/);
		expect(() => em.injectFault({ endpoint: 'bogus' as any, kind: 'drop' })).toThrow(/endpoint/);
	});

	it('redirect: answers the status with a Location header, once; refuses a bad status or no location', async () => {
		const em = await emulatorWith();
		em.injectFault({
			endpoint: 'enable',
			kind: 'redirect',
			status: 307,
			location: 'http://localhost:9/elsewhere',
		});
		const moved = await fetch(
			`${em.url}/api/assistants/${SALES}/enable-conversation-ended-webhook`,
			{
				method: 'POST',
				redirect: 'manual',
			},
		);
		expect([moved.status, moved.headers.get('location')]).toEqual([
			307,
			'http://localhost:9/elsewhere',
		]);
		expect(em.requests().at(-1)).toMatchObject({ status: 307, fault: 'redirect' });
		expect((await enable(em, SALES, { webhook_url: 'https://x.example/h' })).status).toBe(200);
		expect(() => em.injectFault({ kind: 'redirect', status: 200, location: '/x' })).toThrow(
			/301, 302/,
		);
		expect(() => em.injectFault({ kind: 'redirect' })).toThrow(/location/);
	});

	it('delay: waits, then answers normally (auth included)', async () => {
		const em = await emulatorWith();
		em.injectFault({ endpoint: 'list', kind: 'delay', delayMs: 150 });
		const t0 = Date.now();
		const slow = await list(em);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		expect(slow.status).toBe(200);
		expect(slow.json.total).toBe(12);
		em.injectFault({ endpoint: 'list', kind: 'delay', delayMs: 10 });
		expect((await call(em, 'GET', '/api/user/assistants/get', { auth: null })).status).toBe(401);
		const t1 = Date.now();
		expect((await list(em)).status).toBe(200);
		expect(Date.now() - t1).toBeLessThan(140);
	});

	it('drop: destroys the socket without answering and logs "dropped"', async () => {
		const em = await emulatorWith();
		em.injectFault({ endpoint: 'enable', kind: 'drop' });
		await expect(enable(em, SALES, { webhook_url: 'https://x.example/h' })).rejects.toThrow();
		expect(em.registrations()).toEqual({});
		const [entry] = em.requests();
		expect(entry).toMatchObject({
			status: 'dropped',
			fault: 'drop',
			body: { webhook_url: 'https://x.example/h' },
		});
		expect((await enable(em, SALES, { webhook_url: 'https://x.example/h' })).status).toBe(200);
	});

	it('commit: the request takes effect, then the fault answers (a status) or the socket dies', async () => {
		const em = await emulatorWith();
		em.injectFault({ endpoint: 'enable', kind: 'status', status: 500, commit: true });
		const failed = await enable(em, SALES, { webhook_url: 'https://x.example/h' });
		expect(failed.status).toBe(500);
		expect(em.registrations()[SALES]).toMatchObject({ webhook_url: 'https://x.example/h' });
		em.reset();
		em.injectFault({ endpoint: 'enable', kind: 'drop', commit: true });
		await expect(enable(em, SALES, { webhook_url: 'https://y.example/h' })).rejects.toThrow();
		expect(em.registrations()[SALES]).toMatchObject({ webhook_url: 'https://y.example/h' });
		expect(em.requests()[0]).toMatchObject({ status: 'dropped', fault: 'drop' });
		expect(em.faults()).toEqual([]);
	});

	it('commit: only for status and drop, and only true or false', async () => {
		const em = await emulatorWith();
		expect(() => em.injectFault({ kind: 'delay', delayMs: 5, commit: true })).toThrow(/commit/);
		expect(() =>
			em.injectFault({ kind: 'status', status: 500, commit: 'yes' as unknown as boolean }),
		).toThrow(/commit/);
		expect(em.injectFault({ kind: 'drop', commit: true })).toMatchObject({ commit: true });
	});
});

// --------------------------------------------------------------------------------- deliveries

describe('deliveries', () => {
	it('POSTs the widget fixture to the registered URL, query string included', async () => {
		const em = await emulatorWith();
		const rx = await startReceiver(() => ({ status: 204 }));
		await enable(em, SALES, { webhook_url: `${rx.url}/webhook/abc/webhook?token=s3cr%2Bt&x=1` });
		const d = await em.endConversation(SALES);
		expect(d).toMatchObject({
			state: 'delivered',
			assistant_id: SALES,
			url: `${rx.url}/webhook/abc/webhook?token=s3cr%2Bt&x=1`,
		});
		expect(d.attempts).toEqual([
			{
				n: 1,
				status: 204,
				error: null,
				responseBody: '',
				at: expect.any(String),
				durationMs: expect.any(Number),
			},
		]);
		expect(rx.received).toHaveLength(1);
		const got = rx.received[0];
		expect(got.method).toBe('POST');
		expect(got.url).toBe('/webhook/abc/webhook?token=s3cr%2Bt&x=1');
		expect(got.headers['content-type']).toBe('application/json');
		expect(got.headers['user-agent']).toBe('Intellixent-Webhook/1.0');
		const payload = JSON.parse(got.body);
		expect(payload).toMatchObject({
			assistant_id: SALES,
			type: 'widget',
			status: 'ended',
			customer_phone: null,
			sender: null,
		});
		expect(payload.conversation_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(payload.conversation_id).toBe(d.conversation_id);
		expect(payload.conversation_id).not.toBe('a1b2c3d4-e5f6-7890-abcd-ef1234567890');
		const second = await em.endConversation(127);
		expect(second.conversation_id).not.toBe(d.conversation_id);
		expect(em.deliveries().map((x) => x.state)).toEqual(['delivered', 'delivered']);
	});

	it('whatsapp sample with overrides, nested overrides and unset; other assistants get their uuid', async () => {
		const em = await emulatorWith();
		const rx = await startReceiver();
		const other = DEFAULT_ASSISTANTS[2].uuid;
		await enable(em, other, { webhook_url: `${rx.url}/h` });
		await em.endConversation(other, {
			sample: 'whatsapp',
			overrides: {
				customer_name: 'Ana',
				'extracted_variables.budget_eur': 60,
				message_count: undefined,
			},
			unset: ['sender.display_name'],
		});
		const payload = JSON.parse(rx.received[0].body);
		expect(payload).toMatchObject({
			assistant_id: other,
			type: 'whatsapp',
			customer_name: 'Ana',
			customer_phone: '+34612345678',
		});
		expect(payload.extracted_variables.budget_eur).toBe(60);
		expect(payload.extracted_variables.appointment_booked).toBe(true);
		expect(payload).not.toHaveProperty('message_count');
		expect(payload.sender).toEqual({ id: 12, phone_number: '+34910000000' });
	});

	it('sends a string payload verbatim (invalid JSON included) and an object payload as is', async () => {
		const em = await emulatorWith();
		const rx = await startReceiver();
		await enable(em, SALES, { webhook_url: `${rx.url}/h` });
		const d = await em.endConversation(SALES, { payload: '{"conversation_id": "x", oops' });
		expect(rx.received[0].body).toBe('{"conversation_id": "x", oops');
		expect(d.body).toBe('{"conversation_id": "x", oops');
		await em.endConversation(SALES, { payload: { assistant_id: 'someone-else', hello: 1 } });
		expect(JSON.parse(rx.received[1].body)).toEqual({ assistant_id: 'someone-else', hello: 1 });
		expect(() =>
			em.startConversationDelivery(SALES, { payload: 'x', overrides: { a: 1 } }),
		).toThrow(/string payload/);
	});

	it('retries after the configured delays and succeeds on the 3rd attempt', async () => {
		const em = await emulatorWith({ retryDelaysMs: [60, 120, 240] });
		const rx = await startReceiver((n) =>
			n === 1
				? { status: 500, body: 'boom' }
				: n === 2
					? { status: 429 }
					: { status: 200, body: 'ok' },
		);
		await enable(em, SALES, { webhook_url: `${rx.url}/h` });
		const d = await em.endConversation(SALES);
		expect(d.state).toBe('delivered');
		expect(d.attempts.map((a) => [a.n, a.status, a.responseBody])).toEqual([
			[1, 500, 'boom'],
			[2, 429, ''],
			[3, 200, 'ok'],
		]);
		const gaps = [rx.received[1].at - rx.received[0].at, rx.received[2].at - rx.received[1].at];
		expect(gaps[0]).toBeGreaterThanOrEqual(55);
		expect(gaps[1]).toBeGreaterThanOrEqual(115);
		expect(new Set(rx.received.map((r) => r.body)).size).toBe(1); // same payload each time
	});

	it('fails after 4 attempts, keeping the first 2 KB of each answer', async () => {
		const em = await emulatorWith();
		const rx = await startReceiver(() => ({ status: 502, body: 'x'.repeat(5000) }));
		await enable(em, SALES, { webhook_url: `${rx.url}/h` });
		const d = await em.endConversation(SALES);
		expect(d.state).toBe('failed');
		expect(d.attempts).toHaveLength(4);
		expect(rx.received).toHaveLength(4);
		expect(d.attempts.every((a) => a.status === 502 && a.responseBody?.length === 2048)).toBe(true);
		expect(em.deliveries()[0]).toMatchObject({
			state: 'failed',
			next_attempt_at: null,
			finished_at: expect.any(String),
		});
	});

	it('counts network errors and timeouts as failures and records them', async () => {
		const em = await emulatorWith({ retryDelaysMs: [10], deliveryTimeoutMs: 100 });
		const dead = await startReceiver();
		const deadUrl = `${dead.url}/h`;
		await dead.close();
		const refused = await em.endConversation(SALES, { to: deadUrl });
		expect(refused.state).toBe('failed');
		expect(refused.attempts.map((a) => [a.status, /ECONNREFUSED/.test(a.error ?? '')])).toEqual([
			[null, true],
			[null, true],
		]);
		const slow = await startReceiver((n) => (n === 1 ? 'hang' : { status: 200 }));
		const d = await em.endConversation(SALES, { to: `${slow.url}/h` });
		expect(d.state).toBe('delivered');
		expect(d.attempts[0]).toMatchObject({ status: null, error: expect.stringMatching(/timeout/) });
		expect(d.attempts[0].durationMs).toBeGreaterThanOrEqual(95);
		expect(d.attempts[1]).toMatchObject({ status: 200, error: null });
	});

	it('rejects clearly when no URL is registered or the assistant is unknown', async () => {
		const em = await emulatorWith();
		await expect(em.endConversation(SALES)).rejects.toThrow(
			/No conversation-ended webhook is registered for assistant "Sales Assistant"/,
		);
		expect(() => em.startConversationDelivery(SALES)).toThrow(/enable-conversation-ended-webhook/);
		await expect(em.endConversation('unknown-uuid')).rejects.toThrow(/Unknown assistant/);
		await enable(em, SALES, { webhook_url: 'https://x.example/h' });
		await disable(em, SALES);
		await expect(em.endConversation(SALES)).rejects.toThrow(/No conversation-ended webhook/);
		expect(em.deliveries()).toEqual([]);
	});

	it('startConversationDelivery returns a pending record; close() cancels pending retries', async () => {
		const em = await startEmulator({ retryDelaysMs: [60_000, 60_000, 60_000] });
		const rx = await startReceiver(() => ({ status: 500 }));
		await enable(em, SALES, { webhook_url: `${rx.url}/h` });
		const pending = em.startConversationDelivery(SALES);
		expect(pending).toMatchObject({ state: 'pending', attempts: [] });
		const final = em.waitForDelivery(pending.id);
		for (let i = 0; i < 100 && em.deliveries()[0].attempts.length === 0; i++)
			await new Promise((r) => setTimeout(r, 10));
		expect(em.delivery(pending.id)).toMatchObject({
			state: 'pending',
			next_attempt_at: expect.any(String),
		});
		const t0 = Date.now();
		await em.close();
		await expect(final).rejects.toThrow(/cancelled/);
		expect(Date.now() - t0).toBeLessThan(1000);
		expect(rx.received).toHaveLength(1);
		await em.close(); // idempotent
	});

	it('reset() clears registrations, logs, deliveries and faults', async () => {
		const em = await emulatorWith();
		const rx = await startReceiver();
		await enable(em, SALES, { webhook_url: `${rx.url}/h` });
		await em.endConversation(SALES);
		em.injectFault({ kind: 'drop', times: Infinity });
		em.reset();
		expect([em.registrations(), em.requests(), em.deliveries(), em.faults()]).toEqual([
			{},
			[],
			[],
			[],
		]);
		expect((await list(em)).status).toBe(200);
	});
});

// --------------------------------------------------------------------------------- control API

describe('control API', () => {
	it('state, conversations (wait and 202), deliveries/:id, faults and reset', async () => {
		const em = await emulatorWith();
		const rx = await startReceiver((n) => ({ status: n === 1 ? 500 : 200 }));
		const ctl = (method: string, p: string, body?: unknown) =>
			call(em, method, `/__emulator${p}`, { body, auth: null });

		const none = await ctl('POST', '/conversations', {});
		expect(none.status).toBe(409);
		expect(none.json.message).toMatch(/No conversation-ended webhook/);
		expect((await ctl('POST', '/conversations', { assistant_id: 'zzz' })).status).toBe(404);
		expect((await ctl('POST', '/conversations', { sample: 'sms', to: `${rx.url}/h` })).status).toBe(
			400,
		);

		await enable(em, SALES, { webhook_url: `${rx.url}/h` });
		const waited = await ctl('POST', '/conversations', {
			sample: 'whatsapp',
			overrides: { customer_name: 'Ana' },
			wait: true,
		});
		expect(waited.status).toBe(200);
		expect(waited.json).toMatchObject({
			state: 'delivered',
			assistant_id: SALES,
			attempts: [{ status: 500 }, { status: 200 }],
		});
		expect(JSON.parse(rx.received[0].body)).toMatchObject({
			type: 'whatsapp',
			customer_name: 'Ana',
		});

		const started = await ctl('POST', '/conversations', { assistant_id: 127 });
		expect(started.status).toBe(202);
		expect(started.json.state).toBe('pending');
		const final = await em.waitForDelivery(started.json.id);
		const byId = await ctl('GET', `/deliveries/${started.json.id}`);
		expect(byId.json).toEqual(final);
		expect((await ctl('GET', '/deliveries/dlv-999')).status).toBe(404);

		const fault = await ctl('POST', '/faults', {
			endpoint: 'list',
			kind: 'status',
			status: 500,
			times: 'Infinity',
		});
		expect(fault.status).toBe(201);
		expect(fault.json).toMatchObject({ endpoint: 'list', kind: 'status', times: -1 });
		expect((await ctl('POST', '/faults', { kind: 'nope' })).status).toBe(400);
		expect((await list(em)).status).toBe(500);

		const state = await ctl('GET', '/state');
		expect(state.json.assistants).toHaveLength(12);
		expect(state.json.registrations[SALES].webhook_url).toBe(`${rx.url}/h`);
		expect(state.json.deliveries).toHaveLength(2);
		expect(state.json.faults).toHaveLength(1);
		expect(state.json.requests.every((r: any) => r.path.startsWith('/api/'))).toBe(true);
		expect(state.text).not.toContain('"apiKey"');

		expect((await ctl('DELETE', '/faults')).json).toEqual({ cleared: 1 });
		expect((await list(em)).status).toBe(200);
		expect((await ctl('POST', '/reset')).status).toBe(200);
		const after = await ctl('GET', '/state');
		expect([after.json.registrations, after.json.requests, after.json.deliveries]).toEqual([
			{},
			[],
			[],
		]);
		expect((await ctl('GET', '/nope')).status).toBe(404);
	});
});

// ----------------------------------------------------------------------------------------- CLI

function runCli(
	args: string[],
	timeoutMs = 8000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`cli ${args.join(' ')} timed out; stdout: ${stdout}; stderr: ${stderr}`));
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

function startServe(
	args: string[],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, 'serve', ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`serve did not start: ${out}`));
		}, 5000);
		child.stdout!.on('data', (c: Buffer) => {
			out += c.toString();
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (m && out.includes('Ctrl-C')) {
				clearTimeout(timer);
				resolve({ child, url: m[1], output: () => out });
			}
		});
		child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
		child.on('exit', () => {
			clearTimeout(timer);
			reject(new Error(`serve exited early: ${out}`));
		});
	});
}

describe('CLI', () => {
	it('serve + send + state, exit codes and clean SIGTERM', async () => {
		const srv = await startServe(['--port', '0', '--retry-scale', '0.001', '--api-key', 'cli-key']);
		const exited = new Promise<number | null>((resolve) =>
			srv.child.on('exit', (code) => resolve(code)),
		);
		try {
			expect(srv.output()).toContain('cli-key');
			expect(srv.output()).toContain(`${SALES}  Sales Assistant`);
			expect(srv.output()).toContain('cli.js send');
			const rx = await startReceiver((n) => ({ status: n <= 1 ? 200 : 503 }));
			const reg = await fetch(
				`${srv.url}/api/assistants/${SALES}/enable-conversation-ended-webhook`,
				{
					method: 'POST',
					headers: { Authorization: 'Bearer cli-key', 'Content-Type': 'application/json' },
					body: JSON.stringify({ webhook_url: `${rx.url}/hook?token=t` }),
				},
			);
			expect(reg.status).toBe(200);

			const ok = await runCli([
				'send',
				'--emulator',
				srv.url,
				'--set',
				'customer_name=Ana',
				'--set',
				'message_count=3',
			]);
			expect(ok.stderr).toBe('');
			expect(ok.code).toBe(0);
			expect(ok.stdout).toContain('DELIVERED');
			expect(ok.stdout).toContain(`${rx.url}/hook?token=t`);
			expect(JSON.parse(rx.received[0].body)).toMatchObject({
				customer_name: 'Ana',
				message_count: 3,
				assistant_id: SALES,
			});

			const failed = await runCli(['send', '--emulator', srv.url, '--sample', 'whatsapp']);
			expect(failed.code).toBe(1);
			expect(failed.stdout).toContain('FAILED');
			expect(failed.stdout.match(/attempt \d {2}/g)).toHaveLength(4);

			const state = await runCli(['state', '--emulator', srv.url]);
			expect(state.code).toBe(0);
			expect(state.stdout).toContain(`${rx.url}/hook?token=t`);
			expect(state.stdout).toMatch(/dlv-2\s+failed/);
		} finally {
			srv.child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
		expect(srv.output()).toContain('SIGTERM: stopping the emulator.');
	});

	it('explains errors without a stack trace and has --help', async () => {
		const down = await runCli(['send', '--emulator', 'http://127.0.0.1:9']);
		expect(down.code).toBe(2);
		expect(down.stderr).toContain(
			'No emulator answering at http://127.0.0.1:9: start one with `node tools/emulator/cli.js serve`',
		);
		expect(down.stderr).not.toMatch(/\n\s+at /);
		const bad = await runCli(['send', '--bogus']);
		expect([bad.code, bad.stderr]).toEqual([
			2,
			expect.stringContaining("Unknown option '--bogus'"),
		]);
		const help = await runCli(['send', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('--set key=value');
	});
});
