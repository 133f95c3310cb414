'use strict';
/**
 * The HTTP core: one request handler for every resource. For an /api request it logs the request,
 * finds the route among the resources' routes, applies an injected fault, answers 404 (unknown
 * route, in the configured style), 405 (wrong method) or 401 (Bearer key), and only then calls the
 * route's handler. Paths under /__emulator go to the control API (no auth, not logged).
 */

const { bearerCheck } = require('./auth.js');
const { CORE_MESSAGES, readBody, writeAnswer } = require('./http.js');
const { takeFault, faultAnswer } = require('./faults.js');
const { handleControl } = require('./control.js');
const { parseLoosely, later } = require('./util.js');
const { unknownRouteAnswer } = require('./unknownRoute.js');

const MAX_LOGGED_REQUESTS = 2000;

/**
 * @typedef {import('../types').Ctx} Ctx
 * @typedef {import('../types').Route} Route
 * @typedef {import('../types').RequestLogEntry} RequestLogEntry
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 */

/** @param {string} part */
function decodeParam(part) {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}

/**
 * The first served route whose pattern and method match, with its URI-decoded groups. When only
 * the path matches, the first such route and `allowed` (the methods of that path, for a 405).
 * @param {Ctx} ctx
 * @param {string | undefined} method
 * @param {string} pathname
 * @returns {{ route: Route | null, params: string[], allowed: string[] }}
 */
function findRoute(ctx, method, pathname) {
	/** @type {{ route: Route | null, params: string[], allowed: string[] }} */
	const found = { route: null, params: [], allowed: [] };
	for (const route of ctx.routes) {
		if (route.served && !route.served(ctx)) continue;
		const match = route.pattern.exec(pathname);
		if (!match) continue;
		const params = match.slice(1).map(decodeParam);
		if (route.method === method) return { route, params, allowed: [method] };
		if (!found.route) Object.assign(found, { route, params });
		found.allowed.push(route.method);
	}
	return found;
}

/**
 * @param {Ctx} ctx
 * @param {IncomingMessage} req
 * @param {URL} url
 * @param {string} text
 * @returns {RequestLogEntry}
 */
function logRequest(ctx, req, url, text) {
	/** @type {RequestLogEntry} */
	const entry = {
		method: req.method ?? '',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		authorization: req.headers.authorization ?? null,
		body: parseLoosely(text),
		status: null,
		at: new Date().toISOString(),
	};
	const log = ctx.state.requests;
	log.push(entry);
	if (log.length > MAX_LOGGED_REQUESTS) log.splice(0, log.length - MAX_LOGGED_REQUESTS);
	return entry;
}

/**
 * @param {Ctx} ctx
 * @param {ReadonlyArray<import('./resource').AnyResource>} resources
 * @returns {(req: IncomingMessage, res: ServerResponse) => Promise<void>}
 */
function createRequestHandler(ctx, resources) {
	const auth = bearerCheck(ctx.settings.apiKey);

	/**
	 * An /api request: everything before and after the route's handler.
	 * @param {IncomingMessage} req
	 * @param {ServerResponse} res
	 * @param {URL} url
	 * @param {string} pathname
	 * @param {{ text: string, tooLarge: boolean }} body
	 */
	async function handleApi(req, res, url, pathname, { text, tooLarge }) {
		const entry = logRequest(ctx, req, url, text);
		/** @param {import('../types').Answer} answer */
		const answer = (answer) => writeAnswer(res, answer, entry);
		res.on('finish', () =>
			ctx.say(
				`${entry.method} ${url.pathname}${url.search} -> ${entry.status} (${auth.label(req.headers.authorization)})`,
			),
		);
		if (tooLarge) return answer({ status: 413, body: { message: 'Payload Too Large' } });

		const { route, params, allowed } = findRoute(ctx, req.method, pathname);
		const fault = takeFault(ctx, route ? route.endpoint : null);
		// A committing fault lets the request take effect, then spoils its answer (see the end).
		const afterwards = fault?.commit ? fault : null;
		if (fault && !afterwards) {
			entry.fault = fault.kind;
			if (fault.kind === 'drop') {
				entry.status = 'dropped';
				ctx.say(`${entry.method} ${url.pathname} -> dropped (fault)`);
				req.socket.destroy();
				return;
			}
			if (fault.kind !== 'delay') return answer(faultAnswer(fault));
			// delay: wait, then answer normally
			await new Promise((resolve) =>
				later(ctx.state.requestTimers, /** @type {number} */ (fault.delayMs), () => resolve(null)),
			);
			if (ctx.state.closed) return;
		}

		if (!route) {
			const unknown = unknownRouteAnswer(ctx.settings.unknownRoute, pathname);
			/** @type {Record<string, string>} */
			const headers = unknown.contentType ? { 'Content-Type': unknown.contentType } : {};
			return answer({ status: unknown.status, body: unknown.body, headers });
		}
		if (req.method !== route.method) {
			const routeText = pathname.replace(/^\//, '');
			return answer({
				status: 405,
				body: {
					message: `The ${req.method} method is not supported for route ${routeText}. Supported methods: ${allowed.join(', ')}.`,
				},
				headers: { Allow: allowed.join(', ') },
			});
		}
		if (!auth.isAuthorized(req.headers.authorization)) {
			return answer({ status: 401, body: { message: CORE_MESSAGES.unauthenticated } });
		}
		const real = await route.handle({ ctx, url, params, headers: req.headers, text });
		if (!afterwards) return answer(real);
		entry.fault = afterwards.kind;
		if (afterwards.kind === 'drop') {
			entry.status = 'dropped';
			ctx.say(`${entry.method} ${url.pathname} -> done, then dropped (fault)`);
			req.socket.destroy();
			return;
		}
		return answer(faultAnswer(afterwards));
	}

	return async function handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://emulator.local');
		const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
		const body = await readBody(req);
		if (body.failed) return;
		if (pathname === '/__emulator' || pathname.startsWith('/__emulator/')) {
			return handleControl(ctx, resources, req, res, pathname, body.text);
		}
		return handleApi(req, res, url, pathname, body);
	};
}

module.exports = { createRequestHandler };
