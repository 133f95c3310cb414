/**
 * The emulator's switch between the two documented shapes of the conversation-ended webhook
 * endpoints (path form, body form, both), its unknown-route answers, the control route and the
 * CLI flag.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

import { startEmulator, type Emulator, type EmulatorOptions } from '../index';

const SALES = { id: 127, uuid: 'f9e8d7c6-b5a4-3210-fedc-ba9876543210' };
const PATH_ENABLE = `/api/assistants/${SALES.uuid}/enable-conversation-ended-webhook`;
const PATH_DISABLE = `/api/assistants/${SALES.uuid}/disable-conversation-ended-webhook`;
const BODY_ENABLE = '/api/user/assistants/enable-conversation-ended-webhook';
const BODY_DISABLE = '/api/user/assistants/disable-conversation-ended-webhook';
const HOOK = 'http://127.0.0.1:9/hook?token=t';

const open: Emulator[] = [];
afterEach(async () => {
	while (open.length) await open.pop()!.close();
});

async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const em = await startEmulator({ retryDelaysMs: [20], ...options });
	open.push(em);
	return em;
}

async function post(
	em: Emulator | string,
	urlPath: string,
	body?: unknown,
	apiKey = 'test-api-key',
) {
	const base = typeof em === 'string' ? em : em.url;
	const res = await fetch(base + urlPath, {
		method: 'POST',
		headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return {
		status: res.status,
		json: jsonOrNull(text),
		text,
		contentType: res.headers.get('content-type'),
	};
}

function jsonOrNull(text: string): any {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

describe('apiForms switch', () => {
	it('default "path": the path form works, the body form is an unknown route (404 Not Found)', async () => {
		const em = await emulator();
		expect(em.apiForms).toBe('path');
		expect(await post(em, PATH_ENABLE, { webhook_url: HOOK })).toMatchObject({ status: 200 });
		expect(
			await post(em, BODY_ENABLE, { assistant_id: SALES.id, webhook_url: HOOK }),
		).toMatchObject({
			status: 404,
			json: { message: 'Not Found' },
		});
	});

	it('"body": enable and disable with the integer assistant_id; the path form is unknown', async () => {
		const em = await emulator({ apiForms: 'body' });
		expect((await post(em, PATH_ENABLE, { webhook_url: HOOK })).status).toBe(404);
		const enabled = await post(em, BODY_ENABLE, { assistant_id: SALES.id, webhook_url: HOOK });
		expect(enabled).toMatchObject({
			status: 200,
			json: { message: 'Conversation ended webhook enabled successfully', data: [] },
		});
		expect(em.registrations()[SALES.uuid].webhook_url).toBe(HOOK);
		const disabled = await post(em, BODY_DISABLE, { assistant_id: SALES.id });
		expect(disabled).toMatchObject({
			status: 200,
			json: { message: 'Conversation ended webhook disabled successfully' },
		});
		expect(em.registrations()).toEqual({});
		expect(em.requests().map((r) => [r.path, r.status])).toEqual([
			[PATH_ENABLE, 404],
			[BODY_ENABLE, 200],
			[BODY_DISABLE, 200],
		]);
	});

	it('"body": Laravel-style validation (422) before the lookup (404); a uuid is not an integer id', async () => {
		const em = await emulator({ apiForms: 'body' });
		expect(await post(em, BODY_ENABLE, { webhook_url: HOOK })).toMatchObject({
			status: 422,
			json: {
				message: 'The assistant id field is required.',
				errors: { assistant_id: ['The assistant id field is required.'] },
			},
		});
		expect(
			await post(em, BODY_ENABLE, { assistant_id: SALES.uuid, webhook_url: 'nope' }),
		).toMatchObject({
			status: 422,
			json: {
				errors: {
					assistant_id: ['The assistant id field must be an integer.'],
					webhook_url: [expect.any(String)],
				},
			},
		});
		expect(await post(em, BODY_ENABLE, { assistant_id: SALES.id })).toMatchObject({
			status: 422,
			json: { errors: { webhook_url: ['The webhook url field must be a valid URL.'] } },
		});
		expect(await post(em, BODY_ENABLE, { assistant_id: 99999, webhook_url: HOOK })).toMatchObject({
			status: 404,
			json: { message: 'Assistant not found' },
		});
		expect(await post(em, BODY_DISABLE, { assistant_id: 99999 })).toMatchObject({ status: 404 });
		expect(
			await post(em, BODY_ENABLE, { assistant_id: SALES.id, webhook_url: HOOK }, 'wrong'),
		).toMatchObject({
			status: 401,
		});
		// A numeric string is accepted, as Laravel's integer rule does.
		expect(
			(await post(em, BODY_ENABLE, { assistant_id: String(SALES.id), webhook_url: HOOK })).status,
		).toBe(200);
	});

	it('"both": either form registers the same assistant', async () => {
		const em = await emulator({ apiForms: 'both' });
		expect(
			(await post(em, BODY_ENABLE, { assistant_id: SALES.id, webhook_url: HOOK })).status,
		).toBe(200);
		expect((await post(em, PATH_DISABLE)).status).toBe(200);
		expect(em.registrations()).toEqual({});
		expect((await post(em, PATH_ENABLE, { webhook_url: HOOK })).status).toBe(200);
		expect(em.registrations()[SALES.uuid].webhook_url).toBe(HOOK);
	});

	it('faults for "enable" apply to the body form too', async () => {
		const em = await emulator({ apiForms: 'body' });
		em.injectFault({ endpoint: 'enable', kind: 'status', status: 503 });
		expect(
			(await post(em, BODY_ENABLE, { assistant_id: SALES.id, webhook_url: HOOK })).status,
		).toBe(503);
	});

	it('setApiForms and POST /__emulator/api-forms switch at run time; bad values are refused', async () => {
		const em = await emulator();
		em.setApiForms('body');
		expect((await post(em, PATH_ENABLE, { webhook_url: HOOK })).status).toBe(404);
		const switched = await fetch(`${em.url}/__emulator/api-forms`, {
			method: 'POST',
			body: JSON.stringify({ forms: 'both' }),
		});
		expect(switched.status).toBe(200);
		expect(await switched.json()).toEqual({ apiForms: 'both' });
		expect(em.apiForms).toBe('both');
		expect((await post(em, PATH_ENABLE, { webhook_url: HOOK })).status).toBe(200);
		const state = await (await fetch(`${em.url}/__emulator/state`)).json();
		expect(state).toMatchObject({ apiForms: 'both', unknownRoute: 'not-found' });

		const bad = await fetch(`${em.url}/__emulator/api-forms`, {
			method: 'POST',
			body: JSON.stringify({ forms: 'query' }),
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { message: string }).message).toContain(
			'apiForms must be one of path, body, both',
		);
		expect(() => em.setApiForms('x' as never)).toThrow(/apiForms must be one of/);
		await expect(startEmulator({ apiForms: 'x' as never })).rejects.toThrow(
			/options\.apiForms must be one of/,
		);
		await expect(startEmulator({ unknownRoute: 'x' as never })).rejects.toThrow(
			/options\.unknownRoute must be one of/,
		);
	});
});

describe('unknownRoute styles', () => {
	it('laravel: "The route … could not be found."', async () => {
		const em = await emulator({ unknownRoute: 'laravel' });
		expect(await post(em, BODY_ENABLE, { assistant_id: 1 })).toMatchObject({
			status: 404,
			json: {
				message:
					'The route api/user/assistants/enable-conversation-ended-webhook could not be found.',
			},
		});
	});

	it('html: an HTML 404 page with a text/html content type', async () => {
		const em = await emulator({ apiForms: 'body', unknownRoute: 'html' });
		const answer = await post(em, PATH_ENABLE, { webhook_url: HOOK });
		expect(answer.status).toBe(404);
		expect(answer.contentType).toContain('text/html');
		expect(answer.text).toMatch(/^<!DOCTYPE html>/);
	});
});

describe('CLI', () => {
	it('serve --api-forms body --unknown-route laravel serves the body form only, and says so', async () => {
		const srv = await startServe([
			'--port',
			'0',
			'--api-forms',
			'body',
			'--unknown-route',
			'laravel',
			'--quiet',
		]);
		try {
			expect(srv.output()).toContain('API forms    : body');
			expect(
				(await post(srv.url, BODY_ENABLE, { assistant_id: SALES.id, webhook_url: HOOK })).status,
			).toBe(200);
			expect(await post(srv.url, PATH_ENABLE, { webhook_url: HOOK })).toMatchObject({
				status: 404,
				json: { message: expect.stringContaining('could not be found.') },
			});
		} finally {
			srv.child.kill('SIGTERM');
		}
	});

	it('refuses an unknown --api-forms value with exit code 2', async () => {
		const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
			const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--api-forms', 'query'], {
				stdio: ['ignore', 'ignore', 'pipe'],
			});
			let stderr = '';
			child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
			child.on('close', (code) => resolve({ code, stderr }));
		});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--api-forms must be one of path, body, both, got "query"');
	});
});

const CLI = path.join(__dirname, '..', 'cli.js');

function startServe(
	args: string[],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, 'serve', ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout!.on('data', (c: Buffer) => {
			out += c.toString();
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (m && out.includes('Ctrl-C')) resolve({ child, url: m[1], output: () => out });
		});
		child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
		child.on('exit', () => reject(new Error(`serve exited early: ${out}`)));
	});
}
