'use strict';
/**
 * The interface of a resource module (resources/*.js): what it registers with the core. A resource
 * is a plain object passed through `defineResource()` so that tsc checks it against this shape and
 * keeps the type of its `api` (which becomes part of the emulator object's type).
 */

/**
 * @typedef {import('../types').Ctx} Ctx
 * @typedef {import('../types').Settings} Settings
 * @typedef {import('../types').Route} Route
 * @typedef {import('../types').ControlRoute} ControlRoute
 */

/**
 * @template A
 * @typedef {object} Resource
 * @property {string} name Its name; also the key of its state slice.
 * @property {(settings: Settings, options: import('../types').EmulatorOptions) => unknown} [createState]
 *   Its state slice (read it with `sliceOf(ctx, name)`); `options` are startEmulator()'s, as given.
 * @property {(ctx: Ctx) => void} [reset] Clears its slice on reset().
 * @property {(ctx: Ctx) => void} [close] Stops its timers and requests on close().
 * @property {Route[]} [routes] Its API routes (under /api).
 * @property {ControlRoute[]} [controlRoutes] Its control routes (under /__emulator).
 * @property {(ctx: Ctx) => A} [api] Members it adds to the emulator object (getters allowed).
 * @property {(ctx: Ctx) => Record<string, unknown>} [snapshot] Fields it adds to GET /__emulator/state.
 */

/** @typedef {Resource<any>} AnyResource */

/**
 * Identity: only there so that tsc checks the object and infers `A`.
 * @template A
 * @param {Resource<A>} resource
 * @returns {Resource<A>}
 */
function defineResource(resource) {
	return resource;
}

module.exports = { defineResource };
