/**
 * Workflows saved before the action node's files were rearranged still do what they did: each node
 * of the fixture workflow (one per operation, its parameters as n8n filled them then) runs through
 * the node against the emulator and sends exactly the requests it sent then (method, path, query,
 * body), and outputs as many items.
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';
import sent from '../../fixtures/action-saved-requests.json';
import workflow from '../../fixtures/action-saved-workflow.json';
import { startEmulator } from '../../../tools/emulator';
import { executeContext } from '../../helpers/fakeContext';

const API_KEY = 'ix-saved-workflow-key';
const node = new Intellixent();
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, apiKey: API_KEY });
});
afterAll(async () => {
	await emulator.close();
});

/** What the emulator needed, when the fixture was captured, for the node to succeed. */
const SETUP: Record<string, () => void> = {
	'call get': () => {
		const call = emulator.startCall({ type: 'outbound' });
		emulator.endCall(call.id, { status: 'completed' });
	},
	'whatsapp sendFreeForm': () => emulator.openWhatsAppSession('+34611111111'),
};

it('the fixture has one node for each operation the node offers', () => {
	const offered = node.description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) =>
			(p.options as INodePropertyOptions[]).map(
				(o) => `${(p.displayOptions?.show?.resource as string[])[0]} ${String(o.value)}`,
			),
		);
	expect(workflow.nodes.map((n) => n.name).sort()).toEqual(offered.sort());
	expect(Object.keys(sent).sort()).toEqual(offered.sort());
});

it.each(workflow.nodes.map((n) => [n.name, n] as const))(
	'%s sends what it sent before',
	async (name, saved) => {
		emulator.reset();
		SETUP[name]?.();
		const ctx = executeContext({
			baseUrl: emulator.url,
			apiKey: API_KEY,
			parameters: () => saved.parameters as IDataObject,
		});
		const [output] = await node.execute.call(ctx);
		const requests = emulator
			.requests()
			.filter((r) => r.path.startsWith('/api/'))
			.map(({ method, path, query, body, status }) => ({ method, path, query, body, status }));
		const before = sent[name as keyof typeof sent];
		expect(requests).toEqual(before.requests);
		expect(output).toHaveLength(before.items);
	},
	20_000,
);
