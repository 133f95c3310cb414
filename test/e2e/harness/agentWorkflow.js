// @ts-check
'use strict';
/**
 * The AI-agent workflow the agent suite publishes: n8n's Webhook → AI Agent, with an OpenAI Chat
 * Model sub-node (its credential pointed at the scripted model server, openaiScript.js) and any
 * number of tool sub-nodes (here the Intellixent tool, as n8n exposes a usableAsTool node:
 * `<package>.<node>Tool`). The agent's prompt is the webhook body's `prompt`. The node versions
 * are passed in, because they are read from the running n8n (1.x and 2.x differ), not guessed.
 * Part of the e2e harness (test/e2e/harness/index.js).
 */
const crypto = require('node:crypto');

const { builtinWebhookWorkflow } = require('./workflows');

/**
 * The highest version of a node type the running n8n knows, from its `/types/nodes.json` (a
 * versioned node is listed once per version family, each with a number or a list of numbers).
 * Undefined when n8n does not have the node at all.
 * @param {Array<{ name: string, version: number | number[] }>} types
 * @param {string} name
 * @returns {number | undefined}
 */
function latestNodeVersion(types, name) {
	const versions = types
		.filter((t) => t.name === name)
		.flatMap((t) => (Array.isArray(t.version) ? t.version : [t.version]));
	return versions.length ? Math.max(...versions) : undefined;
}

/**
 * @typedef {object} AgentTool
 * @property {string} name the node's name (the model sees it as the tool name, with every run of
 *   characters other than letters, digits, `_` and `-` replaced by `_`)
 * @property {string} type e.g. `n8n-nodes-intellixent.intellixentTool`
 * @property {Record<string, unknown>} parameters
 * @property {number} [typeVersion] the tool node's version (1 unless given)
 * @property {Record<string, { id: string, name: string }>} [credentials]
 * @property {'continueRegularOutput'} [onError] the node's "On Error" setting (default: stop)
 */

/**
 * @param {{
 *   name?: string,
 *   agentVersion: number,
 *   modelVersion: number,
 *   openAiCredential: { id: string, name: string },
 *   model: string,
 *   modelParameters?: Record<string, unknown>,
 *   tools: AgentTool[],
 *   executionOrder?: 'v1' | 'v0',
 *   systemMessage?: string,
 * }} options `modelParameters`: extra parameters of the model node (e.g. responsesApiEnabled)
 */
function agentWorkflow({
	name = 'Intellixent agent e2e',
	agentVersion,
	modelVersion,
	openAiCredential,
	model,
	modelParameters = {},
	tools,
	executionOrder = 'v1',
	systemMessage = 'You are a helpful assistant.',
}) {
	// n8n's Webhook as the baseline workflow has it (POST, answered on receipt).
	const baseline = builtinWebhookWorkflow();
	const webhook = baseline.definition.nodes[0];
	const agentName = 'AI Agent';
	const modelName = 'OpenAI Chat Model';
	const toAgent = (/** @type {string} */ type) => ({
		[type]: [[{ node: agentName, type, index: 0 }]],
	});
	/** @type {Record<string, any>} */
	const connections = {
		[webhook.name]: { main: [[{ node: agentName, type: 'main', index: 0 }]] },
		[modelName]: toAgent('ai_languageModel'),
	};
	for (const tool of tools) connections[tool.name] = toAgent('ai_tool');
	return {
		agentName,
		productionPath: baseline.productionPath,
		definition: {
			name,
			nodes: [
				webhook,
				{
					id: crypto.randomUUID(),
					name: agentName,
					type: '@n8n/n8n-nodes-langchain.agent',
					typeVersion: agentVersion,
					position: [240, 0],
					parameters: {
						promptType: 'define',
						text: '={{ $json.body.prompt }}',
						options: { systemMessage },
					},
				},
				{
					id: crypto.randomUUID(),
					name: modelName,
					type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
					typeVersion: modelVersion,
					position: [160, 220],
					parameters: {
						model: { __rl: true, mode: 'id', value: model },
						options: {},
						...modelParameters,
					},
					credentials: { openAiApi: openAiCredential },
				},
				...tools.map((tool, i) => ({
					id: crypto.randomUUID(),
					name: tool.name,
					type: tool.type,
					typeVersion: tool.typeVersion ?? 1,
					position: [320 + 120 * i, 220],
					parameters: tool.parameters,
					...(tool.credentials && { credentials: tool.credentials }),
					...(tool.onError && { onError: tool.onError }),
				})),
			],
			connections,
			settings: { executionOrder },
		},
	};
}

module.exports = { agentWorkflow, latestNodeVersion };
