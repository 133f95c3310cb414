/**
 * Registration in a real n8n (2.40.7, or 1.123.81 with N8N_VERSION):
 * - against an Intellixent that serves only the body form of enable/disable
 *   (`POST /api/user/assistants/...-conversation-ended-webhook {assistant_id: <integer>}`),
 *   publishing registers, deliveries arrive and unpublishing disables; the path-only emulator is
 *   covered unchanged by intellixent.e2e.test.ts;
 * - takeover: workflow X registers assistant A, workflow Y registers A later (taking it
 *   over), X is unpublished: Y still receives the conversations; also across an n8n restart.
 */
import { startEmulator, type DeliveryRecord, type Emulator } from '../../tools/emulator';
import { intellixentWorkflow, nodeOutput, packPackage, startN8n, type N8nHandle } from './harness';

const API_KEY = 'ix-e2e-registration-key-7c2d';
const TRIGGER = 'Intellixent Trigger';
const RETRY_DELAYS_MS = [100];
const BODY_ENABLE = '/api/user/assistants/enable-conversation-ended-webhook';
const BODY_DISABLE = '/api/user/assistants/disable-conversation-ended-webhook';

/** 130 assistants, so that with 100 per page the body form must read page 2 to find one. */
const MANY_ASSISTANTS = Array.from({ length: 130 }, (_, i) => ({
	id: 1000 + i,
	uuid: `5e1f0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
	name: `Assistant ${i}`,
}));

describe('registration in real n8n: API forms and takeovers', () => {
	let n8n: N8nHandle;
	let bodyOnly: Emulator;
	let pathOnly: Emulator;
	let bodyCredential: { id: string; name: string };
	let pathCredential: { id: string; name: string };
	let nextBodyAssistant = 110;
	let nextPathAssistant = 0;

	beforeAll(async () => {
		const tgz = await packPackage();
		bodyOnly = await startEmulator({
			apiKey: API_KEY,
			retryDelaysMs: RETRY_DELAYS_MS,
			assistants: MANY_ASSISTANTS,
			apiForms: 'body',
			unknownRoute: 'laravel',
		});
		pathOnly = await startEmulator({ apiKey: API_KEY, retryDelaysMs: RETRY_DELAYS_MS });
		n8n = await startN8n({ packageTgz: tgz });
		await n8n.client.setupOwner();
		bodyCredential = await n8n.client.createCredential(
			'intellixentApi',
			'Intellixent (body form only)',
			{
				apiKey: API_KEY,
				baseUrl: bodyOnly.url,
			},
		);
		pathCredential = await n8n.client.createCredential(
			'intellixentApi',
			'Intellixent (path form only)',
			{
				apiKey: API_KEY,
				baseUrl: pathOnly.url,
			},
		);
	}, 1200000); // the first run may wait for provisioning (provision.sh locks per version)

	afterAll(async () => {
		await n8n?.stop();
		await bodyOnly?.close();
		await pathOnly?.close();
	});

	async function publish(
		credential: { id: string; name: string },
		assistantId: string,
		name = 'registration e2e',
	) {
		const wf = intellixentWorkflow({ credential, assistantId, name });
		const saved = await n8n.client.createWorkflow(wf.definition);
		const published = await n8n.client.publish(saved.id);
		if (published.status !== 'published') {
			throw new Error(`publish failed: ${published.errorMessage}\n${n8n.logs(40)}`);
		}
		return { wf, saved, url: `${n8n.url}${wf.productionPath}` };
	}

	function expectDelivered(record: DeliveryRecord) {
		expect(record.attempts.map((a) => a.status)).toEqual([200]);
		expect(record.state).toBe('delivered');
	}

	const registeredBase = (emulator: Emulator, assistantId: string) =>
		emulator.registrations()[assistantId]?.webhook_url.split('?')[0];

	describe('an Intellixent that serves only the body form', () => {
		it('publish registers through the body form (integer id from page 2 of the list), a conversation arrives, unpublish disables the same way', async () => {
			const assistant = bodyOnly.assistants[nextBodyAssistant++];
			const before = bodyOnly.requests().length;
			const { saved, url } = await publish(bodyCredential, assistant.uuid);

			const calls = bodyOnly.requests().slice(before);
			expect(calls.map((r) => [r.method, r.path, r.query.page ?? null, r.status])).toEqual([
				['POST', `/api/assistants/${assistant.uuid}/enable-conversation-ended-webhook`, null, 404],
				['GET', '/api/user/assistants/get', '1', 200],
				['GET', '/api/user/assistants/get', '2', 200],
				['POST', BODY_ENABLE, null, 200],
			]);
			const registered = bodyOnly.registrations()[assistant.uuid].webhook_url;
			expect(registered.startsWith(`${url}?token=`)).toBe(true);
			expect(calls[3].body).toEqual({ assistant_id: assistant.id, webhook_url: registered });
			expect(calls.every((r) => r.authorization === `Bearer ${API_KEY}`)).toBe(true);

			// The form that worked is kept with the registration, to disable the same way.
			const stored = await n8n.client.getWorkflow(saved.id);
			expect(stored.staticData[`node:${TRIGGER}`].registration).toMatchObject({
				assistantId: assistant.uuid,
				api: { baseUrl: bodyOnly.url, form: 'body', assistantNumericId: assistant.id },
			});

			const record = await bodyOnly.endConversation(assistant.uuid, { sample: 'widget' });
			expectDelivered(record);
			const [execution] = await n8n.client.waitForExecutions(saved.id, 1, 20000);
			expect(nodeOutput(execution, 'Conversation')![0]).toMatchObject({
				conversation_id: record.conversation_id,
				assistant_id: assistant.uuid,
			});

			const beforeUnpublish = bodyOnly.requests().length;
			await n8n.client.unpublish(saved.id);
			const unpublishCalls = bodyOnly.requests().slice(beforeUnpublish);
			expect(unpublishCalls.map((r) => [r.method, r.path, r.body, r.status])).toEqual([
				['POST', BODY_DISABLE, { assistant_id: assistant.id }, 200],
			]);
			expect(bodyOnly.registrations()[assistant.uuid]).toBeUndefined();
			expect((await n8n.client.getWorkflow(saved.id)).staticData[`node:${TRIGGER}`]).toEqual({});
		});

		it('the next publish at the same Base URL goes straight to the body form', async () => {
			const assistant = bodyOnly.assistants[nextBodyAssistant++];
			const before = bodyOnly.requests().length;
			await publish(bodyCredential, assistant.uuid);
			const calls = bodyOnly.requests().slice(before);
			expect(calls.map((r) => r.path)).not.toContain(
				`/api/assistants/${assistant.uuid}/enable-conversation-ended-webhook`,
			);
			expect(calls[calls.length - 1]).toMatchObject({ path: BODY_ENABLE, status: 200 });
			expect(bodyOnly.registrations()[assistant.uuid]).toBeDefined();
		});
	});

	describe('a later registration takes the assistant over', () => {
		it('X publishes A, Y publishes A, X unpublishes: no disable, Y still receives, the log says why', async () => {
			const assistantId = pathOnly.assistants[nextPathAssistant++].uuid;
			const x = await publish(pathCredential, assistantId, 'takeover X');
			const y = await publish(pathCredential, assistantId, 'takeover Y');
			expect(registeredBase(pathOnly, assistantId)).toBe(y.url);

			const before = pathOnly.requests().length;
			await n8n.client.unpublish(x.saved.id);
			expect(pathOnly.requests().slice(before)).toEqual([]);
			expect(registeredBase(pathOnly, assistantId)).toBe(y.url);
			expect(n8n.logs(400)).toContain(
				`assistant ${assistantId} was registered later by workflow ${y.saved.id}, node "${TRIGGER}"`,
			);

			expectDelivered(await pathOnly.endConversation(assistantId, { sample: 'whatsapp' }));
			expect(await n8n.client.waitForExecutions(y.saved.id, 1, 20000)).toHaveLength(1);
			expect(await n8n.client.listExecutions(x.saved.id)).toEqual([]);

			// Y, the holder, does switch it off when it is unpublished.
			await n8n.client.unpublish(y.saved.id);
			expect(pathOnly.registrations()[assistantId]).toBeUndefined();
		});

		it('after an n8n restart Y still holds A; on n8n 1.x (which re-registers both) X yields and unpublishing X still leaves A to Y', async () => {
			const assistantId = pathOnly.assistants[nextPathAssistant++].uuid;
			// Y's workflow is created first, so n8n 1.x re-registers it first at start (its workflows
			// come back in creation order); X, published before Y, must then not take A back.
			const yWf = intellixentWorkflow({
				credential: pathCredential,
				assistantId,
				name: 'restart Y',
			});
			const ySaved = await n8n.client.createWorkflow(yWf.definition);
			const x = await publish(pathCredential, assistantId, 'restart X');
			expect((await n8n.client.publish(ySaved.id)).status).toBe('published');
			const yUrl = `${n8n.url}${yWf.productionPath}`;
			expect(registeredBase(pathOnly, assistantId)).toBe(yUrl);

			const { userFolder, port } = n8n;
			const requestsAtRestart = pathOnly.requests().length;
			await n8n.stop({ keepUserFolder: true });
			n8n = await startN8n({ userFolder, port });
			await n8n.client.login();

			expect(registeredBase(pathOnly, assistantId)).toBe(yUrl);
			const reEnabled = pathOnly
				.requests()
				.slice(requestsAtRestart)
				.filter(
					(r) => r.path === `/api/assistants/${assistantId}/enable-conversation-ended-webhook`,
				)
				.map((r) => (r.body as { webhook_url: string }).webhook_url.split('?')[0]);
			if (n8n.version.startsWith('1.')) {
				// Y re-registered; X, the older claim, left A to it and said so.
				expect(reEnabled).toEqual([yUrl]);
				expect(n8n.logs(2000)).toContain(
					`assistant ${assistantId} was registered later by workflow ${ySaved.id}, node "${TRIGGER}" (${yUrl}`,
				);
			} else {
				// n8n 2.x runs no webhook method at start.
				expect(reEnabled).toEqual([]);
			}
			expectDelivered(await pathOnly.endConversation(assistantId, { sample: 'widget' }));
			expect(await n8n.client.waitForExecutions(ySaved.id, 1, 20000)).toHaveLength(1);

			if (n8n.version.startsWith('1.')) {
				const before = pathOnly.requests().length;
				await n8n.client.unpublish(x.saved.id);
				expect(pathOnly.requests().slice(before)).toEqual([]);
				expect(registeredBase(pathOnly, assistantId)).toBe(yUrl);
				expectDelivered(await pathOnly.endConversation(assistantId, { sample: 'whatsapp' }));
				expect(await n8n.client.waitForExecutions(ySaved.id, 2, 20000)).toHaveLength(2);
			}
		});
	});
});
