/**
 * What an AI agent's model reads of each operation when the tool's description is "Set
 * Automatically": n8n-workflow's `<action> in <node name>`, which is also the name n8n gives a new
 * tool node, and the tool's name is that node name through n8n-workflow's nodeNameToToolName,
 * which cuts it at 64 characters. Each action must name its resource (the model once read "Send a
 * template message in Intellixent" with no word of WhatsApp) and stay short enough that the tool
 * name is not cut.
 */
import type { INodePropertyOptions } from 'n8n-workflow';
import { nodeNameToToolName } from 'n8n-workflow';

import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';

const description = new Intellixent().description;
const actions = description.properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) =>
		(p.options as INodePropertyOptions[]).map((o) => ({
			resource: (p.displayOptions?.show?.resource as string[])[0],
			operation: String(o.value),
			action: o.action ?? '',
		})),
	);

const SUBJECT: Record<string, RegExp> = {
	assistant: /\bassistants?\b/,
	call: /\bvoice calls?\b/,
	campaign: /\bcampaign\b/,
	conversationEndedWebhook: /\bended conversations of an assistant\b/,
	whatsapp: /\bWhatsApp\b/,
};

it.each(actions.map((a) => [`${a.resource} ${a.operation}`, a] as const))(
	'%s: its action names the resource and makes a tool name n8n does not cut',
	(_name, { resource, action }) => {
		expect(action).toMatch(SUBJECT[resource]);
		const nodeName = `${action} in ${description.defaults.name}`;
		const uncut = nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
		expect(nodeNameToToolName(nodeName)).toBe(uncut);
		expect(uncut.length).toBeLessThanOrEqual(64);
	},
);

it('the actions are all different, so no two tools read the same', () => {
	expect(new Set(actions.map((a) => a.action)).size).toBe(actions.length);
	expect(actions).toHaveLength(11);
});

it('n8n cuts a longer name: the check above can fail', () => {
	const long = `${'Send the ended conversations of an assistant to a webhook URL'} in Intellixent`;
	expect(nodeNameToToolName(long)).not.toBe(long.replace(/[^a-zA-Z0-9_-]+/g, '_'));
});
