'use strict';
/**
 * A minimal in-process stand-in for Intellixent's call list and call detail, for the Call
 * Trigger's unit tests and its poll-cost benchmark (callPollCost.js): it answers the
 * `httpRequestWithAuthentication` helper n8n hands a poll, without HTTP, so 50,000 calls a day
 * cost microseconds per request. It honours `page`, `per_page` (1-100) and `date_from` (UTC day
 * of the creation time), lists newest first or oldest first, counts requests by kind, and holds
 * rows of any shape (`addRaw`) to test unreadable ones. Times are ISO 8601 with Z unless a row
 * gives its own `created_at`.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * @typedef {object} FakeRow
 * @property {number} sortMs  where the row sits in the list
 * @property {Record<string, unknown>} body  what the API shows
 */

/** @param {{ order?: 'newest' | 'oldest' }} [options] */
function createFakeCallApi(options = {}) {
	const order = options.order ?? 'newest';
	/** @type {FakeRow[]} ascending by sortMs, then by insertion */
	const rows = [];
	/** @type {Map<number, FakeRow>} */
	const byId = new Map();
	const counts = { list: 0, detail: 0 };
	/** @type {((id: number) => Promise<void>) | undefined} */
	let beforeDetail;
	/** @type {((query: Record<string, unknown>) => Record<string, unknown> | undefined) | undefined} */
	let listOverride;
	let nextId = 1;

	/** @param {FakeRow} row */
	function insert(row) {
		let lo = 0;
		let hi = rows.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (rows[mid].sortMs <= row.sortMs) lo = mid + 1;
			else hi = mid;
		}
		rows.splice(lo, 0, row);
		const id = row.body.id;
		if (typeof id === 'number') byId.set(id, row);
	}

	/**
	 * A call created at `createdMs` (default open).
	 * @param {number} createdMs
	 * @param {string} [status]
	 */
	function add(createdMs, status = 'in-progress') {
		const id = nextId++;
		const at = new Date(createdMs).toISOString();
		insert({ sortMs: createdMs, body: { id, status, created_at: at, updated_at: at } });
		return id;
	}

	/**
	 * A row with any fields, listed as if created at `sortMs`.
	 * @param {number} sortMs
	 * @param {Record<string, unknown>} body
	 */
	function addRaw(sortMs, body) {
		insert({ sortMs, body: { ...body } });
		if (typeof body.id === 'number' && body.id >= nextId) nextId = body.id + 1;
	}

	/** @param {number} id @param {string} [status] @param {number} [atMs] */
	function end(id, status = 'completed', atMs = Date.now()) {
		const row = byId.get(id);
		if (!row) throw new Error(`no call ${id}`);
		row.body.status = status;
		row.body.updated_at = new Date(atMs).toISOString();
	}

	/** @param {Record<string, unknown>} qs */
	function list(qs) {
		counts.list++;
		const override = listOverride?.(qs);
		if (override) return override;
		const perPage = Number(qs.per_page ?? 15);
		const page = Number(qs.page ?? 1);
		const from =
			typeof qs.date_from === 'string' ? Date.parse(`${qs.date_from}T00:00:00Z`) : -Infinity;
		let lo = 0;
		let hi = rows.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (rows[mid].sortMs < from) lo = mid + 1;
			else hi = mid;
		}
		const total = rows.length - lo;
		const data = [];
		for (let i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++)
			data.push({ ...rows[order === 'newest' ? rows.length - 1 - i : lo + i].body });
		return {
			current_page: page,
			per_page: perPage,
			total,
			last_page: Math.max(1, Math.ceil(total / perPage)),
			data,
		};
	}

	/** @param {{ url: string, qs?: Record<string, unknown> }} request */
	async function handle(request) {
		const path = new URL(request.url).pathname;
		if (/\/api\/user\/calls$/.test(path))
			return { statusCode: 200, headers: {}, body: list(request.qs ?? {}) };
		const match = /\/api\/user\/calls\/(\d+)$/.exec(path);
		if (match) {
			counts.detail++;
			const id = Number(match[1]);
			await beforeDetail?.(id);
			const row = byId.get(id);
			return row
				? { statusCode: 200, headers: {}, body: { data: { ...row.body, transcript: 'AI: Hi' } } }
				: { statusCode: 404, headers: {}, body: { message: 'Call not found' } };
		}
		return { statusCode: 404, headers: {}, body: { message: 'Not found' } };
	}

	return {
		DAY_MS,
		counts,
		add,
		addRaw,
		end,
		/** IDs of calls whose status is still the one they started with. */
		openIds: () => rows.filter((r) => r.body.status === 'in-progress').map((r) => r.body.id),
		/** @param {(id: number) => Promise<void>} hook runs before each detail answer */
		onDetail: (hook) => {
			beforeDetail = hook;
		},
		/** @param {(query: Record<string, unknown>) => Record<string, unknown> | undefined} fn answers a list request instead */
		overrideList: (fn) => {
			listOverride = fn;
		},
		helpers: {
			/** @param {string} _type @param {{ url: string, qs?: Record<string, unknown> }} request */
			httpRequestWithAuthentication: async (_type, request) => await handle(request),
		},
	};
}

module.exports = { createFakeCallApi, DAY_MS };
