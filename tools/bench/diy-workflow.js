'use strict';
/**
 * What a user would build without this package: n8n's built-in Webhook node (POST,
 * respond immediately) -> a Code node that checks a `?token=` secret, validates the fields and
 * flattens `extracted_variables` / `input_variables` into columns, as the trigger's Flat Row
 * output does -> NoOp. The bench measures the Intellixent Trigger (Output = Flat Row) against it.
 */
const crypto = require('node:crypto');
const vm = require('node:vm');

const { builtinWebhookWorkflow } = require('../../test/e2e/harness/workflows');

/**
 * The Code node's JavaScript, the way a user would write it: the secret in the code, one error per
 * problem, nested values as JSON text. `secret` is embedded as a JSON string literal.
 */
function diyCode(secret) {
	return `const SECRET = ${JSON.stringify(secret)};
const rows = [];
for (const item of $input.all()) {
  if (item.json.query.token !== SECRET) throw new Error('wrong or missing token');
  const b = item.json.body;
  if (!b || typeof b !== 'object') throw new Error('the body is not a JSON object');
  for (const field of ['conversation_id', 'assistant_id', 'status', 'created_at', 'ended_at']) {
    if (typeof b[field] !== 'string' || b[field] === '') throw new Error(field + ' is missing');
  }
  if (!Array.isArray(b.transcript)) throw new Error('transcript is not a list');
  const cell = (v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  const row = {
    conversation_id: b.conversation_id,
    assistant_id: b.assistant_id,
    channel: b.type ?? null,
    status: b.status,
    created_at: b.created_at,
    ended_at: b.ended_at,
    duration_seconds: Math.round((Date.parse(b.ended_at) - Date.parse(b.created_at)) / 1000),
    message_count: b.transcript.length,
    user_message_count: b.transcript.filter((m) => m.role === 'user').length,
    assistant_message_count: b.transcript.filter((m) => m.role === 'assistant').length,
    customer_name: b.customer_name ?? null,
    customer_phone: b.customer_phone ?? null,
    transcript: b.formatted_transcript ?? '',
  };
  for (const [k, v] of Object.entries(b.input_variables ?? {})) row['input_' + k] = cell(v);
  for (const [k, v] of Object.entries(b.extracted_variables ?? {})) row[k in row ? 'extracted_' + k : k] = cell(v);
  rows.push({ json: row });
}
return rows;`;
}

/**
 * Webhook -> "Check and flatten" (Code) -> "No Operation". Production URL (with the secret):
 * `${n8n.url}${productionPath}`; the flat row is the output of the Code node.
 */
function diyWorkflow({
	name = 'Do-it-yourself Webhook + Code',
	secret = crypto.randomUUID(),
} = {}) {
	// The bench's bare Webhook -> NoOp with the Code node put between the two.
	const base = builtinWebhookWorkflow({ name });
	const [webhook, noOp] = base.definition.nodes;
	const code = {
		id: crypto.randomUUID(),
		name: 'Check and flatten',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: { jsCode: diyCode(secret) },
	};
	return {
		productionPath: `${base.productionPath}?token=${encodeURIComponent(secret)}`,
		definition: {
			...base.definition,
			nodes: [webhook, code, { ...noOp, position: [440, 0] }],
			connections: {
				[webhook.name]: { main: [[{ node: code.name, type: 'main', index: 0 }]] },
				[code.name]: { main: [[{ node: noOp.name, type: 'main', index: 0 }]] },
			},
		},
	};
}

/**
 * The Code node's JavaScript run on `items` (the Webhook node's), in a fresh context as n8n's task
 * runner runs it: for the unit test that checks it does the trigger's work.
 */
function runDiyCode(secret, items) {
	const $input = { all: () => items };
	return vm.runInNewContext(`(() => {${diyCode(secret)}})()`, { $input });
}

module.exports = { diyWorkflow, runDiyCode };
