/**
 * The emulator's post-call webhook: enable/disable in the sister platforms' body form, the switch
 * that makes them unknown routes, and deliveries to the post-call URL with retries.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startEmulator, type Emulator } from '../index';

const SALES = { id: 127, uuid: 'f9e8d7c6-b5a4-3210-fedc-ba9876543210' };
const ENABLE = '/api/user/assistants/enable-webhook';
const DISABLE = '/api/user/assistants/disable-webhook';

let em: Emulator;
let receiver: http.Server;
let received: Array<{ url: string; body: Record<string, unknown> }> = [];
/** Statuses the receiver answers, one per request; 200 when empty. */
let answers: number[] = [];
let hook = '';

beforeEach(async () => {
	em = await startEmulator({ retryDelaysMs: [10, 20, 30] });
	received = [];
	answers = [];
	receiver = http.createServer((req, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			received.push({ url: req.url ?? '', body: JSON.parse(text) });
			res.statusCode = answers.shift() ?? 200;
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/x/webhook?token=t`;
});

afterEach(async () => {
	await em.close();
	await new Promise((resolve) => receiver.close(resolve));
});

async function post(urlPath: string, body?: unknown) {
	const res = await fetch(em.url + urlPath, {
		method: 'POST',
		headers: { Authorization: 'Bearer test-api-key', 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('post-call webhook endpoints', () => {
	it('enable registers the URL for the assistant with the integer id; disable removes it', async () => {
		const enabled = await post(ENABLE, { assistant_id: SALES.id, webhook_url: hook });
		expect(enabled).toEqual({
			status: 200,
			body: { message: 'Webhook enabled successfully', data: [] },
		});
		expect(em.postCallRegistrations()[SALES.uuid].webhook_url).toBe(hook);
		// Separate from the conversation-ended registrations.
		expect(em.registrations()).toEqual({});
		expect((await post(DISABLE, { assistant_id: SALES.id })).status).toBe(200);
		expect(em.postCallRegistrations()).toEqual({});
	});

	it('validates like Laravel: 422 before 404', async () => {
		expect(await post(ENABLE, { assistant_id: SALES.uuid, webhook_url: hook })).toMatchObject({
			status: 422,
			body: { errors: { assistant_id: ['The assistant id field must be an integer.'] } },
		});
		expect(await post(ENABLE, { assistant_id: SALES.id, webhook_url: 'ftp://x' })).toMatchObject({
			status: 422,
			body: { errors: { webhook_url: ['The webhook url field must be a valid URL.'] } },
		});
		expect(await post(ENABLE, { assistant_id: 99999, webhook_url: hook })).toEqual({
			status: 404,
			body: { message: 'Assistant not found' },
		});
	});

	it('the switch makes both endpoints unknown routes, the control route and reset() switch it back', async () => {
		em.setPostCallApi(false);
		expect(await post(ENABLE, { assistant_id: SALES.id, webhook_url: hook })).toEqual({
			status: 404,
			body: { message: 'Not Found' },
		});
		expect((await post(DISABLE, { assistant_id: SALES.id })).status).toBe(404);
		const control = await fetch(`${em.url}/__emulator/post-call-api`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ served: true }),
		});
		expect(control.status).toBe(200);
		expect((await post(DISABLE, { assistant_id: SALES.id })).status).toBe(200);
		em.setPostCallApi(false);
		await em.reset();
		expect((await post(DISABLE, { assistant_id: SALES.id })).status).toBe(200);
	});
});

describe('post-call deliveries', () => {
	it('POSTs the call fixture with a fresh id to the registered URL, query string kept', async () => {
		await post(ENABLE, { assistant_id: SALES.id, webhook_url: hook });
		const first = await em.deliverPostCall(SALES.uuid, { overrides: { status: 'busy' } });
		const second = await em.deliverPostCall(SALES.id);
		expect(first.state).toBe('delivered');
		expect(second.state).toBe('delivered');
		expect(received.map((r) => r.url)).toEqual([
			'/webhook/x/webhook?token=t',
			'/webhook/x/webhook?token=t',
		]);
		expect(received[0].body).toMatchObject({ status: 'busy', lead: { call_attempts: 2 } });
		expect(received[1].body.id).toBe((received[0].body.id as number) + 1);
	});

	it('retries a non-2xx answer after each delay, like conversations, then gives up', async () => {
		await post(ENABLE, { assistant_id: SALES.id, webhook_url: hook });
		answers = [500, 503];
		const delivered = await em.deliverPostCall();
		expect(delivered.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
		answers = [500, 500, 500, 500];
		const failed = await em.deliverPostCall();
		expect(failed.state).toBe('failed');
		expect(failed.attempts).toHaveLength(4);
	});

	it('refuses to deliver for an assistant without a post-call URL', async () => {
		await expect(em.deliverPostCall(SALES.uuid)).rejects.toThrow(/No post-call webhook is enabled/);
	});
});
