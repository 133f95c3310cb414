/**
 * Proves the harness against n8n's own Webhook node (no community package): publish, POST, one
 * execution carrying the body; unpublish; n8n and its task runner are gone after stop().
 */
import { builtinWebhookWorkflow, nodeOutput, startN8n, type N8nHandle } from './harness';

describe('harness baseline: built-in Webhook -> NoOp in real n8n', () => {
	let n8n: N8nHandle | undefined;

	beforeAll(async () => {
		n8n = await startN8n();
		await n8n.client.setupOwner();
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('publishes, runs one execution per POST with the body in the output, and unpublishes', async () => {
		const api = n8n!.client;
		const wf = builtinWebhookWorkflow();
		const saved = await api.createWorkflow(wf.definition);

		const published = await api.publish(saved.id);
		expect(published.status).toBe('published');
		expect(published.errorMessage).toBeNull();

		const body = { hello: 'world', nested: { n: 1, list: [1, 2, 3] } };
		const res = await api.postWebhook(wf.productionPath, body);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ message: 'Workflow was started' });

		const [execution] = await api.waitForExecutions(saved.id, 1, 20000);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		const items = nodeOutput(execution, 'No Operation', 0);
		expect(items).toHaveLength(1);
		expect(items![0].body).toEqual(body);
		expect(items![0].executionMode).toBe('production');
		expect(items![0].webhookUrl).toBe(`${n8n!.url}${wf.productionPath}`);

		// A body that is not JSON, sent as JSON, never reaches the workflow (FINDINGS.md §c).
		const bad = await api.postWebhook(wf.productionPath, '{not json');
		expect(bad.status).toBe(422);
		expect(bad.json).toMatchObject({ code: 422, message: 'Failed to parse request body' });

		const unpublished = await api.unpublish(saved.id);
		expect(unpublished.status).toBe('not_published');
		const gone = await api.postWebhook(wf.productionPath, body);
		expect(gone.status).toBe(404);

		expect(await api.listExecutions(saved.id)).toHaveLength(1);
	});

	it('stop() ends n8n and its whole process group', async () => {
		const { pid } = n8n!;
		await n8n!.stop();
		expect(() => process.kill(-pid, 0)).toThrow(/ESRCH/);
		n8n = undefined;
	});
});
