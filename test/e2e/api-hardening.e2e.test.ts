/**
 * The request core's refusals inside a real n8n (2.40.7, or N8N_VERSION=1.123.81): n8n's own
 * credential test and publish path, with n8n's own HTTP client and CredentialsHelper, against the
 * emulator with injected faults.
 * - The API key never follows a redirect to another origin (publish and credential test).
 * - A 2xx that is not Intellixent's JSON is not a success (publish and credential test).
 * - A Base URL with a query, fragment or user-info is refused by the credential test, before any
 *   request, without printing the password.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { startEmulator, type Emulator, type FaultSpec } from '../../tools/emulator';
import { intellixentWorkflow, packPackage, startN8n, type N8nHandle } from './harness';

const API_KEY = 'ix-e2e-hardening-key-5b7e';

describe('API hardening in real n8n', () => {
	let n8n: N8nHandle;
	let emulator: Emulator;
	let elsewhereServer: http.Server;
	let elsewhere: string;
	const received: Array<{ url?: string; authorization?: string }> = [];
	let nextAssistant = 0;

	beforeAll(async () => {
		const tgz = await packPackage();
		emulator = await startEmulator({ port: 0, apiKey: API_KEY });
		elsewhereServer = http.createServer((req, res) => {
			received.push({ url: req.url, authorization: req.headers.authorization });
			res
				.writeHead(200, { 'Content-Type': 'application/json' })
				.end('{"current_page":1,"data":[],"message":"ok"}');
		});
		await new Promise<void>((resolve) => elsewhereServer.listen(0, '127.0.0.1', resolve));
		elsewhere = `http://localhost:${(elsewhereServer.address() as AddressInfo).port}`;
		n8n = await startN8n({ packageTgz: tgz });
		await n8n.client.setupOwner();
	}, 300000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
		await new Promise((resolve) => elsewhereServer?.close(resolve));
	});

	beforeEach(() => {
		received.length = 0;
		emulator.clearFaults();
	});

	/** n8n's "Test" button of the credential editor. */
	async function credentialTest(baseUrl: string): Promise<{ status: string; message: string }> {
		const saved = await n8n.client.createCredential('intellixentApi', `Intellixent ${baseUrl}`, {
			apiKey: API_KEY,
			baseUrl,
		});
		return n8n.client.request('POST', '/rest/credentials/test', {
			credentials: {
				id: saved.id,
				name: saved.name,
				type: 'intellixentApi',
				data: { apiKey: API_KEY, baseUrl },
			},
		});
	}

	/** Publishes a fresh assistant's workflow with `fault` on the enable endpoint until cleared. */
	async function publishWith(fault: Omit<FaultSpec, 'endpoint'>) {
		const credential = await n8n.client.createCredential(
			'intellixentApi',
			'Intellixent (emulator)',
			{ apiKey: API_KEY, baseUrl: emulator.url },
		);
		const assistantId = emulator.assistants[nextAssistant++].uuid;
		emulator.injectFault({ endpoint: 'enable', times: -1, ...fault });
		const wf = intellixentWorkflow({ credential, assistantId });
		const saved = await n8n.client.createWorkflow(wf.definition);
		const result = await n8n.client.publish(saved.id);
		return { result, assistantId };
	}

	const isV1 = () => n8n.version.startsWith('1.');

	it('the credential test passes against the emulator', async () => {
		await expect(credentialTest(emulator.url)).resolves.toMatchObject({ status: 'OK' });
	});

	it.each([
		['a query', '?region=eu', 'contains a query'],
		['a fragment', '#eu', 'contains a fragment'],
	])(
		'the credential test refuses a Base URL with %s, before any request',
		async (_name, suffix, words) => {
			const before = emulator.requests().length;
			const result = await credentialTest(`${emulator.url}/${suffix}`);
			expect(result.status).toBe('Error');
			expect(result.message).toContain(words);
			expect(emulator.requests().length).toBe(before);
		},
	);

	// The two most common first-setup mistakes; the README's Credentials section quotes what n8n shows.
	it('the credential test of a Base URL typed without https:// says it is not a valid URL', async () => {
		const result = await credentialTest('portal.intellixent.ai');
		expect(result.status).toBe('Error');
		expect(result.message).toContain('is not a valid URL (portal.intellixent.ai)');
	});

	it('the credential test of a Base URL where nothing listens names the refused connection', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise((resolve) => closed.close(resolve));
		const result = await credentialTest(`http://127.0.0.1:${port}`);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED|refused the connection/);
		console.log(`credential test, connection refused, n8n ${n8n.version}: ${result.message}`);
	});

	it('the credential test refuses a Base URL with user-info and does not print the password', async () => {
		const before = emulator.requests().length;
		const result = await credentialTest(emulator.url.replace('http://', 'http://admin:hunter2@'));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('contains a user name or password');
		expect(result.message).not.toContain('hunter2');
		expect(emulator.requests().length).toBe(before);
	});

	it('the credential test does not follow a redirect to another origin, and says why it failed', async () => {
		emulator.injectFault({
			endpoint: 'list',
			kind: 'redirect',
			status: 307,
			location: `${elsewhere}/api/user/assistants/get`,
			times: -1,
		});
		const result = await credentialTest(emulator.url);
		expect(result.status).toBe('Error');
		expect(received).toEqual([]);
		// n8n 1.x's credential tester does not apply status rules to this error: it shows axios's text.
		expect(result.message).toContain(
			isV1()
				? 'Request failed with status code 307'
				: 'answered with a redirect (307), which was not followed',
		);
	});

	it('the credential test fails on a 2xx login page ("This is not the Intellixent API")', async () => {
		emulator.injectFault({
			endpoint: 'list',
			kind: 'status',
			status: 200,
			body: '<html>Sign in</html>',
			contentType: 'text/html',
			times: -1,
		});
		const result = await credentialTest(emulator.url);
		expect(result).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('This is not the Intellixent API'),
		});
	});

	it.each([302, 307])(
		'publish: a %i redirect to another origin fails the publish; the key and the webhook URL go nowhere',
		async (status) => {
			const { result, assistantId } = await publishWith({
				kind: 'redirect',
				status,
				location: `${elsewhere}/steal`,
			});
			expect(result.status).toBe('failed');
			// n8n 2.x shows the message, n8n 1.x the description: both carry both (publishErrors.ts).
			expect(result.errorMessage).toContain(
				`answered with a redirect (${status}) to ${elsewhere}, which was not followed`,
			);
			expect(result.errorMessage).toContain('The Intellixent API does not redirect');
			expect(received).toEqual([]);
			expect(emulator.registrations()[assistantId]).toBeUndefined();
			expect(n8n.logs(400)).not.toContain(API_KEY);
		},
	);

	it('publish: a 200 HTML page is not a registration', async () => {
		const { result, assistantId } = await publishWith({
			kind: 'status',
			status: 200,
			body: '<html>Sign in</html>',
			contentType: 'text/html',
		});
		expect(result.status).toBe('failed');
		expect(result.errorMessage).toContain(`this is not the Intellixent API at ${emulator.url}`);
		expect(result.errorMessage).toContain('does not answer like Intellixent');
		expect(emulator.registrations()[assistantId]).toBeUndefined();
	});
});
