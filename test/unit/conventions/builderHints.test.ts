/**
 * The hints for n8n's AI Workflow Builder (`builderHint`, n8n-workflow 2.40): a node-level search
 * hint on each of the three nodes, the Intellixent node's related nodes, and property hints on the
 * action node's main parameters. Their shape is n8n-workflow's own types (IBuilderHint,
 * IParameterBuilderHint: the assignments below fail the typecheck otherwise); n8n defines no
 * lengths, so the bounds here are this package's: one line each, short enough to read in the
 * builder's search results, and nothing the lint rule no-builder-hint-leakage forbids (a wire
 * expression or a connection-type name in prose).
 */
import type {
	IBuilderHint,
	INodeProperties,
	INodeTypeDescription,
	IParameterBuilderHint,
} from 'n8n-workflow';

import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';
import { IntellixentCallTrigger } from '../../../nodes/IntellixentCallTrigger/IntellixentCallTrigger.node';
import { IntellixentTrigger } from '../../../nodes/IntellixentTrigger/IntellixentTrigger.node';

const nodes: INodeTypeDescription[] = [
	new Intellixent().description,
	new IntellixentTrigger().description,
	new IntellixentCallTrigger().description,
];

const MAX_SEARCH_HINT = 600;
const MAX_PROPERTY_HINT = 300;
const MAX_RELATION_HINT = 100;
/** The same patterns as the lint rule no-builder-hint-leakage. */
const WIRE_EXPRESSION = /={{/;
const CONNECTION_NAME =
	/\bai_(agent|chain|document|embedding|languageModel|memory|outputParser|retriever|reranker|textSplitter|tool|vectorStore)\b/;
/** Node types the related nodes may name: this package's and n8n 2.40.7's AI Agent. */
const KNOWN_NODE_TYPES = [
	...nodes.map((d) => `n8n-nodes-intellixent.${d.name}`),
	'@n8n/n8n-nodes-langchain.agent',
];

function expectGoodText(text: string, max: number) {
	expect(text.trim()).toBe(text);
	expect(text.length).toBeGreaterThan(20);
	expect(text.length).toBeLessThanOrEqual(max);
	expect(text).not.toMatch(/\n/);
	expect(text).not.toMatch(WIRE_EXPRESSION);
	expect(text).not.toMatch(CONNECTION_NAME);
}

/** Every property hint of a node, nested ones included, by the property's name. */
function propertyHints(properties: INodeProperties[]): Array<[string, IParameterBuilderHint]> {
	return properties.flatMap((p) => {
		const own: Array<[string, IParameterBuilderHint]> = p.builderHint
			? [[p.name, p.builderHint]]
			: [];
		const nested = (p.options ?? []).flatMap((o) =>
			'type' in o ? propertyHints([o as INodeProperties]) : [],
		);
		return [...own, ...nested];
	});
}

it.each(nodes.map((d) => [d.displayName, d] as const))(
	'%s has a one-line search hint within the bounds',
	(_name, description) => {
		const hint: IBuilderHint | undefined = description.builderHint;
		expect(hint?.searchHint).toBeDefined();
		expectGoodText(hint!.searchHint!, MAX_SEARCH_HINT);
	},
);

it('the action node names its triggers and the AI Agent as related nodes, all of them real node types', () => {
	const related = new Intellixent().description.builderHint?.relatedNodes ?? [];
	expect(related.map((r) => r.nodeType)).toEqual([
		'n8n-nodes-intellixent.intellixentTrigger',
		'n8n-nodes-intellixent.intellixentCallTrigger',
		'@n8n/n8n-nodes-langchain.agent',
	]);
	for (const r of related) {
		expect(KNOWN_NODE_TYPES).toContain(r.nodeType);
		expectGoodText(r.relationHint, MAX_RELATION_HINT);
	}
});

it("the action node's main parameters have property hints within the bounds", () => {
	const hints = propertyHints(new Intellixent().description.properties);
	expect([...new Set(hints.map(([name]) => name))].sort()).toEqual(
		[
			'assistant',
			'campaignId',
			'output',
			'recipientPhone',
			'sender',
			'templateId',
			'webhookAssistant',
		].sort(),
	);
	for (const [, hint] of hints) expectGoodText(hint.propertyHint, MAX_PROPERTY_HINT);
});

it('the checks fail on a text with a wire expression, a connection name, a newline or too long', () => {
	for (const bad of [
		'Use ={{ $json.phone }} for the phone of the customer',
		'Connect it to the ai_tool input of the agent',
		'first line of the hint\nsecond line',
		'x'.repeat(MAX_PROPERTY_HINT + 1),
	])
		expect(() => expectGoodText(bad, MAX_PROPERTY_HINT)).toThrow();
});
