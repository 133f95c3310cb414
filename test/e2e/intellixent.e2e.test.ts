/**
 * The Intellixent Trigger inside a real n8n 2.40.7, installed from `npm pack` the way n8n's
 * community-package installer installs it, talking to the local Intellixent emulator.
 *
 * Each scenario uses its own assistant of the emulator (Intellixent keeps one webhook URL per
 * assistant), so the scenarios do not disturb each other.
 * Longer than ~500 lines on purpose: all scenarios share one real n8n, started once (packing,
 * installing and starting it costs about a minute); one file per scenario would start it each time.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import {
	DEFAULT_ASSISTANTS,
	startEmulator,
	type DeliveryRecord,
	type Emulator,
} from '../../tools/emulator';
import {
	intellixentWorkflow,
	nodeOutput,
	packPackage,
	postJson,
	startN8n,
	type Execution,
	type N8nHandle,
} from './harness';

const API_KEY = 'ix-e2e-key-4f1c9a7b2d';
const TRIGGER = 'Intellixent Trigger';
/** Attempts per delivery: the first one plus one retry after 100 ms (Intellixent waits 30 s). */
const RETRY_DELAYS_MS = [100];

const fixture = (name: 'widget' | 'whatsapp') =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8'));

/** The packed package in a fresh n8n, the emulator, and a credential for it (owner set up). */
async function startN8nWithEmulator() {
	const tgz = await packPackage();
	const emulator = await startEmulator({
		port: 0,
		apiKey: API_KEY,
		retryDelaysMs: RETRY_DELAYS_MS,
		// One more than the default twelve: the scenarios below use thirteen.
		assistants: [
			...DEFAULT_ASSISTANTS,
			{ id: 139, uuid: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', name: 'Thirteenth Assistant' },
		],
	});
	const n8n = await startN8n({ packageTgz: tgz });
	await n8n.client.setupOwner();
	const credential = await n8n.client.createCredential('intellixentApi', 'Intellixent (emulator)', {
		apiKey: API_KEY,
		baseUrl: emulator.url,
	});
	return { n8n, emulator, credential };
}

describe('Intellixent Trigger in real n8n', () => {
	let n8n: N8nHandle;
	let emulator: Emulator;
	let credential: { id: string; name: string };
	let nextAssistant = 0;

	beforeAll(async () => {
		({ n8n, emulator, credential } = await startN8nWithEmulator());
	}, 300000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	/** A fresh emulator assistant, a workflow for it, published (and checked). */
	async function publishedWorkflow(
		params: Partial<Parameters<typeof intellixentWorkflow>[0]> = {},
	) {
		const assistantId = emulator.assistants[nextAssistant++].uuid;
		const wf = intellixentWorkflow({ credential, assistantId, ...params });
		const saved = await n8n.client.createWorkflow(wf.definition);
		const published = await n8n.client.publish(saved.id);
		if (published.status !== 'published') {
			throw new Error(`publish failed: ${published.errorMessage}\n${n8n.logs(40)}`);
		}
		return {
			wf,
			saved,
			assistantId,
			registeredUrl: emulator.registrations()[assistantId]?.webhook_url,
		};
	}

	function expectDelivered(record: DeliveryRecord) {
		expect(record.attempts.map((a) => a.status)).toEqual([200]);
		expect(record.state).toBe('delivered');
	}

	/** Waits `ms`, then returns the executions of the workflow (for "nothing started" checks). */
	async function executionsAfter(workflowId: string, ms = 1500) {
		await new Promise((resolve) => setTimeout(resolve, ms));
		return n8n.client.listExecutions(workflowId);
	}

	it('is installed like n8n installs community packages, without zod, and its node type loads', async () => {
		const installed = n8n.installed!;
		expect(installed.name).toBe('n8n-nodes-intellixent');
		const pkg = JSON.parse(
			fs.readFileSync(path.join(installed.packageDir, 'package.json'), 'utf8'),
		);
		expect(pkg.devDependencies).toBeUndefined();
		// zod is a devDependency only: it is not in the installed package ...
		expect(fs.existsSync(path.join(installed.packageDir, 'node_modules', 'zod'))).toBe(false);
		const types = await n8n.client.raw('GET', '/types/nodes.json');
		expect(types.status).toBe(200);
		expect((types.body as Array<{ name: string }>).map((t) => t.name)).toContain(
			'n8n-nodes-intellixent.intellixentTrigger',
		);
		// ... and still resolves (to n8n's own): the schema-validation scenario below runs it.
		expect(n8n.logs(100000)).not.toMatch(/Cannot find module 'zod'/);
	});

	it('publishing registers the production URL (with its token) using the API key as Bearer', async () => {
		const { wf, saved, assistantId, registeredUrl } = await publishedWorkflow();
		const prefix = `${n8n.url}/webhook/${wf.webhookId}/webhook`;
		expect(registeredUrl).toMatch(
			new RegExp(`^${prefix.replace(/[.?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]{20,}$`),
		);

		const enable = emulator
			.requests()
			.filter((r) => r.path === `/api/assistants/${assistantId}/enable-conversation-ended-webhook`);
		expect(enable).toHaveLength(1);
		expect(enable[0]).toMatchObject({
			method: 'POST',
			authorization: `Bearer ${API_KEY}`,
			status: 200,
		});
		expect(enable[0].body).toEqual({ webhook_url: registeredUrl });

		// FINDINGS.md (b): what create() wrote to static data is saved with the workflow.
		const stored = await n8n.client.getWorkflow(saved.id);
		expect(stored.staticData[`node:${TRIGGER}`].registration).toMatchObject({
			assistantId,
			webhookUrl: prefix,
			test: false,
			// What deliveries are checked against: a digest of the token, never the token itself.
			tokenDigest: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
		});
		const token = new URL(registeredUrl!).searchParams.get('token')!;
		expect(JSON.stringify(stored.staticData)).not.toContain(token);
		expect(JSON.stringify(stored.staticData)).not.toContain(API_KEY);
	});

	describe.each(['conversation', 'flatRow', 'messages'] as const)(
		'outputShape %s',
		(outputShape) => {
			it('a widget and a WhatsApp conversation each start one execution of that shape', async () => {
				const { saved, assistantId } = await publishedWorkflow({ outputShape });
				const widget = await emulator.endConversation(assistantId, { sample: 'widget' });
				const whatsapp = await emulator.endConversation(assistantId, { sample: 'whatsapp' });
				expectDelivered(widget);
				expectDelivered(whatsapp);

				const executions = await n8n.client.waitForExecutions(saved.id, 2, 20000);
				expect(executions.map((e) => [e.status, e.mode])).toEqual([
					['success', 'webhook'],
					['success', 'webhook'],
				]);
				const [first, second] = executions.map((e) => nodeOutput(e, 'Conversation')!);
				for (const e of executions) expect(nodeOutput(e, TRIGGER, 1)).toEqual([]);
				checkShape(outputShape, first, fixture('widget'), widget.conversation_id!, assistantId);
				checkShape(
					outputShape,
					second,
					fixture('whatsapp'),
					whatsapp.conversation_id!,
					assistantId,
				);
			});
		},
	);

	it('a conversation of a filtered-out channel is acknowledged (200) and starts no execution', async () => {
		const { saved, assistantId } = await publishedWorkflow({ channel: 'whatsapp' });
		const widget = await emulator.endConversation(assistantId, { sample: 'widget' });
		expectDelivered(widget);
		expect(JSON.parse(widget.attempts[0].responseBody!)).toMatchObject({
			received: true,
			processed: false,
		});
		expect(await executionsAfter(saved.id)).toHaveLength(0);

		const whatsapp = await emulator.endConversation(assistantId, { sample: 'whatsapp' });
		expectDelivered(whatsapp);
		const [execution] = await n8n.client.waitForExecutions(saved.id, 1, 20000);
		expect(nodeOutput(execution, 'Conversation')![0]).toMatchObject({ type: 'whatsapp' });
	});

	it('an accepted delivery is answered with JSON, not a placeholder', async () => {
		const { assistantId } = await publishedWorkflow();
		const record = await emulator.endConversation(assistantId, { sample: 'widget' });
		expectDelivered(record);
		// n8n 2.40.7 answers the literal text `firstEntryJson` for an onReceived webhook whose
		// description has no `responseData` (FINDINGS.md §e).
		expect(() => JSON.parse(record.attempts[0].responseBody!)).not.toThrow();
	});

	it('a workflow saved with version 1 of the trigger still publishes and delivers', async () => {
		// New workflows get 1.1 (the same behaviour, a faster path in n8n: docs/performance.md).
		const { saved, assistantId } = await publishedWorkflow({ typeVersion: 1 });
		const record = await emulator.endConversation(assistantId, { sample: 'widget' });
		expectDelivered(record);
		const [execution] = await n8n.client.waitForExecutions(saved.id, 1, 20000);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Conversation')![0]).toMatchObject({
			conversation_id: record.conversation_id,
		});
	});

	it('invalid deliveries get a 4xx and never reach the Conversation output', async () => {
		const { saved, assistantId, registeredUrl } = await publishedWorkflow();

		// Fails the zod schema (proves zod resolves inside n8n): 422 naming the field, on every attempt.
		const record = await emulator.endConversation(assistantId, {
			sample: 'widget',
			unset: ['transcript'],
		});
		expect(record.state).toBe('failed');
		expect(record.attempts.map((a) => a.status)).toEqual([422, 422]);
		const answer = JSON.parse(record.attempts[0].responseBody!);
		expect(answer).toMatchObject({ error: 'invalid_payload' });
		expect(answer.message).toContain('transcript');

		// Wrong and missing token: 401.
		const wrongToken = registeredUrl!.replace(/token=[^&]+/, 'token=forged');
		expect((await postJson(wrongToken, fixture('widget'))).status).toBe(401);
		expect((await postJson(registeredUrl!.split('?')[0], fixture('widget'))).status).toBe(401);

		// Not JSON, sent as text: the node answers 400. Sent as application/json: n8n itself
		// answers 422 before the node runs (FINDINGS.md §c), and no execution starts.
		const text = await postJson(registeredUrl!, '{not json', {
			headers: { 'content-type': 'text/plain' },
		});
		expect(text.status).toBe(400);
		expect(text.json).toMatchObject({ error: 'invalid_json' });
		const asJson = await postJson(registeredUrl!, '{not json');
		expect(asJson.status).toBe(422);
		expect(asJson.json).toMatchObject({ message: 'Failed to parse request body' });

		// Each refused delivery the node saw is recorded on the Rejected output, never on Conversation.
		const executions = await n8n.client.waitForExecutions(saved.id, 5, 20000);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await n8n.client.listExecutions(saved.id)).toHaveLength(5);
		const reasons = executions.map((e: Execution) => {
			expect(nodeOutput(e, TRIGGER, 0)).toEqual([]);
			expect(e.runData.Conversation).toBeUndefined();
			const [rejected] = nodeOutput(e, 'Rejected')!;
			expect(rejected).toMatchObject({ rejected: true });
			return [rejected.reason, rejected.status_code];
		});
		expect(reasons).toEqual([
			['invalid_payload', 422],
			['invalid_payload', 422],
			['invalid_token', 401],
			['invalid_token', 401],
			['invalid_json', 400],
		]);
	});

	it('"ignore duplicate deliveries": a conversation delivered again starts no second execution, also after a restart', async () => {
		const { saved, assistantId } = await publishedWorkflow({ options: { ignoreDuplicates: true } });
		const repeated = { overrides: { conversation_id: 'c0ffee00-0000-4000-8000-00000000d001' } };
		const first = await emulator.endConversation(assistantId, { sample: 'widget', ...repeated });
		expectDelivered(first);
		expect(JSON.parse(first.attempts[0].responseBody!)).toMatchObject({ processed: true });
		await n8n.client.waitForExecutions(saved.id, 1, 20000);

		// Intellixent delivering the same conversation again: acknowledged (200), so it stops retrying.
		for (const sample of ['widget', 'whatsapp'] as const) {
			const again = await emulator.endConversation(assistantId, { sample, ...repeated });
			expectDelivered(again);
			expect(JSON.parse(again.attempts[0].responseBody!)).toMatchObject({
				received: true,
				processed: false,
				message: expect.stringContaining('already delivered'),
			});
		}
		// Another conversation still runs.
		expectDelivered(await emulator.endConversation(assistantId, { sample: 'whatsapp' }));
		await n8n.client.waitForExecutions(saved.id, 2, 20000);
		expect(await executionsAfter(saved.id)).toHaveLength(2);

		// The memory is saved with the workflow's static data, so it outlives the n8n process.
		const stored = await n8n.client.getWorkflow(saved.id);
		expect(stored.staticData[`node:${TRIGGER}`].recentConversationIds).toContain(
			repeated.overrides.conversation_id,
		);
		const { userFolder, port } = n8n;
		await n8n.stop({ keepUserFolder: true });
		n8n = await startN8n({ userFolder, port });
		await n8n.client.login();
		const afterRestart = await emulator.endConversation(assistantId, {
			sample: 'widget',
			...repeated,
		});
		expectDelivered(afterRestart);
		expect(JSON.parse(afterRestart.attempts[0].responseBody!)).toMatchObject({ processed: false });
		expect(await executionsAfter(saved.id)).toHaveLength(2);
	});

	it('unpublishing disables the webhook at Intellixent and clears the static data', async () => {
		const { saved, assistantId } = await publishedWorkflow();
		await n8n.client.unpublish(saved.id);

		const disable = emulator
			.requests()
			.filter(
				(r) => r.path === `/api/assistants/${assistantId}/disable-conversation-ended-webhook`,
			);
		expect(disable).toHaveLength(1);
		expect(disable[0]).toMatchObject({
			method: 'POST',
			authorization: `Bearer ${API_KEY}`,
			status: 200,
		});
		expect(emulator.registrations()[assistantId]).toBeUndefined();
		const stored = await n8n.client.getWorkflow(saved.id);
		expect(stored.staticData[`node:${TRIGGER}`]).toEqual({});
	});

	it('publishing for an unknown assistant fails with a readable message (no stack, no key)', async () => {
		const wf = intellixentWorkflow({
			credential,
			assistantId: '00000000-0000-4000-8000-000000000000',
		});
		const saved = await n8n.client.createWorkflow(wf.definition);
		const result = await n8n.client.publish(saved.id, { timeoutMs: 60000 });
		expect(result.status).toBe('failed');
		// n8n 1.x answers the activate call with the NodeApiError's description only, 2.x shows its
		// message: both carry what failed and what to do (publishErrors.ts).
		expect(result.errorMessage).toContain(
			'assistant 00000000-0000-4000-8000-000000000000 was not found in this Intellixent account (404). Choose the assistant again from the list.',
		);
		expect(result.errorMessage).not.toContain(API_KEY);
		expect(result.errorMessage).not.toMatch(/\n\s+at /);
		expect(result.errorMessage).not.toMatch(/token=/);
	});

	it('"listen for test event" on an unpublished workflow registers the test URL, runs once, then disables', async () => {
		const assistantId = emulator.assistants[nextAssistant++].uuid;
		const wf = intellixentWorkflow({ credential, assistantId });
		const saved = await n8n.client.createWorkflow(wf.definition);

		const listen = await n8n.client.listenForTestEvent(saved.id, wf.triggerName);
		expect(listen.status).toBe(200);
		expect(listen.body).toEqual({ data: { waitingForWebhook: true } });
		expect(
			emulator
				.registrations()
				[assistantId].webhook_url.startsWith(`${n8n.url}${wf.testPath}?token=`),
		).toBe(true);

		expectDelivered(await emulator.endConversation(assistantId, { sample: 'whatsapp' }));
		const [execution] = await n8n.client.waitForExecutions(saved.id, 1, 20000);
		expect(execution.mode).toBe('manual');
		expect(nodeOutput(execution, 'Conversation')![0]).toMatchObject({ type: 'whatsapp' });
		// After the test event n8n calls delete(): the test URL is switched off again.
		await waitFor(() => emulator.registrations()[assistantId] === undefined, 10000);
	});

	it('"listen for test event" while published is refused and leaves the production URL in place', async () => {
		const { saved, wf, assistantId, registeredUrl } = await publishedWorkflow();

		const listen = await n8n.client.listenForTestEvent(saved.id, wf.triggerName);
		await n8n.client.stopListening(saved.id);
		await new Promise((resolve) => setTimeout(resolve, 500));

		// FINDINGS.md (a): in n8n 2.40.7 create() runs for the test URL with empty static data and
		// `active: false`, so the node's guard cannot see that the workflow is published.
		expect(emulator.registrations()[assistantId]?.webhook_url).toBe(registeredUrl);
		expect(listen.status).toBeGreaterThanOrEqual(400);
		expect(JSON.stringify(listen.body)).toMatch(
			/Can't listen for a test event while this workflow is published/,
		);
	});

	it('after an n8n restart the test-listen guard still refuses (the probe answers, memory is gone)', async () => {
		const { saved, wf, assistantId, registeredUrl } = await publishedWorkflow();

		// Same user folder and port (so the registered production URL stays valid): the node's
		// in-process record of its production registrations is gone with the old process.
		const { userFolder, port } = n8n;
		const requestsAtRestart = emulator.requests().length;
		await n8n.stop({ keepUserFolder: true });
		n8n = await startN8n({ userFolder, port });
		await n8n.client.login();
		if (n8n.version.startsWith('1.')) {
			// n8n 1.x re-activates published workflows at start: create() ran again for this one and
			// re-enabled the same production URL (startN8n waits until that is over). That production
			// create() also runs in this process, so on 1.x the refusal below does not depend on the probe.
			const reEnabled = emulator
				.requests()
				.slice(requestsAtRestart)
				.filter(
					(r) => r.path === `/api/assistants/${assistantId}/enable-conversation-ended-webhook`,
				);
			expect(reEnabled.map((r) => r.body)).toEqual([{ webhook_url: registeredUrl }]);
		}
		const requestsBefore = emulator.requests().length;

		const listen = await n8n.client.listenForTestEvent(saved.id, wf.triggerName);
		await n8n.client.stopListening(saved.id);
		await new Promise((resolve) => setTimeout(resolve, 500));

		expect(JSON.stringify(listen.body)).toMatch(
			/Can't listen for a test event while this workflow is published/,
		);
		expect(emulator.registrations()[assistantId]?.webhook_url).toBe(registeredUrl);
		// Neither enable (to the test URL) nor disable reached Intellixent.
		expect(
			emulator
				.requests()
				.slice(requestsBefore)
				.filter((r) => r.method === 'POST'),
		).toEqual([]);
		// The probe started no execution of the published workflow.
		expect(await n8n.client.listExecutions(saved.id)).toEqual([]);
		// And the published workflow still receives conversations after the refused test.
		expectDelivered(await emulator.endConversation(assistantId, { sample: 'widget' }));
		expect(await n8n.client.waitForExecutions(saved.id, 1, 20000)).toHaveLength(1);
	});
});

async function waitFor(condition: () => boolean, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function isScalar(value: unknown) {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function checkShape(
	shape: 'conversation' | 'flatRow' | 'messages',
	items: any[],
	sample: any,
	conversationId: string,
	assistantId: string,
) {
	const userMessages = sample.transcript.filter((m: any) => m.role === 'user').length;
	const duration = (Date.parse(sample.ended_at) - Date.parse(sample.created_at)) / 1000;
	if (shape === 'conversation') {
		expect(items).toHaveLength(1);
		expect(items[0]).toEqual({
			...sample,
			conversation_id: conversationId,
			assistant_id: assistantId,
			duration_seconds: duration,
			user_message_count: userMessages,
			assistant_message_count: sample.transcript.length - userMessages,
		});
	} else if (shape === 'flatRow') {
		expect(items).toHaveLength(1);
		const row = items[0];
		for (const [key, value] of Object.entries(row)) {
			if (!isScalar(value))
				throw new Error(`flatRow column ${key} is not a scalar: ${JSON.stringify(value)}`);
		}
		expect(row).toMatchObject({
			conversation_id: conversationId,
			assistant_id: assistantId,
			channel: sample.type,
			duration_seconds: duration,
			message_count: sample.message_count,
			user_message_count: userMessages,
			transcript: sample.formatted_transcript,
		});
		expect(Object.keys(row).slice(0, 3)).toEqual(['conversation_id', 'assistant_id', 'channel']);
		if (sample.type === 'widget') {
			expect(row).toMatchObject({
				input_name: 'John Doe',
				input_email: 'john@example.com',
				summary: sample.extracted_variables.summary,
			});
			// `status` collides with the metadata column, so the extracted variable is renamed.
			expect(row).toMatchObject({ status: 'ended', extracted_status: true });
		} else {
			expect(row).toMatchObject({
				appointment_booked: true,
				appointment_date: '2026-03-02',
				appointment_time: '14:30',
				budget_eur: 45,
				sender_display_name: 'Salon Bella',
				customer_phone: '+34612345678',
			});
		}
	} else {
		expect(items).toHaveLength(sample.transcript.length);
		items.forEach((item, i) => {
			expect(item).toMatchObject({
				conversation_id: conversationId,
				assistant_id: assistantId,
				channel: sample.type,
				message_number: i + 1,
				message_total: sample.transcript.length,
				role: sample.transcript[i].role,
				content: sample.transcript[i].content,
			});
		});
	}
}

/**
 * In a real n8n: a sender without the token cannot fill the execution
 * database. Its own n8n and emulator, so that it runs alone with `-t`.
 */
describe('Intellixent Trigger in real n8n: refusals of unauthenticated senders', () => {
	let started: Awaited<ReturnType<typeof startN8nWithEmulator>> | undefined;
	beforeAll(async () => void (started = await startN8nWithEmulator()), 300000);
	afterAll(async () => Promise.all([started?.n8n.stop(), started?.emulator.close()]));

	it('an unauthenticated 15 MB refusal leaves a small execution, and such executions are rate-limited', async () => {
		const { n8n, emulator, credential } = started!;
		const assistantId = emulator.assistants[0].uuid;
		const wf = intellixentWorkflow({ credential, assistantId });
		const saved = await n8n.client.createWorkflow(wf.definition);
		const published = await n8n.client.publish(saved.id);
		expect(published.status).toBe('published');
		const bareUrl = emulator.registrations()[assistantId].webhook_url.split('?')[0];

		const big = JSON.stringify({
			...fixture('widget'),
			assistant_id: assistantId,
			transcript: [{ role: 'user', content: 'x'.repeat(15 * 1024 * 1024) }],
		});
		// Once more if the socket was closed under the upload (a keep-alive connection that n8n
		// closed as idle just as it was reused): such a request never reached the trigger.
		const post = () => postJson(bareUrl, big, { timeoutMs: 120000 });
		const refused = await post().catch(async (error: Error & { cause?: { code?: string } }) => {
			if (!['EPIPE', 'ECONNRESET'].includes(error.cause?.code ?? '')) throw error;
			return post();
		});
		expect(refused.status).toBe(401);
		expect(refused.json).toMatchObject({ error: 'invalid_token' });

		const [execution] = await n8n.client.waitForExecutions(saved.id, 1, 60000);
		const [item] = nodeOutput(execution, 'Rejected')!;
		expect(item).toMatchObject({
			reason: 'invalid_token',
			authenticated: false,
			raw_body: big.slice(0, 256),
			raw_body_truncated: true,
			raw_body_bytes: Buffer.byteLength(big),
			raw_body_sha256: createHash('sha256').update(big).digest('hex'),
		});
		// The whole execution as n8n stores and serves it: kilobytes, not 15 MB.
		const stored = await n8n.client.raw('GET', `/rest/executions/${execution.id}`);
		expect(JSON.stringify(stored.body).length).toBeLessThan(20_000);

		// 11 more within the minute: all answered 401, 9 more recorded (10 in all), 2 only logged.
		for (let i = 0; i < 11; i++) {
			expect((await postJson(bareUrl, fixture('widget'))).status).toBe(401);
		}
		await n8n.client.waitForExecutions(saved.id, 10, 30000);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(await n8n.client.listExecutions(saved.id)).toHaveLength(10);
		expect(n8n.logs(400)).toMatch(
			/more than 10 refusals of unauthenticated senders this minute; 2 not recorded so far/,
		);
	}, 240000);
});
