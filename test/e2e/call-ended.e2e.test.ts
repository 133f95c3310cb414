/**
 * The Intellixent Trigger's Call Ended event in a real n8n (2.40.7, or 1.123.81 with
 * N8N_VERSION), installed from `npm pack`, against the emulator's post-call webhook:
 * - Registration Automatic: publishing enables the post-call webhook (body form, integer id), a
 *   delivered call starts one execution, its redelivery is a duplicate, a forged one (bad token)
 *   is refused, unpublishing disables; a campaign call with a transfer maps into Flat Row columns;
 * - an Intellixent without the enable-webhook route: publishing fails with the URL to paste;
 * - Registration Manual: publishing calls nothing, the token n8n's editor lists (its real
 *   load-options endpoint) opens deliveries, unpublishing calls nothing.
 */
import { startEmulator, type Emulator } from '../../tools/emulator';
import {
	intellixentWorkflow,
	nodeOutput,
	packPackage,
	postJson,
	startN8n,
	type N8nHandle,
} from './harness';

const API_KEY = 'ix-e2e-call-ended-key-5b9e';
const ENABLE = '/api/user/assistants/enable-webhook';
const DISABLE = '/api/user/assistants/disable-webhook';

describe('Call Ended in real n8n', () => {
	let n8n: N8nHandle;
	let emulator: Emulator;
	let credential: { id: string; name: string };
	let nextAssistant = 0;

	beforeAll(async () => {
		const tgz = await packPackage();
		emulator = await startEmulator({ apiKey: API_KEY, retryDelaysMs: [100] });
		n8n = await startN8n({ packageTgz: tgz });
		await n8n.client.setupOwner();
		credential = await n8n.client.createCredential('intellixentApi', 'Intellixent (emulator)', {
			apiKey: API_KEY,
			baseUrl: emulator.url,
		});
	}, 1200000);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.close();
	});

	function callWorkflow(assistantId: string, parameters: Record<string, unknown>, name: string) {
		const wf = intellixentWorkflow({ credential, assistantId, name });
		wf.definition.nodes[0].parameters = {
			event: 'callEnded',
			assistant: { __rl: true, mode: 'id', value: assistantId },
			...parameters,
		};
		return wf;
	}

	async function create(assistantId: string, parameters: Record<string, unknown>, name: string) {
		const wf = callWorkflow(assistantId, parameters, name);
		const saved = await n8n.client.createWorkflow(wf.definition);
		return { wf, saved, url: `${n8n.url}${wf.productionPath}` };
	}

	it('Automatic: publish enables, a call arrives once (its redelivery is a duplicate), a forged one is refused, unpublish disables', async () => {
		const assistant = emulator.assistants[nextAssistant++];
		const { saved, url } = await create(
			assistant.uuid,
			{ options: { ignoreDuplicates: true } },
			'call ended automatic',
		);
		const before = emulator.requests().length;
		await n8n.client.publish(saved.id, { expect: 'published' });
		const calls = emulator.requests().slice(before);
		expect(calls.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', '/api/user/assistants/get', 200],
			['POST', ENABLE, 200],
		]);
		const registered = emulator.postCallRegistrations()[assistant.uuid].webhook_url;
		expect(registered.startsWith(`${url}?token=`)).toBe(true);
		expect(calls[1].body).toEqual({ assistant_id: assistant.id, webhook_url: registered });
		// The conversation-ended webhook of the assistant is untouched.
		expect(emulator.registrations()[assistant.uuid]).toBeUndefined();

		const delivered = await emulator.deliverPostCall(assistant.uuid);
		expect(delivered.attempts.map((a) => a.status)).toEqual([200]);
		const [execution] = await n8n.client.waitForExecutions(saved.id, 1, 20000);
		const callId = JSON.parse(delivered.body).id;
		expect(nodeOutput(execution, 'Conversation')![0]).toMatchObject({
			id: callId,
			status: 'completed',
			transcript_line_count: 3,
		});

		const again = await postJson(registered, JSON.parse(delivered.body));
		expect(again.status).toBe(200);
		expect(again.json).toMatchObject({ processed: false });
		const forged = await postJson(`${url}?token=forged`, { ...JSON.parse(delivered.body), id: 1 });
		expect(forged.status).toBe(401);
		// One execution for the call; the forged post is on Rejected only.
		const executions = await n8n.client.waitForExecutions(saved.id, 2, 20000);
		const outputs = await Promise.all(
			executions.map(async (e) => {
				const full = await n8n.client.getExecution(e.id);
				return [
					nodeOutput(full, 'Conversation')?.length ?? 0,
					nodeOutput(full, 'Rejected')?.length ?? 0,
				];
			}),
		);
		expect(outputs.sort()).toEqual([
			[0, 1],
			[1, 0],
		]);

		const beforeUnpublish = emulator.requests().length;
		await n8n.client.unpublish(saved.id);
		expect(
			emulator
				.requests()
				.slice(beforeUnpublish)
				.map((r) => [r.method, r.path, r.body, r.status]),
		).toEqual([['POST', DISABLE, { assistant_id: assistant.id }, 200]]);
		expect(emulator.postCallRegistrations()[assistant.uuid]).toBeUndefined();
	});

	it('Flat Row: a campaign call with a transfer maps the lead and the transfer into columns', async () => {
		const assistant = emulator.assistants[nextAssistant++];
		const { saved } = await create(assistant.uuid, { callOutputShape: 'flatRow' }, 'call flat row');
		await n8n.client.publish(saved.id, { expect: 'published' });
		await emulator.deliverPostCall(assistant.uuid, {
			overrides: { 'extracted_variables.summary': '=1+1 booked' },
		});
		const [execution] = await n8n.client.waitForExecutions(saved.id, 1, 20000);
		const [row] = nodeOutput(execution, 'Conversation')!;
		expect(row).toMatchObject({
			status: 'completed',
			lead_campaign_name: 'February demos',
			lead_call_attempts: 2,
			transfer_count: 1,
			transfer_1_transfer_number: '+34910000099',
			transfer_1_duration: 24,
			summary: "'=1+1 booked",
		});
		await n8n.client.unpublish(saved.id);
	});

	it('Automatic at an Intellixent without enable-webhook: publishing fails with the URL to paste and where', async () => {
		const assistant = emulator.assistants[nextAssistant++];
		const { saved, url } = await create(assistant.uuid, {}, 'call no api');
		emulator.setPostCallApi(false);
		try {
			const result = await n8n.client.publish(saved.id);
			expect(result.status).not.toBe('published');
			expect(result.errorMessage).toContain(url);
			expect(result.errorMessage).toContain('Post-Call Actions → Post call webhook');
		} finally {
			emulator.setPostCallApi(true);
		}
		expect(emulator.postCallRegistrations()[assistant.uuid]).toBeUndefined();
	});

	it('Manual: publishing calls nothing; the token the editor lists opens deliveries; unpublishing calls nothing', async () => {
		const assistant = emulator.assistants[nextAssistant++];
		const parameters = { registrationMode: 'manual' };
		const { wf, saved, url } = await create(assistant.uuid, parameters, 'call manual');
		const before = emulator.requests().length;
		await n8n.client.publish(saved.id, { expect: 'published' });
		expect(emulator.requests().slice(before)).toEqual([]);

		const listed = await n8n.client.request('POST', '/rest/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: 'n8n-nodes-intellixent.intellixentTrigger', version: 1.1 },
			path: 'parameters.manualToken',
			methodName: 'manualDeliveryToken',
			currentNodeParameters: wf.definition.nodes[0].parameters,
			credentials: { intellixentApi: { id: credential.id, name: credential.name } },
		});
		const name = String(listed[0].name);
		expect(name).toMatch(/^\?token=[\w-]{43}$/);

		// What the user pastes in Post-Call Actions: the Production URL and the listed token.
		const delivered = await emulator.deliverPostCall(assistant.uuid, { to: `${url}${name}` });
		expect(delivered.attempts.map((a) => a.status)).toEqual([200]);
		expect(await n8n.client.waitForExecutions(saved.id, 1, 20000)).toHaveLength(1);

		const beforeUnpublish = emulator.requests().length;
		await n8n.client.unpublish(saved.id);
		expect(emulator.requests().slice(beforeUnpublish)).toEqual([]);
		expect(n8n.logs(200)).toContain('was pasted by hand');
	});
});
