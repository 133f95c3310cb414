'use strict';
/**
 * How the emulator answers a route it does not serve. Laravel answers differently depending on
 * version and `Accept` handling, so it is a switch (`unknownRoute`): 'not-found' (JSON
 * {"message":"Not Found"}), 'laravel' ("The route … could not be found.") or 'html' (a 404 page).
 */

const UNKNOWN_ROUTE_STYLES = Object.freeze(/** @type {const} */ (['not-found', 'laravel', 'html']));

/**
 * @param {unknown} style
 * @returns {import('../types').UnknownRouteStyle}
 */
function checkUnknownRouteStyle(style) {
	if (!UNKNOWN_ROUTE_STYLES.includes(/** @type {any} */ (style))) {
		throw new TypeError(`options.unknownRoute must be one of ${UNKNOWN_ROUTE_STYLES.join(', ')}`);
	}
	return /** @type {import('../types').UnknownRouteStyle} */ (style);
}

/**
 * What a server answers for a route it does not have.
 * @param {import('../types').UnknownRouteStyle} style
 * @param {string} pathname
 * @returns {{ status: number, body: unknown, contentType?: string }}
 */
function unknownRouteAnswer(style, pathname) {
	if (style === 'laravel')
		return {
			status: 404,
			body: { message: `The route ${pathname.replace(/^\//, '')} could not be found.` },
		};
	if (style === 'html') {
		return {
			status: 404,
			contentType: 'text/html; charset=UTF-8',
			body: '<!DOCTYPE html>\n<html lang="en"><head><title>Not Found</title></head><body><div>404 | Not Found</div></body></html>',
		};
	}
	return { status: 404, body: { message: 'Not Found' } };
}

module.exports = { UNKNOWN_ROUTE_STYLES, checkUnknownRouteStyle, unknownRouteAnswer };
