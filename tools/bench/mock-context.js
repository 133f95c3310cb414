'use strict';
/**
 * A minimal IWebhookFunctions for calling the compiled trigger's webhook() outside n8n, shaped like
 * what n8n 2.40 hands a webhook node for an `application/json` POST:
 *   - n8n's body parser (packages/cli/src/middlewares/body-parser.ts) reads the request into
 *     `req.rawBody` (a Buffer) and sets `req.body = jsonParse(rawBody.toString(encoding))`;
 *   - getBodyData() is req.body, getQueryData() is req.query, getRequestObject() is req;
 *   - helpers.returnJsonArray is n8n-core's own function (required from node_modules).
 * Parameters are the node's defaults (token verification on) with the bench assistant; the query
 * carries the right delivery token, so every delivery is accepted.
 */
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ASSISTANT_ID = 'f9e8d7c6-b5a4-3210-fedc-ba9876543210';
const WEBHOOK_ID = '6f1c2b7e-9d4a-4e3b-8a5c-1b2d3e4f5a6b';
const API_KEY = 'bench-api-key';

/** n8n-core's returnJsonArray, or an identical copy when n8n-core is not installed. */
function loadReturnJsonArray() {
	try {
		const file = require.resolve(
			'n8n-core/dist/execution-engine/node-execution-context/utils/return-json-array.js',
			{ paths: [REPO_ROOT] },
		);
		return require(file).returnJsonArray;
	} catch {
		return function returnJsonArray(jsonData) {
			const out = [];
			for (const data of Array.isArray(jsonData) ? jsonData : [jsonData]) {
				out.push(data && data.json ? { ...data, json: data.json } : { json: data });
			}
			return out;
		};
	}
}

/**
 * Returns { contextFor(rawBody, body), token } for the trigger in `distDir` with the given output
 * shape. contextFor builds a fresh context per delivery (as n8n does per request).
 */
function createMockFactory(distDir, { outputShape = 'conversation', options = {} } = {}) {
	const { deliveryToken } = require(
		path.join(distDir, 'nodes', 'IntellixentTrigger', 'deliveryToken.js'),
	);
	const token = deliveryToken(API_KEY, { webhookId: WEBHOOK_ID, assistantId: ASSISTANT_ID });
	const returnJsonArray = loadReturnJsonArray();
	const parameters = {
		assistant: ASSISTANT_ID, // getNodeParameter(..., { extractValue: true }) of the resource locator
		channel: 'all',
		outputShape,
		options,
	};
	const node = {
		id: 'b1a2c3d4-0000-4000-8000-000000000001',
		name: 'Intellixent Trigger',
		type: 'n8n-nodes-intellixent.intellixentTrigger',
		typeVersion: 1,
		webhookId: WEBHOOK_ID,
		parameters,
	};
	const credential = { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1' };
	const logger = { debug() {}, info() {}, warn() {}, error() {} };
	const staticData = {};
	const workflow = { id: 'bench-workflow' };
	const refusal = () => {
		throw new Error('bench: the trigger refused a delivery (it called getResponseObject)');
	};

	function contextFor(rawBody, body) {
		const query = { token };
		const req = {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			query,
			body,
			rawBody,
		};
		return {
			getNodeParameter: (name, fallback) => (name in parameters ? parameters[name] : fallback),
			getNode: () => node,
			getCredentials: async () => credential,
			getRequestObject: () => req,
			getBodyData: () => body,
			getQueryData: () => query,
			getHeaderData: () => req.headers,
			getResponseObject: refusal,
			getMode: () => 'webhook',
			getWorkflow: () => workflow,
			getWorkflowStaticData: () => staticData,
			logger,
			helpers: { returnJsonArray },
		};
	}
	return { contextFor, token };
}

module.exports = { createMockFactory };
