// @ts-check
'use strict';
/**
 * Workflow definitions the suites and tools publish: n8n's built-in Webhook -> NoOp (the baseline)
 * and Intellixent Trigger -> NoOp/NoOp (the two outputs of test/CONTRACTS.md). Part of the e2e
 * harness (test/e2e/harness/index.js).
 */
const crypto = require('node:crypto');

/**
 * @typedef {object} BuiltWorkflow
 * @property {string} productionPath
 * @property {string} testPath
 * @property {{ name: string, nodes: any[], connections: Record<string, any>, settings: Record<string, any> }} definition
 */

/**
 * n8n's built-in Webhook (POST, responseMode onReceived) -> NoOp. Also used by the benchmark as the
 * baseline. Production URL: `${n8n.url}${productionPath}`.
 * @param {{ name?: string, path?: string }} [options]
 * @returns {BuiltWorkflow}
 */
function builtinWebhookWorkflow({
	name = 'Built-in webhook baseline',
	path: webhookPath = crypto.randomUUID(),
} = {}) {
	return {
		productionPath: `/webhook/${webhookPath}`,
		testPath: `/webhook-test/${webhookPath}`,
		definition: {
			name,
			nodes: [
				{
					id: crypto.randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2.1,
					position: [0, 0],
					webhookId: crypto.randomUUID(),
					parameters: {
						httpMethod: 'POST',
						path: webhookPath,
						responseMode: 'onReceived',
						options: {},
					},
				},
				{
					id: crypto.randomUUID(),
					name: 'No Operation',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: { Webhook: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	};
}

/**
 * Intellixent Trigger -> NoOp ("Conversation") and -> NoOp ("Rejected"), per test/CONTRACTS.md.
 * Production URL (without the token query): `${n8n.url}${productionPath}`.
 * @param {{ name?: string, credential: { id: string, name: string }, assistantId: string, channel?: 'all' | 'widget' | 'whatsapp', outputShape?: 'conversation' | 'flatRow' | 'messages', options?: Record<string, unknown>, webhookId?: string, triggerName?: string, typeVersion?: number }} options (typeVersion: the node's default, 1.1, as in a new workflow)
 * @returns {BuiltWorkflow & { webhookId: string, triggerName: string }}
 */
function intellixentWorkflow({
	name = 'Intellixent e2e',
	credential,
	assistantId,
	channel = 'all',
	outputShape = 'conversation',
	options = {},
	webhookId = crypto.randomUUID(),
	triggerName = 'Intellixent Trigger',
	typeVersion = 1.1,
}) {
	if (!credential || !credential.id)
		throw new Error('intellixentWorkflow: credential { id, name } is required');
	return {
		webhookId,
		triggerName,
		productionPath: `/webhook/${webhookId}/webhook`,
		testPath: `/webhook-test/${webhookId}/webhook`,
		definition: {
			name,
			nodes: [
				{
					id: crypto.randomUUID(),
					name: triggerName,
					type: 'n8n-nodes-intellixent.intellixentTrigger',
					typeVersion,
					position: [0, 0],
					webhookId,
					parameters: {
						assistant: { __rl: true, mode: 'id', value: assistantId },
						channel,
						outputShape,
						options,
					},
					credentials: { intellixentApi: { id: credential.id, name: credential.name } },
				},
				{
					id: crypto.randomUUID(),
					name: 'Conversation',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [260, -100],
					parameters: {},
				},
				{
					id: crypto.randomUUID(),
					name: 'Rejected',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [260, 100],
					parameters: {},
				},
			],
			connections: {
				[triggerName]: {
					main: [
						[{ node: 'Conversation', type: 'main', index: 0 }],
						[{ node: 'Rejected', type: 'main', index: 0 }],
					],
				},
			},
			settings: { executionOrder: 'v1' },
		},
	};
}

module.exports = { builtinWebhookWorkflow, intellixentWorkflow };
