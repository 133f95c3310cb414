// @ts-check
'use strict';
/**
 * End-to-end harness: drives a real n8n (a child process on Node 24) from the test process
 * (the machine's Node 20). CommonJS with JSDoc types, so that `npm run dev` and the bench
 * (tools/) require it with plain Node and the TypeScript tests import it with types.
 *
 *   const h = require('./harness');
 *   const tgz = await h.packPackage();
 *   const n8n = await h.startN8n({ packageTgz: tgz });
 *   const api = n8n.client; await api.setupOwner(); ...
 *   await n8n.stop();
 *
 * The parts: provision.js (n8n, packing, installing the package), n8n.js (starting and stopping
 * n8n), client.js (n8n's REST API), answers.js (webhook POSTs, execution output, the
 * types of n8n's answers), workflows.js (the workflows
 * the suites publish), agentWorkflow.js and openaiScript.js (the AI-agent workflow and the scripted
 * model server it talks to; the agent suite requires them directly). Processes, ports and logs: tools/process.js.
 */
const { nodeOutput, postJson } = require('./answers');
const { N8nClient } = require('./client');
const { startN8n } = require('./n8n');
const {
	DEFAULT_N8N_VERSION,
	PACKED_TGZ_ENV,
	REPO_ROOT,
	installCommunityPackage,
	packPackage,
	provision,
} = require('./provision');
const { builtinWebhookWorkflow, intellixentWorkflow } = require('./workflows');

/** @typedef {import('./provision').Provisioned} Provisioned */
/** @typedef {import('./n8n').N8nHandle} N8nHandle */
/** @typedef {import('./answers').Execution} Execution */

module.exports = {
	REPO_ROOT,
	DEFAULT_N8N_VERSION,
	provision,
	packPackage,
	PACKED_TGZ_ENV,
	startN8n,
	installCommunityPackage,
	N8nClient,
	nodeOutput,
	postJson,
	builtinWebhookWorkflow,
	intellixentWorkflow,
};
