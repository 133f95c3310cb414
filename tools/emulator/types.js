'use strict';
/**
 * The shapes the emulator's parts exchange, as JSDoc types checked by `tsc -p test/tsconfig.json`
 * (no hand-written .d.ts). Two groups: what tests see (records, options, faults) and the small
 * interface a resource module implements (`Resource`, `Route`, `ControlRoute`, `Ctx`). The types of
 * the emulator object itself are inferred from the code (see core/emulator.js).
 */

/**
 * @typedef {'path' | 'body' | 'both'} ApiForms Which shapes of enable/disable-conversation-ended-webhook are served.
 * @typedef {'not-found' | 'laravel' | 'html'} UnknownRouteStyle How a route that is not served is answered.
 * @typedef {'widget' | 'whatsapp'} Sample A payload fixture in test/fixtures/.
 * @typedef {'pending' | 'delivered' | 'failed'} DeliveryState
 * @typedef {'status' | 'delay' | 'drop' | 'redirect'} FaultKind
 * @typedef {string} FaultEndpoint A route's `endpoint` name (enable, disable, list, …) or 'any'.
 */

/**
 * @typedef {object} Assistant
 * @property {number} id
 * @property {string} uuid
 * @property {string} name
 * @property {string} type
 * @property {string} mode
 * @property {string} status
 * @property {number} user_id
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * @typedef {object} EmulatorOptions
 * @property {number} [port] 0 (default) picks a free port.
 * @property {string} [host] Default 127.0.0.1.
 * @property {string} [apiKey] Default 'test-api-key'.
 * @property {ReadonlyArray<Partial<Assistant> & { id: number, uuid: string, name: string }>} [assistants] Default: the 12 DEFAULT_ASSISTANTS; missing fields get defaults.
 * @property {ReadonlyArray<number>} [retryDelaysMs] Delay before each retry. Default [30000, 60000, 120000] (so up to 4 attempts).
 * @property {number} [deliveryTimeoutMs] How long one delivery attempt may take. Default 10000.
 * @property {boolean | ((line: string) => void)} [log] true prints to the console; a function receives each line. Default false.
 * @property {ApiForms} [apiForms] Default 'path' (Intellixent's documented form); change later with setApiForms().
 * @property {UnknownRouteStyle} [unknownRoute] Default 'not-found' (JSON {"message":"Not Found"}).
 */

/**
 * The options after validation: what every part reads.
 * @typedef {object} Settings
 * @property {number} port
 * @property {string} host
 * @property {string} apiKey
 * @property {Assistant[]} assistants
 * @property {number[]} retryDelaysMs
 * @property {number} deliveryTimeoutMs
 * @property {ApiForms} apiForms The served forms at start (the current ones are in the webhooks slice).
 * @property {UnknownRouteStyle} unknownRoute
 */

/**
 * @typedef {object} Registration
 * @property {string} webhook_url
 * @property {string} enabled_at
 */

/**
 * @typedef {object} RequestLogEntry
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} query
 * @property {string | null} authorization The Authorization header as received, or null.
 * @property {unknown} body Parsed JSON body, the raw text when it is not JSON, or null when empty.
 * @property {number | 'dropped' | null} status
 * @property {string} at
 * @property {FaultKind} [fault] Set when an injected fault handled the request.
 */

/**
 * @typedef {object} DeliveryAttempt
 * @property {number} n
 * @property {number | null} status HTTP status, or null when no answer came.
 * @property {string | null} error
 * @property {string | null} responseBody First 2 KB of the answer.
 * @property {string} at
 * @property {number} durationMs
 */

/**
 * @typedef {object} DeliveryRecord
 * @property {string} id
 * @property {string} assistant_id
 * @property {string | null} conversation_id
 * @property {string} url
 * @property {DeliveryState} state
 * @property {DeliveryAttempt[]} attempts
 * @property {string} body The exact request body sent.
 * @property {string} created_at
 * @property {string | null} next_attempt_at
 * @property {string | null} finished_at
 * @property {string | null} error
 */

/**
 * @typedef {object} EndConversationOptions
 * @property {Sample} [sample] Fixture to start from (default 'widget'); gets the assistant's uuid and a fresh conversation_id.
 * @property {unknown} [payload] Sent as is instead of a sample; a string is sent verbatim (may be invalid JSON).
 * @property {Record<string, unknown>} [overrides] Field overrides (`a.b` sets nested fields, `undefined` deletes).
 * @property {string[]} [unset] Fields to delete (`a.b` for nested).
 * @property {string} [to] Deliver here instead of the registered URL.
 */

/**
 * @typedef {object} FaultSpec
 * @property {FaultEndpoint} [endpoint] Default 'any'.
 * @property {FaultKind} kind
 * @property {number} [status]
 * @property {number | string} [retryAfter]
 * @property {unknown} [body]
 * @property {string} [contentType]
 * @property {number} [delayMs]
 * @property {string} [location] kind 'redirect': the Location header (status 301, 302 (default), 303, 307 or 308).
 * @property {boolean} [commit] kinds 'status' and 'drop': handle the request first (it takes effect), then answer the fault instead.
 * @property {number | string} [times] Default 1; Infinity, -1 or 'Infinity': until cleared.
 */

/**
 * @typedef {object} ActiveFault
 * @property {string} id
 * @property {FaultEndpoint} endpoint
 * @property {FaultKind} kind
 * @property {number} times Remaining uses; -1 means until cleared.
 * @property {number} [status]
 * @property {string} [retryAfter]
 * @property {unknown} [body]
 * @property {string} [contentType]
 * @property {number} [delayMs]
 * @property {string} [location]
 * @property {boolean} [commit]
 */

// ------------------------------------------------------------------ the resource interface

/**
 * What a handler returns; the core writes it (JSON-encodes an object body).
 * @typedef {object} Answer
 * @property {number} status
 * @property {unknown} [body]
 * @property {Record<string, string>} [headers]
 */

/**
 * What every part gets: the validated options, the one state, and the log line printer.
 * @typedef {object} Ctx
 * @property {Settings} settings
 * @property {import('./core/state').State} state
 * @property {(line: string) => void} say
 * @property {string} url The emulator's base URL (set once the server listens).
 * @property {ReadonlyArray<Route>} routes Every resource's API routes, in the order they are matched.
 */

/**
 * One API route. The core has already checked the method, the Bearer key and the faults.
 * @typedef {object} Route
 * @property {string} endpoint Name for fault injection (`injectFault({ endpoint })`) and the log.
 * @property {string} method
 * @property {RegExp} pattern Matched against the path (no trailing slash); groups become `params`.
 * @property {string | null} [form] Which API form the route belongs to (see webhookForms.js).
 * @property {(ctx: Ctx) => boolean} [served] Whether the route is served now (default: always).
 * @property {(request: ApiRequest) => Answer | Promise<Answer>} handle
 */

/**
 * @typedef {object} ApiRequest
 * @property {Ctx} ctx
 * @property {URL} url
 * @property {string[]} params The pattern's groups, URI-decoded.
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} text The raw body.
 */

/**
 * One route of the control API (`/__emulator/...`, no auth). Throw `codedError(..., 'BAD_REQUEST')`
 * (400), 'UNKNOWN_ASSISTANT' (404) or 'NOT_REGISTERED' (409) for refusals.
 * @typedef {object} ControlRoute
 * @property {string} method
 * @property {RegExp} pattern Matched against the path after `/__emulator`.
 * @property {(request: ControlRequest) => Answer | Promise<Answer>} handle
 */

/**
 * @typedef {object} ControlRequest
 * @property {Ctx} ctx
 * @property {unknown} body The parsed JSON body ({} when empty).
 * @property {string[]} params
 */

module.exports = {};
