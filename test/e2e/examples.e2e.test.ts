/**
 * The example workflows (examples/*.json) in a real n8n 2.40.7, with the packed package installed
 * the way n8n's community-package installer installs it, and the Intellixent credential pointing at
 * the local emulator. For each example, unchanged from the file:
 *   1. it imports: n8n saves it and resolves its credentials by name (the files carry no IDs);
 *   2. it loads: every node type and typeVersion exists in this n8n, and the saved workflow reads
 *      back as imported (nodes, connections, pinned sample);
 *   3. it publishes: the trigger registers its production URL (with token) at the emulator;
 *   4. its pinned sample runs the trigger while the workflow is published, without listening, so
 *      the production registration stays (what the README recommends for testing);
 *   5. it unpublishes: the trigger disables the webhook at the emulator.
 * Google, HubSpot and Slack get placeholder credentials: n8n lets you create them without checking
 * them, and publishing does not call those services (only the trigger's activation runs). n8n 2.x
 * does refuse to publish while a connected node lacks a required parameter ("Cannot publish
 * workflow: ... configuration issues"): the Google Sheets example leaves the spreadsheet and the
 * WhatsApp example the sender for the user to pick, so each is first checked to fail for exactly
 * that reason (nothing of ours, nothing registered), then published after making the choice its
 * setup note asks for, as a user would (n8n 1.x checks no parameters when activating and publishes
 * it as imported).
 * Nothing here contacts Google, HubSpot or Slack: the pinned run stops at the trigger.
 * All examples use the same assistant (the vendor's example), so they run one after the other,
 * each unpublished before the next is published.
 */
import { startEmulator, type Emulator } from '../../tools/emulator';
import {
	EXAMPLE_ASSISTANT_ID,
	EXAMPLE_FILES,
	readExample,
	TRIGGER_TYPE,
} from '../docs/render-samples';
import { nodeOutput, packPackage, startN8n, type N8nHandle } from './harness';

const API_KEY = 'ix-examples-e2e-key';

/** Credentials the examples reference by name, and placeholder data n8n accepts for each type. */
const CREDENTIALS: Array<{ type: string; name: string; data: Record<string, unknown> }> = [
	{ type: 'intellixentApi', name: 'Intellixent account', data: { apiKey: API_KEY } },
	{
		type: 'googleSheetsOAuth2Api',
		name: 'Google Sheets account',
		data: { clientId: 'placeholder-client-id', clientSecret: 'placeholder-client-secret' },
	},
	{
		type: 'hubspotAppToken',
		name: 'HubSpot account',
		data: { appToken: 'placeholder-service-key' },
	},
	{ type: 'slackApi', name: 'Slack account', data: { accessToken: 'placeholder-access-token' } },
];

/** Choices the example's setup note leaves to the user that n8n requires before publishing. */
const USER_CHOICES: Record<string, Array<{ node: string; parameter: string; value: unknown }>> = {
	'google-sheets-append-row.json': [
		{
			node: 'Append Row to Sheet',
			parameter: 'documentId',
			value: { __rl: true, mode: 'id', value: 'placeholder-spreadsheet-id' },
		},
	],
	// Left empty so that nothing can be sent before the user picks a sender of their own.
	'whatsapp-follow-up.json': [
		{
			node: 'Send Follow-up',
			parameter: 'sender',
			value: { __rl: true, mode: 'id', value: '12' },
		},
	],
};

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
}

interface NodeTypeDescription {
	name: string;
	version: number | number[];
}

describe('example workflows in real n8n', () => {
	let n8n: N8nHandle;
	let emulator: Emulator;
	/** credential type -> the id n8n gave the credential created for it */
	const credentialIds: Record<string, string> = {};
	let nodeTypes: NodeTypeDescription[] = [];
	const stillPublished = new Set<string>();

	beforeAll(async () => {
		const tgz = await packPackage();
		emulator = await startEmulator({ port: 0, apiKey: API_KEY, retryDelaysMs: [100] });
		n8n = await startN8n({ packageTgz: tgz });
		await n8n.client.setupOwner();
		for (const { type, name, data } of CREDENTIALS) {
			const body = type === 'intellixentApi' ? { ...data, baseUrl: emulator.url } : data;
			const created = await n8n.client.createCredential(type, name, body);
			credentialIds[type] = created.id;
		}
		const types = await n8n.client.raw('GET', '/types/nodes.json');
		expect(types.status).toBe(200);
		nodeTypes = types.body as NodeTypeDescription[];
	}, 300000);

	afterAll(async () => {
		for (const id of stillPublished) await n8n?.client.unpublish(id).catch(() => undefined);
		await n8n?.stop();
		await emulator?.close();
	});

	describe.each(EXAMPLE_FILES)('%s', (file) => {
		const example = readExample(file) as unknown as {
			name: string;
			nodes: WorkflowNode[];
			connections: Record<string, unknown>;
			settings: Record<string, unknown>;
			pinData: Record<string, Array<{ json: Record<string, unknown> }>>;
		};
		const trigger = example.nodes.find((n) => n.type === TRIGGER_TYPE)!;
		let workflowId: string;

		it('imports: n8n saves it and resolves every credential by name', async () => {
			let projectId: string | undefined;
			if (n8n.version.startsWith('1.')) {
				// n8n 1.x resolves credential names to IDs on create only when the body names the
				// project (workflows.controller.js `create`: `if (projectId) replaceInvalidCredentials`);
				// n8n 2.x falls back to the personal project. Without it, 1.x keeps `id: null`.
				const unresolved = await n8n.client.createWorkflow(JSON.parse(JSON.stringify(example)));
				const nodes = (await n8n.client.getWorkflow(unresolved.id)).nodes as WorkflowNode[];
				const ids = nodes.flatMap((node) =>
					Object.values(node.credentials ?? {}).map((ref) => ref.id),
				);
				expect(ids.length).toBeGreaterThan(0);
				expect(ids.every((id) => id === null)).toBe(true);
				await n8n.client.request('POST', `/rest/workflows/${unresolved.id}/archive`, {});
				await n8n.client.request('DELETE', `/rest/workflows/${unresolved.id}`);
				projectId = (await n8n.client.request('GET', '/rest/projects/personal')).id;
			}
			const saved = await n8n.client.createWorkflow({
				...JSON.parse(JSON.stringify(example)),
				...(projectId && { projectId }),
			});
			workflowId = saved.id;
			const stored = await n8n.client.getWorkflow(workflowId);
			for (const node of stored.nodes as WorkflowNode[]) {
				for (const [type, ref] of Object.entries(node.credentials ?? {})) {
					expect({ node: node.name, type, id: ref.id }).toEqual({
						node: node.name,
						type,
						id: credentialIds[type],
					});
				}
			}
			const referenced = example.nodes.flatMap((n) => Object.keys(n.credentials ?? {}));
			expect(referenced.length).toBeGreaterThan(0);
		});

		it('loads: every node type and version is known to n8n, and it reads back as imported', async () => {
			for (const node of example.nodes) {
				const versions = nodeTypes
					.filter((t) => t.name === node.type)
					.flatMap((t) => (Array.isArray(t.version) ? t.version : [t.version]));
				expect({
					node: node.name,
					type: node.type,
					known: versions.includes(node.typeVersion),
				}).toEqual({
					node: node.name,
					type: node.type,
					known: true,
				});
			}
			const stored = await n8n.client.getWorkflow(workflowId);
			expect(stored.name).toBe(example.name);
			// n8n gives a webhookId to every node that can have webhooks (Slack's send-and-wait too);
			// only the trigger's is ours to compare.
			const strip = (nodes: WorkflowNode[]) =>
				nodes.map(({ name, type, typeVersion, webhookId, parameters }) => ({
					name,
					type,
					typeVersion,
					webhookId: type === TRIGGER_TYPE ? webhookId : undefined,
					parameters,
				}));
			expect(strip(stored.nodes)).toEqual(strip(example.nodes));
			expect(stored.connections).toEqual(example.connections);
			expect(stored.pinData).toEqual(example.pinData);
		});

		it('publishes: the trigger registers its production URL with the emulator', async () => {
			// n8n 1.x does not check node parameters when activating: it publishes the example as
			// imported, without the choices its setup note asks for (asserted below).
			const choices = n8n.version.startsWith('1.') ? [] : (USER_CHOICES[file] ?? []);
			if (choices.length > 0) {
				// As imported, n8n refuses to publish for the choices left to the user, and only for them.
				const refused = await n8n.client.publish(workflowId);
				expect(refused.status).toBe('failed');
				expect(refused.errorMessage).toMatch(/^Cannot publish workflow: .*configuration issues/);
				for (const { node, parameter } of choices) {
					expect(refused.errorMessage).toContain(
						`Node "${node}":\n  - Missing or invalid required parameters: ${parameter}`,
					);
				}
				expect(refused.errorMessage).not.toContain(trigger.name);
				expect(emulator.registrations()[EXAMPLE_ASSISTANT_ID]).toBeUndefined();

				const stored = await n8n.client.getWorkflow(workflowId);
				const nodes = (stored.nodes as WorkflowNode[]).map((n) => {
					const mine = choices.filter((c) => c.node === n.name);
					const parameters = { ...n.parameters };
					for (const c of mine) parameters[c.parameter] = c.value;
					return { ...n, parameters };
				});
				await n8n.client.request('PATCH', `/rest/workflows/${workflowId}`, { nodes });
			}

			const published = await n8n.client.publish(workflowId);
			if (published.status === 'published') stillPublished.add(workflowId);
			expect({ status: published.status, error: published.errorMessage }).toEqual({
				status: 'published',
				error: null,
			});
			const registered = emulator.registrations()[EXAMPLE_ASSISTANT_ID]?.webhook_url;
			expect(registered).toMatch(
				new RegExp(
					`^${`${n8n.url}/webhook/${trigger.webhookId}/webhook`.replace(/[.?]/g, '\\$&')}\\?token=[\\w-]{20,}$`,
				),
			);
		});

		it('while published, the pinned sample runs the trigger without listening (registration kept)', async () => {
			const before = emulator.registrations()[EXAMPLE_ASSISTANT_ID]?.webhook_url;
			const run = await n8n.client.request('POST', `/rest/workflows/${workflowId}/run`, {
				// n8n 1.x runs the workflow sent in the body (its editor sends it); 2.x runs the saved one.
				...(n8n.version.startsWith('1.') && {
					workflowData: await n8n.client.getWorkflow(workflowId),
				}),
				triggerToStartFrom: { name: trigger.name },
				destinationNode: { nodeName: trigger.name, mode: 'inclusive' },
			});
			expect(run.waitingForWebhook).toBeUndefined();
			expect(run.executionId).toBeDefined();

			const [execution] = await n8n.client.waitForExecutions(workflowId, 1, 30000);
			expect(execution.mode).toBe('manual');
			expect(nodeOutput(execution, trigger.name, 0)).toEqual(
				example.pinData[trigger.name].map((i) => i.json),
			);
			// Only the trigger ran: nothing reached Google, HubSpot or Slack.
			expect(Object.keys(execution.runData)).toEqual([trigger.name]);
			expect(emulator.registrations()[EXAMPLE_ASSISTANT_ID]?.webhook_url).toBe(before);
		});

		it('unpublishes: the trigger disables the webhook at the emulator', async () => {
			const disableCalls = () =>
				emulator
					.requests()
					.filter(
						(r) =>
							r.path ===
							`/api/assistants/${EXAMPLE_ASSISTANT_ID}/disable-conversation-ended-webhook`,
					).length;
			const callsBefore = disableCalls();
			const unpublished = await n8n.client.unpublish(workflowId);
			stillPublished.delete(workflowId);
			expect(unpublished.status).toBe('not_published');
			expect(disableCalls()).toBe(callsBefore + 1);
			expect(emulator.registrations()[EXAMPLE_ASSISTANT_ID]).toBeUndefined();
		});
	});
});
