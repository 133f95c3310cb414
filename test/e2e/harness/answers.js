// @ts-check
'use strict';
/**
 * What n8n answers, and reading it: the types of its REST and webhook responses and executions,
 * postJson() (a webhook POST, as Intellixent sends one) and nodeOutput() (a node's items in an
 * execution). Part of the e2e harness (test/e2e/harness/index.js); client.js returns these types.
 */

/**
 * @typedef {object} RawResponse
 * @property {number} status
 * @property {Headers} headers
 * @property {any} body parsed as JSON when it is JSON, else the text
 */
/**
 * @typedef {object} WebhookResponse
 * @property {number} status
 * @property {Headers} headers
 * @property {string} text
 * @property {any} json
 */
/**
 * @typedef {object} PublicationStatus
 * @property {'in_progress' | 'not_published' | 'published' | 'partial' | 'failed'} status
 * @property {string | null} liveVersionId
 * @property {string | null} [pendingVersionId]
 * @property {Array<{ nodeId: string, status: string, errorMessage: string | null }>} triggers
 */
/** @typedef {PublicationStatus & { errorMessage: string | null, workflow: any }} PublishResult */
/**
 * @typedef {object} ExecutionSummary
 * @property {string} id
 * @property {string} status
 * @property {string} mode
 * @property {string} workflowId
 */
/**
 * @typedef {ExecutionSummary & { [key: string]: any, data: any, runData: Record<string, any[]>, error?: any, lastNodeExecuted?: string }} Execution
 */
/** @typedef {{ timeoutMs?: number, headers?: Record<string, string> }} RequestOptions */

/**
 * POST; `body` is JSON-encoded unless it is a string. Returns { status, headers, text, json }.
 * @param {string} url
 * @param {unknown} body
 * @param {RequestOptions} [options]
 * @returns {Promise<WebhookResponse>}
 */
async function postJson(url, body, { headers = {}, timeoutMs = 30000 } = {}) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await res.text();
	/** @type {any} */
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/**
 * The json items of `nodeName`'s output `outputIndex` (run `runIndex`) in a loaded execution.
 * @param {Execution} execution
 * @param {string} nodeName
 * @param {number} [outputIndex]
 * @param {number} [runIndex]
 * @returns {any[] | undefined}
 */
function nodeOutput(execution, nodeName, outputIndex = 0, runIndex = 0) {
	const runs = execution.runData[nodeName];
	if (!runs || !runs[runIndex]) return undefined;
	const main = (runs[runIndex].data && runs[runIndex].data.main) || [];
	const items = main[outputIndex];
	return items ? items.map((/** @type {any} */ item) => item.json) : [];
}

module.exports = { postJson, nodeOutput };
