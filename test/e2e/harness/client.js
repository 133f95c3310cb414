// @ts-check
'use strict';
/**
 * A REST client for n8n that calls what n8n's editor calls (owner setup, credentials, workflows,
 * publish/unpublish, test events, executions), for n8n 2.x and 1.x. Part of the e2e harness
 * (test/e2e/harness/index.js); the shapes of n8n's answers are in answers.js.
 */
const flatted = require('flatted');

const { sleep } = require('../../../tools/process');
const { postJson } = require('./answers');

/** @typedef {import('./answers').RawResponse} RawResponse */
/** @typedef {import('./answers').WebhookResponse} WebhookResponse */
/** @typedef {import('./answers').PublicationStatus} PublicationStatus */
/** @typedef {import('./answers').PublishResult} PublishResult */
/** @typedef {import('./answers').ExecutionSummary} ExecutionSummary */
/** @typedef {import('./answers').Execution} Execution */
/** @typedef {import('./answers').RequestOptions} RequestOptions */

/** A REST call that n8n answered with a status other than 2xx. */
class N8nApiError extends Error {
	/**
	 * @param {string} method
	 * @param {string} urlPath
	 * @param {number} status
	 * @param {any} body
	 */
	constructor(method, urlPath, status, body) {
		const detail =
			body && typeof body === 'object'
				? body.message || JSON.stringify(body)
				: String(body).slice(0, 500);
		super(`n8n ${method} ${urlPath} answered ${status}: ${detail}`);
		this.status = status;
		this.body = body;
	}
}

class N8nClient {
	/**
	 * `version`: the n8n version behind `url`. Only n8n 1.x changes what the client sends (see
	 * publish(), unpublish(), listenForTestEvent()); without a version it talks to n8n 2.x.
	 */
	/**
	 * @param {string} url
	 * @param {string} [version]
	 */
	constructor(url, version) {
		this.url = url;
		this.version = version;
		/** @type {string | null} */
		this.cookie = null;
	}

	/** n8n 1.x: no publication service (activation is synchronous), and /run takes the workflow in the body. */
	get isV1() {
		return typeof this.version === 'string' && this.version.split('.')[0] === '1';
	}

	/**
	 * Raw request; returns { status, headers, body } (body parsed as JSON when possible).
	 * @param {string} method
	 * @param {string} urlPath
	 * @param {unknown} [body]
	 * @param {RequestOptions} [options]
	 * @returns {Promise<RawResponse>}
	 */
	async raw(method, urlPath, body, { timeoutMs = 30000, headers = {} } = {}) {
		/** @type {Record<string, string>} */
		const sent = { accept: 'application/json', ...headers };
		/** @type {RequestInit} */
		const init = {
			method,
			headers: sent,
			signal: AbortSignal.timeout(timeoutMs),
			redirect: 'manual',
		};
		if (this.cookie) sent.cookie = this.cookie;
		if (body !== undefined) {
			sent['content-type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		let res;
		try {
			res = await fetch(`${this.url}${urlPath}`, init);
		} catch (error) {
			throw new Error(
				`n8n ${method} ${urlPath}: ${error.cause ? error.cause.code || error.cause.message : error.message}`,
			);
		}
		const setCookie =
			typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await res.text();
		/** @type {any} */
		let parsed = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			/* keep text */
		}
		return { status: res.status, headers: res.headers, body: parsed };
	}

	/**
	 * JSON request that must succeed (2xx); returns the `data` of n8n's `{ data }` envelope.
	 * @param {string} method
	 * @param {string} urlPath
	 * @param {unknown} [body]
	 * @param {RequestOptions} [options]
	 * @returns {Promise<any>}
	 */
	async request(method, urlPath, body, options) {
		const res = await this.raw(method, urlPath, body, options);
		if (res.status < 200 || res.status >= 300)
			throw new N8nApiError(method, urlPath, res.status, res.body);
		return res.body && typeof res.body === 'object' && 'data' in res.body
			? res.body.data
			: res.body;
	}

	async setupOwner({
		email = 'owner@example.com',
		firstName = 'E2E',
		lastName = 'Owner',
		password = 'E2e-Password-123',
	} = {}) {
		const owner = await this.request('POST', '/rest/owner/setup', {
			email,
			firstName,
			lastName,
			password,
		});
		if (!this.cookie) throw new Error('owner setup did not set the n8n-auth cookie');
		return owner;
	}

	/** Log in again (e.g. after a restart of the same user folder). */
	async login({ email = 'owner@example.com', password = 'E2e-Password-123' } = {}) {
		const user = await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: email,
			email,
			password,
		});
		if (!this.cookie) throw new Error('login did not set the n8n-auth cookie');
		return user;
	}

	/**
	 * @param {string} type
	 * @param {string} name
	 * @param {Record<string, unknown>} data
	 * @returns {Promise<{ id: string, name: string, [key: string]: any }>}
	 */
	async createCredential(type, name, data) {
		return this.request('POST', '/rest/credentials', { name, type, data });
	}

	/**
	 * def: { name, nodes, connections, settings? }. Returns the saved workflow (id, versionId, ...).
	 * @param {Record<string, unknown>} def
	 * @returns {Promise<{ id: string, versionId: string, [key: string]: any }>}
	 */
	async createWorkflow(def) {
		return this.request('POST', '/rest/workflows', { settings: {}, ...def, active: false });
	}

	/**
	 * @param {string} id
	 * @returns {Promise<any>}
	 */
	async getWorkflow(id) {
		return this.request('GET', `/rest/workflows/${id}`);
	}

	/**
	 * @param {string} id
	 * @returns {Promise<PublicationStatus>}
	 */
	async publicationStatus(id) {
		return this.request('GET', `/rest/workflows/${id}/publication-status`);
	}

	/**
	 * Publish (activate) and wait until n8n settles: returns the publication status
	 * `{ status: 'published'|'failed'|'partial', errorMessage, triggers, liveVersionId }`.
	 * n8n 2.40 publishes asynchronously: the activate call enqueues an outbox row in its transaction
	 * (workflow.service.js `_publishViaOutbox`), so the status reads `in_progress` from the moment it
	 * returns until the trigger's create() has run; a failing create() is retried for ~16 s before
	 * 'failed'. An activate call that n8n refuses outright (4xx) is reported as 'failed' too.
	 * With N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false (synchronous activation) there is no status
	 * endpoint: a successful activate call then means 'published'.
	 * n8n 1.x (1.123.x) has the same `POST /rest/workflows/:id/activate {versionId}` but no
	 * publication service: activation is synchronous (workflow.service.js `activateWorkflow` runs the
	 * trigger's create() before answering; a failing create() answers 400 with the NodeApiError's
	 * `description`, or else its message), and there is no publication-status endpoint to poll.
	 * With `expect: 'published'` it throws (with the errorMessage) on any other outcome.
	 * @param {string} id
	 * @param {{ versionId?: string, timeoutMs?: number, expect?: string }} [options]
	 * @returns {Promise<PublishResult>}
	 */
	async publish(id, { versionId, timeoutMs = 60000, expect } = {}) {
		if (!versionId) versionId = /** @type {string} */ ((await this.getWorkflow(id)).versionId);
		/** @param {PublishResult} result */
		const settle = (result) => {
			if (expect && result.status !== expect) {
				throw new Error(
					`publish ${id}: expected '${expect}', got '${result.status}': ${result.errorMessage}`,
				);
			}
			return result;
		};
		let activated;
		try {
			activated = await this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
		} catch (error) {
			if (!(error instanceof N8nApiError) || error.status >= 500) throw error;
			const message = (error.body && error.body.message) || error.message;
			return settle({
				status: 'failed',
				errorMessage: message,
				triggers: [],
				liveVersionId: null,
				workflow: null,
			});
		}
		/**
		 * Synchronous activation (n8n 1.x, or no publication service): the activate call was the
		 * whole job.
		 * @returns {PublishResult}
		 */
		const publishedAtOnce = () => ({
			status: 'published',
			errorMessage: null,
			triggers: [],
			liveVersionId: /** @type {string} */ (versionId),
			workflow: activated,
		});
		if (this.isV1) {
			return settle(publishedAtOnce());
		}
		const status = await this.waitForPublicationStatus(
			id,
			(s) => ['published', 'failed', 'partial'].includes(s.status),
			'publish',
			timeoutMs,
		);
		if (!status) return settle(publishedAtOnce());
		const messages = (status.triggers || []).map((t) => t.errorMessage).filter(Boolean);
		return settle({ ...status, errorMessage: messages.join('\n') || null, workflow: activated });
	}

	/**
	 * Unpublish (deactivate; runs the trigger's delete()) and wait until n8n reports not_published.
	 * @param {string} id
	 * @param {{ timeoutMs?: number }} [options]
	 * @returns {Promise<Partial<PublicationStatus> & { workflow: any }>}
	 */
	async unpublish(id, { timeoutMs = 30000 } = {}) {
		const workflow = await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
		// n8n 1.x: deactivation is synchronous (delete() has run when the call answers).
		if (this.isV1) return { status: 'not_published', workflow };
		const status = await this.waitForPublicationStatus(
			id,
			(s) => s.status === 'not_published',
			'unpublish',
			timeoutMs,
		);
		// Synchronous activation mode: no status endpoint, the deactivate call was the whole job.
		return status ? { ...status, workflow } : { status: 'not_published', workflow };
	}

	/**
	 * Poll the workflow's publication status until `settled` accepts it. Resolves with null when
	 * n8n has no status endpoint (synchronous activation: the (de)activate call was the whole job);
	 * throws after `timeoutMs`, saying what it saw last.
	 * @param {string} id
	 * @param {(status: PublicationStatus) => boolean} settled
	 * @param {string} what `publish` or `unpublish`, for the error
	 * @param {number} timeoutMs
	 * @returns {Promise<PublicationStatus | null>}
	 */
	async waitForPublicationStatus(id, settled, what, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		/** @type {PublicationStatus | undefined} */
		let status;
		while (Date.now() < deadline) {
			try {
				status = await this.publicationStatus(id);
			} catch (error) {
				if (error instanceof N8nApiError && error.status === 404) return null;
				throw error;
			}
			if (settled(status)) return status;
			await sleep(200);
		}
		throw new Error(`${what} ${id}: still '${status && status.status}' after ${timeoutMs} ms`);
	}

	/**
	 * "Listen for test event": POST /rest/workflows/:id/run with the trigger to start from.
	 * @param {string} id
	 * @param {string} triggerName
	 * @returns {Promise<RawResponse>}
	 */
	async listenForTestEvent(id, triggerName) {
		return this.raw(
			'POST',
			`/rest/workflows/${id}/run`,
			await this.manualRunBody(id, { triggerToStartFrom: { name: triggerName } }),
		);
	}

	/**
	 * The body of `POST /rest/workflows/:id/run` for `fields` (triggerToStartFrom, destinationNode...).
	 * n8n 2.x runs the saved workflow and takes only those fields. n8n 1.x runs the workflow sent in
	 * the body (`workflowData`, required: without it the call fails with 500 "Cannot read properties
	 * of undefined (reading 'id')"; workflows.controller.js `runManually`), as its editor sends it:
	 * here the saved workflow, so both versions run the same thing.
	 * @param {string} id
	 * @param {Record<string, unknown>} fields
	 * @returns {Promise<Record<string, unknown>>}
	 */
	async manualRunBody(id, fields) {
		if (!this.isV1) return fields;
		return { workflowData: await this.getWorkflow(id), ...fields };
	}

	/**
	 * Stop listening (the editor's "stop" button): DELETE /rest/test-webhook/:id.
	 * @param {string} id
	 * @returns {Promise<RawResponse>}
	 */
	async stopListening(id) {
		return this.raw('DELETE', `/rest/test-webhook/${id}`);
	}

	/**
	 * Execution summaries of a workflow, newest first (as n8n returns them).
	 * @param {string} workflowId
	 * @param {{ limit?: number }} [options]
	 * @returns {Promise<ExecutionSummary[]>}
	 */
	async listExecutions(workflowId, { limit = 100 } = {}) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId) }));
		const data = await this.request('GET', `/rest/executions?filter=${filter}&limit=${limit}`);
		return (data && data.results) || [];
	}

	/**
	 * One execution with its data parsed (flatted). Adds `runData` ({ nodeName: taskData[] }) and
	 * `lastNodeExecuted`, `error` from resultData.
	 * @param {string} id
	 * @returns {Promise<Execution>}
	 */
	async getExecution(id) {
		const exec = await this.request('GET', `/rest/executions/${id}`);
		const data = typeof exec.data === 'string' ? flatted.parse(exec.data) : exec.data;
		const resultData = (data && data.resultData) || {};
		return {
			...exec,
			data,
			runData: resultData.runData || {},
			error: resultData.error,
			lastNodeExecuted: resultData.lastNodeExecuted,
		};
	}

	/**
	 * Wait until the workflow has at least `n` finished executions; returns them fully loaded,
	 * oldest first. Throws on timeout, listing what it saw.
	 * @param {string} workflowId
	 * @param {number} n
	 * @param {number} [timeoutMs]
	 * @returns {Promise<Execution[]>}
	 */
	async waitForExecutions(workflowId, n, timeoutMs = 30000) {
		const deadline = Date.now() + timeoutMs;
		/** @type {ExecutionSummary[]} */
		let list = [];
		while (Date.now() < deadline) {
			list = await this.listExecutions(workflowId);
			const finished = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (finished.length >= n) {
				finished.sort((a, b) => Number(a.id) - Number(b.id));
				return Promise.all(finished.map((e) => this.getExecution(e.id)));
			}
			await sleep(250);
		}
		const seen = list.map((e) => `${e.id}:${e.status}`).join(', ') || 'none';
		throw new Error(
			`workflow ${workflowId}: expected ${n} finished execution(s) within ${timeoutMs} ms, saw: ${seen}`,
		);
	}

	/**
	 * POST to a webhook path of this n8n (e.g. `/webhook/<id>/webhook`). body: object or raw string.
	 * @param {string} urlPath
	 * @param {unknown} body
	 * @param {RequestOptions} [options]
	 * @returns {Promise<WebhookResponse>}
	 */
	async postWebhook(urlPath, body, { headers = {}, timeoutMs = 30000 } = {}) {
		return postJson(`${this.url}${urlPath}`, body, { headers, timeoutMs });
	}
}

module.exports = { N8nClient };
