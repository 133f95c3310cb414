/**
 * The node description: the parts n8n and users rely on, and that the literal defaults in it are
 * the ones the code uses (triggerOptions.ts is the one source of truth).
 */
import type {
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyMode,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { IntellixentCallTrigger } from '../../../nodes/IntellixentCallTrigger/IntellixentCallTrigger.node';
import { IntellixentTrigger } from '../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import {
	DEFAULT_CHANNEL,
	DEFAULT_OUTPUT_SHAPE,
	OPTION_DEFAULTS,
} from '../../../nodes/IntellixentTrigger/triggerOptions';
import { UUID_PATTERN } from '../../../nodes/shared/sharedProperties';

const node = new IntellixentTrigger();
const { description } = node;

function property(name: string): INodeProperties {
	const found = description.properties.find((p) => p.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

function isPlainOption(
	o: INodePropertyOptions | INodeProperties | INodePropertyCollection,
): o is INodeProperties {
	return 'type' in o && 'default' in o;
}

describe('IntellixentTrigger description', () => {
	it('option defaults in the description equal OPTION_DEFAULTS (same names, same values)', () => {
		const options = property('options');
		expect(options.type).toBe('collection');
		expect(options.default).toEqual({});
		const entries = (options.options ?? []).filter(isPlainOption);
		expect(entries).toHaveLength((options.options ?? []).length);
		const defaults = Object.fromEntries(entries.map((o) => [o.name, o.default]));
		expect(defaults).toEqual(OPTION_DEFAULTS);
		for (const o of entries) expect(o.type).toBe('boolean');
	});

	it('channel and output defaults are DEFAULT_CHANNEL and DEFAULT_OUTPUT_SHAPE, and are among the options', () => {
		const channel = property('channel');
		expect(channel.default).toBe(DEFAULT_CHANNEL);
		expect((channel.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual([
			'all',
			'whatsapp',
			'widget',
		]);

		const output = property('outputShape');
		expect(output.default).toBe(DEFAULT_OUTPUT_SHAPE);
		expect((output.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual([
			'conversation',
			'flatRow',
			'messages',
		]);
	});

	it('has one POST webhook named default, answered on receipt', () => {
		expect(description.webhooks).toHaveLength(1);
		expect(description.webhooks?.[0]).toMatchObject({
			name: 'default',
			httpMethod: 'POST',
			responseMode: 'onReceived',
		});
		expect(node.webhookMethods.default).toEqual({
			checkExists: expect.any(Function),
			create: expect.any(Function),
			delete: expect.any(Function),
		});
	});

	it('is a trigger with two outputs named Conversation and Rejected', () => {
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main', 'main']);
		expect(description.outputNames).toEqual(['Conversation', 'Rejected']);
	});

	it('puts new workflows on version 1.1 and still loads saved version-1 workflows', () => {
		// n8n evaluates an expression in an isolate for every delivery to a version-1 webhook node
		// and not from 1.1 on (docs/performance.md); both versions behave the same.
		expect(description.version).toEqual([1, 1.1]);
		expect(description.defaultVersion).toBe(1.1);
	});

	it('names its events in the nodes panel "On conversation ended" and "On call ended", as n8n 2.40\'s editor finds them', () => {
		// n8n-editor-ui (triggersCategory): the first property whose display name is "Event",
		// "Events" or "Trigger On" lists the trigger's events, each by its option's `action`.
		// Without one the panel says "On new Intellixent event".
		const events = description.properties.filter((p) =>
			['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()),
		);
		expect(events).toHaveLength(1);
		expect(events[0].default).toBe('conversationEnded');
		// Listed by name, as n8n's reviews ask: Call Ended, then Conversation Ended.
		expect((events[0].options as INodePropertyOptions[]).map((o) => o.action)).toEqual([
			'On call ended',
			'On conversation ended',
		]);
	});

	it('uses the intellixentApi credential, required', () => {
		expect(description.credentials).toEqual([{ name: 'intellixentApi', required: true }]);
	});

	it('the assistant locator lists through searchAssistants, which exists', () => {
		const assistant = property('assistant');
		expect(assistant.type).toBe('resourceLocator');
		expect(assistant.required).toBe(true);
		const list = assistant.modes?.find((m) => m.name === 'list');
		expect(list?.typeOptions?.searchListMethod).toBe('searchAssistants');
		expect(typeof node.methods.listSearch.searchAssistants).toBe('function');
	});

	describe('By ID validation regex', () => {
		const byId = property('assistant').modes?.find((m: INodePropertyMode) => m.name === 'id');
		const rule = byId?.validation?.find((v) => typeof v === 'object' && v.type === 'regex') as
			| { type: 'regex'; properties: { regex: string; errorMessage: string } }
			| undefined;

		it('is the shared UUID pattern with a readable message', () => {
			expect(rule?.properties.regex).toBe(UUID_PATTERN);
			expect(rule?.properties.errorMessage).toContain('UUID');
		});

		it.each(['a7b3c942-5f1e-4d28-8c59-2e4f7a8b9c3d', 'F9E8D7C6-B5A4-3210-FEDC-BA9876543210'])(
			'accepts %s',
			(id) => {
				expect(new RegExp(rule!.properties.regex).test(id)).toBe(true);
			},
		);

		it.each([
			'127',
			'garbage',
			'',
			'a7b3c942-5f1e-4d28-8c59-2e4f7a8b9c3',
			'a7b3c942-5f1e-4d28-8c59-2e4f7a8b9c3d0',
			'xa7b3c942-5f1e-4d28-8c59-2e4f7a8b9c3d',
			'a7b3c942-5f1e-4d28-8c59-2e4f7a8b9c3d/x',
			'g7b3c942-5f1e-4d28-8c59-2e4f7a8b9c3d',
		])('rejects %j', (id) => {
			expect(new RegExp(rule!.properties.regex).test(id)).toBe(false);
		});
	});

	it('is not offered as an AI tool', () => {
		expect(description).not.toHaveProperty('usableAsTool');
	});

	/** The canvas subtitle of `nodeType` with this assistant parameter, as n8n's evaluator renders it. */
	function subtitleFor(nodeType: INodeType, assistant: unknown) {
		const nodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const canvasNode: INode = {
			id: 'node-1',
			name: nodeType.description.displayName,
			type: `n8n-nodes-intellixent.${nodeType.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { assistant } as INode['parameters'],
		};
		const workflow = new Workflow({
			nodes: [canvasNode],
			connections: {},
			active: false,
			nodeTypes,
		});
		return workflow.expression.getSimpleParameterValue(
			canvasNode,
			nodeType.description.subtitle as string,
			'internal',
			{},
		);
	}
	const uuid = 'f9e8d7c6-b5a4-3210-fedc-ba9876543210';

	it.each([
		[new IntellixentTrigger(), 'Conversation ended', 'no assistant chosen'],
		[new IntellixentCallTrigger(), 'Call ended', 'any assistant'],
	])(
		'%#: the canvas subtitle names the assistant: by name from the list, by ID otherwise',
		(nodeType, prefix, none) => {
			expect(subtitleFor(nodeType, { __rl: true, mode: 'id', value: uuid })).toBe(
				`${prefix}: ${uuid}`,
			);
			expect(
				subtitleFor(nodeType, {
					__rl: true,
					mode: 'list',
					value: uuid,
					cachedResultName: 'Sales bot',
				}),
			).toBe(`${prefix}: Sales bot`);
			expect(subtitleFor(nodeType, { __rl: true, mode: 'list', value: '' })).toBe(
				`${prefix}: ${none}`,
			);
		},
	);
});
