'use strict';
/**
 * The control API under /__emulator (no auth, not in the request log): the core's own routes
 * (`GET /state`, `POST /reset`) and every resource's `controlRoutes`. A JSON body is parsed first
 * (400 if it is not JSON); coded errors from a handler become 400, 404 or 409.
 */

const { writeAnswer } = require('./http.js');
const { resetState, requestLogCopy } = require('./state.js');

/**
 * @typedef {import('../types').Ctx} Ctx
 * @typedef {import('../types').ControlRoute} ControlRoute
 * @typedef {import('./resource').AnyResource} AnyResource
 */

/** @type {Record<string, number>} */
const STATUS_BY_CODE = { BAD_REQUEST: 400, UNKNOWN_ASSISTANT: 404, NOT_REGISTERED: 409 };

/**
 * Everything the emulator holds, for GET /__emulator/state: the core's fields and each
 * resource's snapshot.
 * @param {Ctx} ctx
 * @param {ReadonlyArray<AnyResource>} resources
 * @returns {Record<string, unknown>}
 */
function snapshot(ctx, resources) {
	/** @type {Record<string, unknown>} */
	const out = { url: ctx.url };
	for (const resource of resources)
		if (resource.snapshot) Object.assign(out, resource.snapshot(ctx));
	out.requests = requestLogCopy(ctx.state);
	out.unknownRoute = ctx.settings.unknownRoute;
	return out;
}

/**
 * @param {ReadonlyArray<AnyResource>} resources
 * @returns {ControlRoute[]}
 */
function controlRoutes(resources) {
	/** @type {ControlRoute[]} */
	const core = [
		{
			method: 'GET',
			pattern: /^\/state$/,
			handle: ({ ctx }) => ({ status: 200, body: snapshot(ctx, resources) }),
		},
		{
			method: 'POST',
			pattern: /^\/reset$/,
			handle: ({ ctx }) => {
				resetState(ctx, resources);
				return { status: 200, body: { message: 'Emulator state reset' } };
			},
		},
	];
	return [...core, ...resources.flatMap((resource) => resource.controlRoutes ?? [])];
}

/**
 * @param {Ctx} ctx
 * @param {ReadonlyArray<AnyResource>} resources
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} pathname
 * @param {string} text
 */
async function handleControl(ctx, resources, req, res, pathname, text) {
	/** @type {unknown} */
	let body = {};
	if (text.trim() !== '') {
		try {
			body = JSON.parse(text);
		} catch {
			return writeAnswer(res, {
				status: 400,
				body: { message: 'The request body is not valid JSON.' },
			});
		}
	}
	const rest = pathname.slice('/__emulator'.length);
	for (const route of controlRoutes(resources)) {
		const match = req.method === route.method ? route.pattern.exec(rest) : null;
		if (!match) continue;
		try {
			const params = match.slice(1).map((part) => decodeURIComponent(part));
			return writeAnswer(res, await route.handle({ ctx, body, params }));
		} catch (error) {
			const status = STATUS_BY_CODE[error && error.code];
			if (!status) throw error;
			return writeAnswer(res, { status, body: { message: error.message } });
		}
	}
	return writeAnswer(res, {
		status: 404,
		body: { message: `No control route ${req.method} ${pathname}` },
	});
}

module.exports = { handleControl };
