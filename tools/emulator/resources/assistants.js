'use strict';
/**
 * Resource: assistants. The fixed list of assistants (twelve by default, so that the default page
 * size of 10 gives two pages) and `GET /api/user/assistants/get` with Laravel's pagination.
 * Other resources look assistants up with `findAssistant()`.
 */

const { defineResource } = require('../core/resource.js');
const { isPlainObject } = require('../core/util.js');

/** @typedef {import('../types').Assistant} Assistant */
/** @typedef {import('../types').Ctx} Ctx */

const T = '2026-01-05T09:00:00.000000Z';
/** @type {Array<[number, string, string, string, string, string]>} */
const ROWS = [
	[127, 'f9e8d7c6-b5a4-3210-fedc-ba9876543210', 'Sales Assistant', 'inbound', 'pipeline', 'active'],
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
	[131, '1e9d7c5b-3a2f-4b8e-8d6c-4f2a0b9e7d64', 'Lead Qualifier', 'outbound', 'pipeline', 'active'],
	[
		132,
		'9f3b1d7e-6c4a-4e2b-a8f9-7d5c3b1a0e85',
		'Customer Onboarding',
		'inbound',
		'dualplex',
		'active',
	],
	[133, '5c7e9a1b-2d4f-4a6c-9e8b-1f3d5a7c9b06', 'Order Tracking', 'inbound', 'pipeline', 'active'],
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
];

/** Twelve assistants (ids 127..138); the first is the vendor's example. */
const DEFAULT_ASSISTANTS = Object.freeze(
	ROWS.map(([id, uuid, name, type, mode, status]) =>
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

/**
 * Checks options.assistants and fills the missing fields.
 * @param {unknown} list
 * @returns {Assistant[]}
 */
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

/**
 * An assistant by integer id (a number or digits) or by uuid (any case).
 * @param {Ctx} ctx
 * @param {unknown} ref
 * @returns {Assistant | undefined}
 */
function findAssistant(ctx, ref) {
	const assistants = ctx.settings.assistants;
	if (ref === undefined || ref === null || ref === '') return undefined;
	if (typeof ref === 'number') return assistants.find((a) => a.id === ref);
	const text = String(ref);
	if (/^\d+$/.test(text)) return assistants.find((a) => a.id === Number(text));
	return assistants.find((a) => a.uuid.toLowerCase() === text.toLowerCase());
}

/**
 * `per_page` 1..100 (default 10), or the Laravel validation message.
 * @param {string | null} raw
 * @returns {{ perPage: number, problem?: string }}
 */
function perPageFrom(raw) {
	if (raw === null || raw === '') return { perPage: 10 };
	if (!/^[+-]?\d+$/.test(raw.trim()))
		return { perPage: 0, problem: 'The per page field must be an integer.' };
	if (Number(raw) < 1) return { perPage: 0, problem: 'The per page field must be at least 1.' };
	if (Number(raw) > 100)
		return { perPage: 0, problem: 'The per page field must not be greater than 100.' };
	return { perPage: Number(raw) };
}

/** @type {import('../types').Route['handle']} */
function listAssistants({ ctx, url }) {
	const { perPage, problem } = perPageFrom(url.searchParams.get('per_page'));
	if (problem) return { status: 422, body: { message: problem, errors: { per_page: [problem] } } };
	// Laravel's paginator treats a missing or invalid page as page 1.
	const rawPage = url.searchParams.get('page');
	let page = 1;
	if (rawPage !== null && /^\d+$/.test(rawPage.trim()) && Number(rawPage) >= 1)
		page = Number(rawPage);
	const assistants = ctx.settings.assistants;
	const total = assistants.length;
	const start = (page - 1) * perPage;
	const data = assistants.slice(start, start + perPage).map((a) => ({ ...a }));
	return {
		status: 200,
		body: {
			current_page: page,
			data,
			per_page: perPage,
			total,
			last_page: Math.max(1, Math.ceil(total / perPage)),
			from: data.length ? start + 1 : null,
			to: data.length ? start + data.length : null,
		},
	};
}

const assistants = defineResource({
	name: 'assistants',
	routes: [
		{
			endpoint: 'list',
			method: 'GET',
			pattern: /^\/api\/user\/assistants\/get$/,
			handle: listAssistants,
		},
	],
	api: (ctx) => ({
		/** The assistants served (the same array as options.assistants after defaults). */
		assistants: ctx.settings.assistants,
	}),
	snapshot: (ctx) => ({ assistants: ctx.settings.assistants.map((a) => ({ ...a })) }),
});

module.exports = { assistants, DEFAULT_ASSISTANTS, normalizeAssistants, findAssistant };
