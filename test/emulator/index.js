'use strict';
/**
 * Local emulator of the Intellixent API parts the Intellixent Trigger node uses, plus the
 * conversation-ended webhook sender (with Intellixent's documented 30 s / 60 s / 120 s retries).
 * Plain Node.js, no dependencies. See README.md in this folder.
 */

const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const {
	checkApiForms,
	checkUnknownRouteStyle,
	routesFor,
	unknownRouteAnswer,
	bodyAssistantId,
} = require('./apiForms.js');

const DEFAULT_API_KEY = 'test-api-key';
const DEFAULT_RETRY_DELAYS_MS = Object.freeze([30000, 60000, 120000]);
const DEFAULT_DELIVERY_TIMEOUT_MS = 10000;
const USER_AGENT = 'Intellixent-Webhook/1.0';
const SAMPLES = Object.freeze(['widget', 'whatsapp']);
const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures');

const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
const RESPONSE_BODY_LIMIT = 2048;
const WEBHOOK_URL_MAX_LENGTH = 2048;
const MAX_LOGGED_REQUESTS = 2000;
const MAX_KEPT_DELIVERIES = 1000;
const MAX_DELAY_MS = 10 * 60 * 1000;

const MESSAGES = Object.freeze({
	unauthenticated: 'Unauthenticated.',
	notFound: 'Not Found',
	assistantNotFound: 'Assistant not found',
	invalidWebhookUrl: 'The webhook url field must be a valid URL.',
	enabled: 'Conversation ended webhook enabled successfully',
	disabled: 'Conversation ended webhook disabled successfully',
	tooManyRequests: 'Too Many Requests.',
	serverError: 'Server Error',
});

const T = '2026-01-05T09:00:00.000000Z';
/** Twelve assistants (ids 127..138) so that the default page size (10) gives two pages. */
const DEFAULT_ASSISTANTS = Object.freeze(
	[
		[
			127,
			'f9e8d7c6-b5a4-3210-fedc-ba9876543210',
			'Sales Assistant',
			'inbound',
			'pipeline',
			'active',
		],
		[128, '3d1f6a2b-8c4e-4f7a-9b2d-6e5c4a3b2f10', 'Support Bot', 'inbound', 'pipeline', 'active'],
		[
			129,
			'7a2c9e41-5b3d-4c8f-a1e6-0d9b8c7f6e52',
			'WhatsApp Concierge',
			'inbound',
			'multimodal',
			'active',
		],
		[
			130,
			'c4b8e2f1-9a7d-4e3c-b6f5-2a1d0e9c8b73',
			'Booking Assistant',
			'inbound',
			'pipeline',
			'active',
		],
		[
			131,
			'1e9d7c5b-3a2f-4b8e-8d6c-4f2a0b9e7d64',
			'Lead Qualifier',
			'outbound',
			'pipeline',
			'active',
		],
		[
			132,
			'9f3b1d7e-6c4a-4e2b-a8f9-7d5c3b1a0e85',
			'Customer Onboarding',
			'inbound',
			'dualplex',
			'active',
		],
		[
			133,
			'5c7e9a1b-2d4f-4a6c-9e8b-1f3d5a7c9b06',
			'Order Tracking',
			'inbound',
			'pipeline',
			'active',
		],
		[
			134,
			'e2a4c6e8-0b1d-4f3a-b5c7-9d1f3a5c7e97',
			'Returns & Refunds',
			'inbound',
			'pipeline',
			'inactive',
		],
		[
			135,
			'8b6d4f2a-1c3e-4a5b-8c7d-9e0f1a2b3c48',
			'Appointment Reminder',
			'outbound',
			'multimodal',
			'active',
		],
		[
			136,
			'2f4a6c8e-9b1d-4c3e-a5f7-8b9d0e1f2a39',
			'Real Estate Agent',
			'inbound',
			'pipeline',
			'active',
		],
		[
			137,
			'd7e9f1a3-4b5c-4d6e-9f8a-0b1c2d3e4f5a',
			'Recruiting Screener',
			'outbound',
			'pipeline',
			'active',
		],
		[
			138,
			'6a8c0e2f-3d5b-4e7a-b9c1-2d3e4f5a6b7c',
			'After-Hours Receptionist',
			'inbound',
			'dualplex',
			'active',
		],
	].map(([id, uuid, name, type, mode, status]) =>
		Object.freeze({
			id,
			uuid,
			name,
			type,
			mode,
			status,
			user_id: 42,
			created_at: T,
			updated_at: T,
		}),
	),
);

const FAULT_ENDPOINTS = Object.freeze(['enable', 'disable', 'list', 'any']);
const FAULT_KINDS = Object.freeze(['status', 'delay', 'drop', 'redirect']);
const REDIRECT_STATUSES = Object.freeze([301, 302, 303, 307, 308]);

const sampleCache = new Map();
function loadSample(name) {
	if (!SAMPLES.includes(name)) {
		throw codedError(`Unknown sample "${name}": use one of ${SAMPLES.join(', ')}.`, 'BAD_REQUEST');
	}
	if (!sampleCache.has(name)) {
		sampleCache.set(name, fs.readFileSync(path.join(FIXTURES_DIR, `${name}.json`), 'utf8'));
	}
	return JSON.parse(sampleCache.get(name));
}

function codedError(message, code) {
	const error = new Error(message);
	error.code = code;
	return error;
}

function isPlainObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function clone(value) {
	return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Sets (or, for `undefined`, deletes) `a.b.c` style paths; plain keys are set as they are. */
function setPath(target, key, value) {
	const parts = String(key).split('.');
	let node = target;
	for (let i = 0; i < parts.length - 1; i++) {
		if (!isPlainObject(node[parts[i]])) node[parts[i]] = {};
		node = node[parts[i]];
	}
	const last = parts[parts.length - 1];
	if (value === undefined) delete node[last];
	else node[last] = value;
}

function isValidWebhookUrl(value) {
	if (typeof value !== 'string' || value.length === 0 || value.length > WEBHOOK_URL_MAX_LENGTH)
		return false;
	if (/\s/.test(value)) return false;
	let parsed;
	try {
		parsed = new URL(value);
	} catch {
		return false;
	}
	return (
		(parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0
	);
}

function normalizeAssistants(list) {
	if (!Array.isArray(list)) throw new TypeError('options.assistants must be an array');
	const ids = new Set();
	const uuids = new Set();
	return list.map((a, i) => {
		if (
			!isPlainObject(a) ||
			!Number.isInteger(a.id) ||
			typeof a.uuid !== 'string' ||
			typeof a.name !== 'string'
		) {
			throw new TypeError(
				`options.assistants[${i}] needs an integer id, a string uuid and a string name`,
			);
		}
		if (ids.has(a.id) || uuids.has(a.uuid.toLowerCase())) {
			throw new TypeError(`options.assistants[${i}]: duplicate id or uuid`);
		}
		ids.add(a.id);
		uuids.add(a.uuid.toLowerCase());
		return {
			...a,
			id: a.id,
			uuid: a.uuid,
			name: a.name,
			type: a.type ?? 'inbound',
			mode: a.mode ?? 'pipeline',
			status: a.status ?? 'active',
			user_id: a.user_id ?? 42,
			created_at: a.created_at ?? T,
			updated_at: a.updated_at ?? T,
		};
	});
}

function normalizeFault(fault) {
	if (!isPlainObject(fault)) throw codedError('A fault must be an object.', 'BAD_REQUEST');
	const endpoint = fault.endpoint ?? 'any';
	if (!FAULT_ENDPOINTS.includes(endpoint)) {
		throw codedError(`fault.endpoint must be one of ${FAULT_ENDPOINTS.join(', ')}.`, 'BAD_REQUEST');
	}
	if (!FAULT_KINDS.includes(fault.kind)) {
		throw codedError(`fault.kind must be one of ${FAULT_KINDS.join(', ')}.`, 'BAD_REQUEST');
	}
	let times = fault.times ?? 1;
	if (times === -1 || times === 'Infinity' || times === Infinity) times = Infinity;
	else if (!Number.isInteger(times) || times < 1) {
		throw codedError(
			'fault.times must be a positive integer, or -1 / Infinity for "until cleared".',
			'BAD_REQUEST',
		);
	}
	const out = { endpoint, kind: fault.kind, times };
	if (fault.kind === 'status') {
		if (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599) {
			throw codedError(
				'fault.status must be an integer HTTP status between 200 and 599.',
				'BAD_REQUEST',
			);
		}
		out.status = fault.status;
		if (fault.retryAfter !== undefined && fault.retryAfter !== null)
			out.retryAfter = String(fault.retryAfter);
		if (fault.body !== undefined) out.body = fault.body;
		if (fault.contentType !== undefined) out.contentType = String(fault.contentType);
	}
	if (fault.kind === 'redirect') {
		out.status = fault.status ?? 302;
		if (!REDIRECT_STATUSES.includes(out.status)) {
			throw codedError(
				`fault.status of a redirect must be one of ${REDIRECT_STATUSES.join(', ')}.`,
				'BAD_REQUEST',
			);
		}
		if (typeof fault.location !== 'string' || !fault.location) {
			throw codedError(
				'fault.location (where the redirect points) must be a non-empty string.',
				'BAD_REQUEST',
			);
		}
		out.location = fault.location;
	}
	if (fault.kind === 'delay') {
		if (
			typeof fault.delayMs !== 'number' ||
			!(fault.delayMs >= 0) ||
			fault.delayMs > MAX_DELAY_MS
		) {
			throw codedError(
				`fault.delayMs must be a number of milliseconds between 0 and ${MAX_DELAY_MS}.`,
				'BAD_REQUEST',
			);
		}
		out.delayMs = fault.delayMs;
	}
	return out;
}

function defaultFaultBody(status) {
	if (status === 429) return { message: MESSAGES.tooManyRequests };
	if (status >= 500) return { message: MESSAGES.serverError };
	if (status === 401) return { message: MESSAGES.unauthenticated };
	if (status === 404) return { message: MESSAGES.notFound };
	if (status === 403) return { message: 'This action is unauthorized.' };
	if (status === 422) return { message: 'The given data was invalid.', errors: {} };
	return { message: http.STATUS_CODES[status] ?? 'Error' };
}

function describeError(error) {
	if (!error) return 'unknown error';
	return error.code && !String(error.message).includes(error.code)
		? `${error.code}: ${error.message}`
		: String(error.message);
}

function snapshotDelivery(d) {
	return {
		id: d.id,
		assistant_id: d.assistant_id,
		conversation_id: d.conversation_id,
		url: d.url,
		state: d.state,
		attempts: d.attempts.map((a) => ({ ...a })),
		body: d.body,
		created_at: d.created_at,
		next_attempt_at: d.next_attempt_at,
		finished_at: d.finished_at,
		error: d.error,
	};
}

function publicFault(f) {
	const out = {
		id: f.id,
		endpoint: f.endpoint,
		kind: f.kind,
		times: f.times === Infinity ? -1 : f.times,
	};
	for (const key of ['status', 'retryAfter', 'body', 'contentType', 'delayMs', 'location']) {
		if (f[key] !== undefined) out[key] = clone(f[key]);
	}
	return out;
}

/**
 * Starts the emulator. Resolves once it listens.
 * @param {object} [options]
 */
async function startEmulator(options = {}) {
	const {
		port = 0,
		host = '127.0.0.1',
		apiKey = DEFAULT_API_KEY,
		assistants: assistantOption = DEFAULT_ASSISTANTS,
		retryDelaysMs: retryOption = DEFAULT_RETRY_DELAYS_MS,
		deliveryTimeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
		log = false,
		apiForms: apiFormsOption = 'path',
		unknownRoute = 'not-found',
	} = options;

	if (typeof apiKey !== 'string' || apiKey.length === 0)
		throw new TypeError('options.apiKey must be a non-empty string');
	if (
		!Array.isArray(retryOption) ||
		retryOption.some((ms) => typeof ms !== 'number' || !(ms >= 0) || ms > 2 ** 31 - 1)
	) {
		throw new TypeError(
			'options.retryDelaysMs must be an array of non-negative numbers (milliseconds)',
		);
	}
	if (typeof deliveryTimeoutMs !== 'number' || !(deliveryTimeoutMs > 0)) {
		throw new TypeError('options.deliveryTimeoutMs must be a positive number');
	}
	let apiForms;
	try {
		apiForms = checkApiForms(apiFormsOption);
	} catch (error) {
		throw new TypeError(`options.${error.message}`);
	}
	checkUnknownRouteStyle(unknownRoute);
	let routes = routesFor(apiForms);
	const retryDelaysMs = retryOption.slice();
	const assistants = normalizeAssistants(assistantOption);
	const logLine = typeof log === 'function' ? log : log ? (line) => console.log(line) : null;
	const say = (line) => {
		if (logLine) logLine(`[emulator] ${line}`);
	};

	const keyDigest = crypto.createHash('sha256').update(apiKey).digest();
	const registrations = new Map(); // uuid -> { webhook_url, enabled_at }
	let requestLog = [];
	let faults = [];
	let deliveries = new Map(); // id -> record
	const deliveryControl = new Map(); // id -> { promise, resolve, reject }
	const retryTimers = new Set(); // pending delivery retries
	const requestTimers = new Set(); // 'delay' faults holding an API request
	const inflight = new Set();
	let faultSeq = 0;
	let deliverySeq = 0;
	let closed = false;

	function later(set, ms, fn) {
		const timer = setTimeout(() => {
			set.delete(timer);
			fn();
		}, ms);
		set.add(timer);
		return timer;
	}

	function findAssistant(ref) {
		if (ref === undefined || ref === null || ref === '') return undefined;
		if (typeof ref === 'number') return assistants.find((a) => a.id === ref);
		const text = String(ref);
		if (/^\d+$/.test(text)) return assistants.find((a) => a.id === Number(text));
		return assistants.find((a) => a.uuid.toLowerCase() === text.toLowerCase());
	}

	function isAuthorized(header) {
		if (typeof header !== 'string') return false;
		const match = /^Bearer\s+(\S.*)$/i.exec(header.trim());
		if (!match) return false;
		const digest = crypto.createHash('sha256').update(match[1].trim()).digest();
		return crypto.timingSafeEqual(digest, keyDigest);
	}

	function authLabel(header) {
		if (header === undefined) return 'no auth';
		return isAuthorized(header) ? 'auth ok' : 'wrong auth';
	}

	function takeFault(endpoint) {
		const index = faults.findIndex(
			(f) => f.endpoint === 'any' || (endpoint !== null && f.endpoint === endpoint),
		);
		if (index === -1) return null;
		const fault = faults[index];
		if (fault.times !== Infinity) {
			fault.times -= 1;
			if (fault.times <= 0) faults.splice(index, 1);
		}
		return fault;
	}

	// ---------------------------------------------------------------- HTTP plumbing

	function readBody(req) {
		return new Promise((resolve) => {
			const chunks = [];
			let size = 0;
			let tooLarge = false;
			req.on('data', (chunk) => {
				size += chunk.length;
				if (size > MAX_REQUEST_BODY_BYTES) tooLarge = true;
				else chunks.push(chunk);
			});
			req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
			req.on('error', () => resolve({ text: '', tooLarge, failed: true }));
		});
	}

	function reply(res, status, body, headers = {}, entry = null) {
		if (entry) entry.status = status;
		if (res.writableEnded || res.destroyed) return;
		const raw =
			body === undefined || status === 204 || status === 304
				? ''
				: typeof body === 'string'
					? body
					: JSON.stringify(body);
		res.writeHead(status, {
			'Content-Type': 'application/json',
			'Cache-Control': 'no-cache, private',
			'Content-Length': Buffer.byteLength(raw),
			...headers,
		});
		res.end(raw);
	}

	function parseForLog(text) {
		if (text === '') return null;
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}

	async function handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://emulator.local');
		const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
		const { text, tooLarge, failed } = await readBody(req);
		if (failed) return;
		if (pathname === '/__emulator' || pathname.startsWith('/__emulator/')) {
			return handleControl(req, res, pathname, text);
		}
		const entry = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			authorization: req.headers.authorization ?? null,
			body: parseForLog(text),
			status: null,
			at: new Date().toISOString(),
		};
		requestLog.push(entry);
		if (requestLog.length > MAX_LOGGED_REQUESTS)
			requestLog.splice(0, requestLog.length - MAX_LOGGED_REQUESTS);
		res.on('finish', () =>
			say(
				`${entry.method} ${url.pathname}${url.search} -> ${entry.status} (${authLabel(req.headers.authorization)})`,
			),
		);

		if (tooLarge) return reply(res, 413, { message: 'Payload Too Large' }, {}, entry);

		let route = null;
		let params = [];
		for (const candidate of routes) {
			const match = candidate.re.exec(pathname);
			if (match) {
				route = candidate;
				params = match.slice(1).map((p) => {
					try {
						return decodeURIComponent(p);
					} catch {
						return p;
					}
				});
				break;
			}
		}

		const fault = takeFault(route ? route.endpoint : null);
		if (fault) {
			entry.fault = fault.kind;
			if (fault.kind === 'drop') {
				entry.status = 'dropped';
				say(`${entry.method} ${url.pathname} -> dropped (fault)`);
				req.socket.destroy();
				return;
			}
			if (fault.kind === 'status') {
				const headers = {};
				if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
				if (fault.contentType !== undefined) headers['Content-Type'] = fault.contentType;
				const body = fault.body !== undefined ? fault.body : defaultFaultBody(fault.status);
				return reply(res, fault.status, body, headers, entry);
			}
			if (fault.kind === 'redirect') {
				return reply(
					res,
					fault.status,
					{ message: 'Redirecting' },
					{ Location: fault.location },
					entry,
				);
			}
			// delay: wait, then answer normally
			await new Promise((resolve) => later(requestTimers, fault.delayMs, resolve));
			if (closed) return;
		}

		if (!route) {
			const unknown = unknownRouteAnswer(unknownRoute, pathname);
			const headers = unknown.contentType ? { 'Content-Type': unknown.contentType } : {};
			return reply(res, unknown.status, unknown.body, headers, entry);
		}
		if (req.method !== route.method) {
			const routeText = pathname.replace(/^\//, '');
			return reply(
				res,
				405,
				{
					message: `The ${req.method} method is not supported for route ${routeText}. Supported methods: ${route.method}.`,
				},
				{ Allow: route.method },
				entry,
			);
		}
		if (!isAuthorized(req.headers.authorization)) {
			return reply(res, 401, { message: MESSAGES.unauthenticated }, {}, entry);
		}

		if (route.endpoint === 'list') return handleList(res, url, entry);
		const input = parseInput(req, text);
		const webhookUrl = isPlainObject(input) ? input.webhook_url : undefined;
		const invalidUrl = {
			message: MESSAGES.invalidWebhookUrl,
			errors: { webhook_url: [MESSAGES.invalidWebhookUrl] },
		};
		// Body form: Laravel validates the request body before it looks the assistant up.
		const bodyId = route.form === 'body' ? bodyAssistantId(input) : null;
		if (bodyId && bodyId.problem) {
			const errors = {
				assistant_id: [bodyId.problem],
				...(route.endpoint === 'enable' && !isValidWebhookUrl(webhookUrl) ? invalidUrl.errors : {}),
			};
			return reply(res, 422, { message: bodyId.problem, errors }, {}, entry);
		}
		if (bodyId && route.endpoint === 'enable' && !isValidWebhookUrl(webhookUrl))
			return reply(res, 422, invalidUrl, {}, entry);
		// The body form takes the integer id only; the path form the uuid or the id.
		const assistant = bodyId
			? assistants.find((a) => a.id === bodyId.id)
			: findAssistant(params[0]);
		if (!assistant) return reply(res, 404, { message: MESSAGES.assistantNotFound }, {}, entry);
		if (route.endpoint === 'disable') {
			registrations.delete(assistant.uuid);
			return reply(res, 200, { message: MESSAGES.disabled, data: [] }, {}, entry);
		}
		if (!isValidWebhookUrl(webhookUrl)) return reply(res, 422, invalidUrl, {}, entry);
		registrations.set(assistant.uuid, {
			webhook_url: webhookUrl,
			enabled_at: new Date().toISOString(),
		});
		return reply(res, 200, { message: MESSAGES.enabled, data: [] }, {}, entry);
	}

	function parseInput(req, text) {
		const contentType = String(req.headers['content-type'] ?? '');
		if (contentType.includes('application/x-www-form-urlencoded'))
			return Object.fromEntries(new URLSearchParams(text));
		try {
			return JSON.parse(text);
		} catch {
			return null;
		}
	}

	function handleList(res, url, entry) {
		const rawPerPage = url.searchParams.get('per_page');
		let perPage = 10;
		if (rawPerPage !== null && rawPerPage !== '') {
			let problem = null;
			if (!/^[+-]?\d+$/.test(rawPerPage.trim())) problem = 'The per page field must be an integer.';
			else if (Number(rawPerPage) < 1) problem = 'The per page field must be at least 1.';
			else if (Number(rawPerPage) > 100)
				problem = 'The per page field must not be greater than 100.';
			if (problem)
				return reply(res, 422, { message: problem, errors: { per_page: [problem] } }, {}, entry);
			perPage = Number(rawPerPage);
		}
		// Laravel's paginator treats a missing or invalid page as page 1.
		const rawPage = url.searchParams.get('page');
		let page = 1;
		if (rawPage !== null && /^\d+$/.test(rawPage.trim()) && Number(rawPage) >= 1)
			page = Number(rawPage);
		const total = assistants.length;
		const lastPage = Math.max(1, Math.ceil(total / perPage));
		const start = (page - 1) * perPage;
		const data = assistants.slice(start, start + perPage).map((a) => ({ ...a }));
		return reply(
			res,
			200,
			{
				current_page: page,
				data,
				per_page: perPage,
				total,
				last_page: lastPage,
				from: data.length ? start + 1 : null,
				to: data.length ? start + data.length : null,
			},
			{},
			entry,
		);
	}

	// ---------------------------------------------------------------- control API

	function controlError(res, error) {
		const statusByCode = { BAD_REQUEST: 400, UNKNOWN_ASSISTANT: 404, NOT_REGISTERED: 409 };
		const status = statusByCode[error && error.code];
		if (!status) throw error;
		return reply(res, status, { message: error.message });
	}

	async function handleControl(req, res, pathname, text) {
		let body = {};
		if (text.trim() !== '') {
			try {
				body = JSON.parse(text);
			} catch {
				return reply(res, 400, { message: 'The request body is not valid JSON.' });
			}
		}
		const route = `${req.method} ${pathname}`;
		try {
			if (route === 'GET /__emulator/state') return reply(res, 200, state());
			if (route === 'GET /__emulator/deliveries')
				return reply(res, 200, { data: emulator.deliveries() });
			const deliveryMatch = /^\/__emulator\/deliveries\/([^/]+)$/.exec(pathname);
			if (deliveryMatch && req.method === 'GET') {
				const found = emulator.delivery(decodeURIComponent(deliveryMatch[1]));
				return found ? reply(res, 200, found) : reply(res, 404, { message: 'Delivery not found' });
			}
			if (route === 'POST /__emulator/conversations') {
				if (!isPlainObject(body))
					throw codedError('The body must be a JSON object.', 'BAD_REQUEST');
				const { assistant_id: assistantId, sample, payload, overrides, unset, to, wait } = body;
				const record = emulator.startConversationDelivery(assistantId, {
					sample,
					payload,
					overrides,
					unset,
					to,
				});
				if (!wait) return reply(res, 202, record);
				const final = await emulator
					.waitForDelivery(record.id)
					.catch((error) => ({ ...record, error: error.message }));
				return reply(res, 200, final);
			}
			if (route === 'POST /__emulator/faults') return reply(res, 201, emulator.injectFault(body));
			if (route === 'GET /__emulator/faults') return reply(res, 200, { data: emulator.faults() });
			if (route === 'DELETE /__emulator/faults') {
				const cleared = faults.length;
				emulator.clearFaults();
				return reply(res, 200, { cleared });
			}
			if (route === 'POST /__emulator/api-forms') {
				emulator.setApiForms(isPlainObject(body) ? body.forms : undefined);
				return reply(res, 200, { apiForms: emulator.apiForms });
			}
			if (route === 'POST /__emulator/reset') {
				emulator.reset();
				return reply(res, 200, { message: 'Emulator state reset' });
			}
			return reply(res, 404, { message: `No control route ${route}` });
		} catch (error) {
			return controlError(res, error);
		}
	}

	function state() {
		return {
			url: emulator.url,
			assistants: assistants.map((a) => ({ ...a })),
			registrations: emulator.registrations(),
			requests: emulator.requests(),
			deliveries: emulator.deliveries(),
			faults: emulator.faults(),
			retryDelaysMs: retryDelaysMs.slice(),
			deliveryTimeoutMs,
			apiForms,
			unknownRoute,
		};
	}

	// ---------------------------------------------------------------- webhook deliveries

	function postOnce(target, body) {
		return new Promise((resolve) => {
			let settled = false;
			let req = null;
			let timer = null;
			const done = (result) => {
				if (settled) return;
				settled = true;
				if (timer) clearTimeout(timer);
				if (req) inflight.delete(req);
				resolve(result);
			};
			let parsed;
			try {
				parsed = new URL(target);
			} catch {
				done({ status: null, error: `invalid URL: ${target}`, responseBody: null });
				return;
			}
			const transport = parsed.protocol === 'https:' ? https : http;
			const payload = Buffer.from(body, 'utf8');
			try {
				req = transport.request(parsed, {
					method: 'POST',
					agent: false,
					headers: {
						'Content-Type': 'application/json',
						'User-Agent': USER_AGENT,
						Accept: '*/*',
						Connection: 'close',
						'Content-Length': payload.length,
					},
				});
			} catch (error) {
				done({ status: null, error: describeError(error), responseBody: null });
				return;
			}
			inflight.add(req);
			let status = null;
			timer = setTimeout(() => {
				const error = new Error(`timeout: no complete answer within ${deliveryTimeoutMs} ms`);
				error.code = 'ETIMEDOUT';
				done({ status, error: describeError(error), responseBody: null });
				req.destroy(error);
			}, deliveryTimeoutMs);
			req.on('response', (res) => {
				status = res.statusCode ?? null;
				const chunks = [];
				let kept = 0;
				res.on('data', (chunk) => {
					if (kept < RESPONSE_BODY_LIMIT) {
						chunks.push(chunk);
						kept += chunk.length;
					}
				});
				res.on('end', () =>
					done({
						status,
						error: null,
						responseBody: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8'),
					}),
				);
				res.on('error', (error) =>
					done({ status, error: describeError(error), responseBody: null }),
				);
				res.on('close', () => {
					if (!res.complete)
						done({
							status,
							error: 'connection closed before the answer was complete',
							responseBody: null,
						});
				});
			});
			req.on('error', (error) => done({ status, error: describeError(error), responseBody: null }));
			req.end(payload);
		});
	}

	function settle(d, stateName, error = null) {
		d.state = stateName;
		d.next_attempt_at = null;
		d.finished_at = new Date().toISOString();
		d.error = error;
		const control = deliveryControl.get(d.id);
		deliveryControl.delete(d.id);
		if (control) control.resolve(snapshotDelivery(d));
	}

	function attempt(d) {
		if (closed || d.state !== 'pending') return;
		const n = d.attempts.length + 1;
		const started = Date.now();
		d.next_attempt_at = null;
		postOnce(d.url, d.body).then((result) => {
			if (d.state !== 'pending' || d.cancelled) return;
			const record = {
				n,
				status: result.status,
				error: result.error,
				responseBody: result.responseBody,
				at: new Date(started).toISOString(),
				durationMs: Date.now() - started,
			};
			d.attempts.push(record);
			const ok =
				!result.error && result.status !== null && result.status >= 200 && result.status < 300;
			const outcome = result.error ? result.error : String(result.status);
			if (ok) {
				say(`delivery ${d.id} attempt ${n} -> ${outcome}: delivered`);
				settle(d, 'delivered');
				return;
			}
			if (n <= retryDelaysMs.length) {
				const wait = retryDelaysMs[n - 1];
				d.next_attempt_at = new Date(Date.now() + wait).toISOString();
				say(`delivery ${d.id} attempt ${n} -> ${outcome}: retry in ${wait} ms`);
				later(retryTimers, wait, () => attempt(d));
				return;
			}
			say(`delivery ${d.id} attempt ${n} -> ${outcome}: failed after ${n} attempts`);
			settle(d, 'failed', `failed after ${n} attempts`);
		});
	}

	function cancelPending(reason) {
		for (const d of deliveries.values()) {
			if (d.state !== 'pending') continue;
			d.cancelled = true;
			d.state = 'failed';
			d.next_attempt_at = null;
			d.finished_at = new Date().toISOString();
			d.error = `cancelled: ${reason}`;
			const control = deliveryControl.get(d.id);
			deliveryControl.delete(d.id);
			if (control)
				control.reject(codedError(`Delivery ${d.id} was cancelled: ${reason}`, 'CANCELLED'));
		}
		for (const timer of retryTimers) clearTimeout(timer);
		retryTimers.clear();
		for (const req of inflight) req.destroy(new Error(reason));
		inflight.clear();
	}

	function buildBody(assistantUuid, opts) {
		const { sample = 'widget', payload, overrides, unset, to } = opts;
		if (overrides !== undefined && !isPlainObject(overrides))
			throw codedError('overrides must be an object.', 'BAD_REQUEST');
		if (
			unset !== undefined &&
			(!Array.isArray(unset) || unset.some((k) => typeof k !== 'string'))
		) {
			throw codedError('unset must be an array of field names.', 'BAD_REQUEST');
		}
		if (to !== undefined && !isValidWebhookUrl(to))
			throw codedError(`"to" must be an http(s) URL, got ${JSON.stringify(to)}.`, 'BAD_REQUEST');
		const changes = [
			...Object.entries(overrides ?? {}),
			...(unset ?? []).map((k) => [k, undefined]),
		];
		if (typeof payload === 'string') {
			if (changes.length)
				throw codedError(
					'overrides/unset cannot be combined with a string payload (it is sent verbatim).',
					'BAD_REQUEST',
				);
			const parsed = parseForLog(payload);
			return { body: payload, object: isPlainObject(parsed) ? parsed : null };
		}
		let object;
		if (payload !== undefined) {
			if (changes.length && !isPlainObject(payload))
				throw codedError('overrides/unset need an object payload.', 'BAD_REQUEST');
			object = clone(payload);
		} else {
			object = loadSample(sample);
			object.assistant_id = assistantUuid;
			object.conversation_id = crypto.randomUUID();
		}
		for (const [key, value] of changes) setPath(object, key, value);
		return { body: JSON.stringify(object), object: isPlainObject(object) ? object : null };
	}

	function createDelivery(assistantRef, opts = {}) {
		if (closed) throw codedError('The emulator is closed.', 'CLOSED');
		if (!isPlainObject(opts)) throw codedError('The options must be an object.', 'BAD_REQUEST');
		const ref =
			assistantRef === undefined || assistantRef === null || assistantRef === ''
				? assistants[0] && assistants[0].uuid
				: assistantRef;
		const assistant = findAssistant(ref);
		if (!assistant && opts.to === undefined) {
			throw codedError(
				`Unknown assistant ${JSON.stringify(assistantRef ?? null)}: use the uuid or id of one of the emulator's assistants (or pass "to").`,
				'UNKNOWN_ASSISTANT',
			);
		}
		const assistantUuid = assistant ? assistant.uuid : String(ref);
		let url = opts.to;
		if (url === undefined) {
			const registration = registrations.get(assistantUuid);
			if (!registration) {
				throw codedError(
					`No conversation-ended webhook is registered for assistant "${assistant.name}" (${assistantUuid}): ` +
						`enable one first (POST /api/assistants/${assistantUuid}/enable-conversation-ended-webhook, e.g. by activating the n8n workflow) or pass "to".`,
					'NOT_REGISTERED',
				);
			}
			url = registration.webhook_url;
		}
		const { body, object } = buildBody(assistantUuid, opts);
		deliverySeq += 1;
		const d = {
			id: `dlv-${deliverySeq}`,
			assistant_id:
				object && typeof object.assistant_id === 'string' ? object.assistant_id : assistantUuid,
			conversation_id:
				object && typeof object.conversation_id === 'string' ? object.conversation_id : null,
			url,
			state: 'pending',
			attempts: [],
			body,
			created_at: new Date().toISOString(),
			next_attempt_at: null,
			finished_at: null,
			error: null,
		};
		let control;
		const promise = new Promise((resolve, reject) => {
			control = { resolve, reject };
		});
		promise.catch(() => {}); // callers that never await must not cause an unhandled rejection
		deliveryControl.set(d.id, { ...control, promise });
		deliveries.set(d.id, d);
		if (deliveries.size > MAX_KEPT_DELIVERIES) {
			for (const [id, old] of deliveries) {
				if (deliveries.size <= MAX_KEPT_DELIVERIES) break;
				if (old.state !== 'pending') deliveries.delete(id);
			}
		}
		say(
			`delivery ${d.id}: conversation ${d.conversation_id ?? '(custom payload)'} of ${d.assistant_id} -> ${url}`,
		);
		attempt(d);
		return { record: snapshotDelivery(d), promise };
	}

	// ---------------------------------------------------------------- server

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			console.error('[emulator] internal error:', error);
			reply(res, 500, { message: MESSAGES.serverError });
		});
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const boundPort = server.address().port;
	const urlHost = host.includes(':') ? `[${host}]` : host;

	let closing = null;
	const emulator = {
		url: `http://${urlHost}:${boundPort}`,
		port: boundPort,
		host,
		apiKey,
		assistants,
		retryDelaysMs: retryDelaysMs.slice(),
		deliveryTimeoutMs,
		unknownRoute,
		/** Which shapes of the enable/disable endpoints are served: 'path', 'body' or 'both'. */
		get apiForms() {
			return apiForms;
		},
		setApiForms(forms) {
			apiForms = checkApiForms(forms);
			routes = routesFor(apiForms);
		},
		registrations() {
			const out = {};
			for (const [uuid, r] of registrations) out[uuid] = { ...r };
			return out;
		},
		requests() {
			return requestLog.map((entry) => ({
				...entry,
				query: { ...entry.query },
				body: clone(entry.body),
			}));
		},
		deliveries() {
			return [...deliveries.values()].map(snapshotDelivery);
		},
		delivery(id) {
			const d = deliveries.get(id);
			return d ? snapshotDelivery(d) : undefined;
		},
		waitForDelivery(id) {
			const d = deliveries.get(id);
			if (!d) return Promise.reject(codedError(`Unknown delivery ${id}`, 'BAD_REQUEST'));
			const control = deliveryControl.get(id);
			if (!control) {
				return d.state === 'pending' || d.cancelled
					? Promise.reject(codedError(`Delivery ${id} was cancelled: ${d.error}`, 'CANCELLED'))
					: Promise.resolve(snapshotDelivery(d));
			}
			return control.promise;
		},
		endConversation(assistantUuid, opts = {}) {
			try {
				return createDelivery(assistantUuid, opts).promise;
			} catch (error) {
				return Promise.reject(error);
			}
		},
		startConversationDelivery(assistantUuid, opts = {}) {
			return createDelivery(assistantUuid, opts).record;
		},
		injectFault(fault) {
			const normalized = normalizeFault(fault);
			faultSeq += 1;
			const stored = { id: `fault-${faultSeq}`, ...normalized };
			faults.push(stored);
			return publicFault(stored);
		},
		faults() {
			return faults.map(publicFault);
		},
		clearFaults() {
			faults = [];
		},
		reset() {
			cancelPending('emulator reset');
			registrations.clear();
			requestLog = [];
			deliveries = new Map();
			faults = [];
		},
		close() {
			if (closing) return closing;
			closed = true;
			cancelPending('emulator closed');
			for (const timer of requestTimers) clearTimeout(timer);
			requestTimers.clear();
			closing = new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
	return emulator;
}

module.exports = {
	startEmulator,
	DEFAULT_ASSISTANTS,
	DEFAULT_API_KEY,
	DEFAULT_RETRY_DELAYS_MS,
	SAMPLES,
	USER_AGENT,
	MESSAGES,
	loadSample,
};
