/**
 * Return All / Limit against a server whose paging misbehaves, through n8n-core's real HTTP
 * helpers: the same page for every page number, an echoed `current_page` that never grows, more
 * pages than the cap, rows that are not objects, and one page of 200,000 items. Each ends in a
 * bounded, explained outcome: the right items, or an error that says why none are output.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { getPaged, MAX_PAGES } from '../../../nodes/shared/paging';
import { json, useHostileServer } from '../../helpers/hostileServer';

const API_KEY = 'ix-paging-key-71c0';
const server = useHostileServer({ attempts: 2 });

const purpose = { action: 'list the calls', stage: 'run' } as const;
const pageOf = (url: string | undefined) =>
	Number(new URL(url ?? '/', 'http://x').searchParams.get('page'));
const ids = (pageNumber: number, count = 100) =>
	Array.from({ length: count }, (_, i) => ({ id: (pageNumber - 1) * count + i + 1 }));

async function list(options: { returnAll: boolean; limit?: number }): Promise<IDataObject[]> {
	return await getPaged.call(server.context(API_KEY), '/api/user/calls', purpose, {
		limit: 0,
		...options,
	});
}

async function listError(options: { returnAll: boolean; limit?: number }): Promise<NodeApiError> {
	const error = await list(options).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

describe('a server that repeats pages', () => {
	it('the same page for every page number: stopped at page 2 with an error, nothing output twice', async () => {
		server.handler = (_req, res) => json(res, { current_page: 1, last_page: 1000, data: ids(1) });
		const error = await listError({ returnAll: true });
		expect(error.message).toBe(
			'Could not list the calls: Intellixent answered page 2 with the same items as an earlier page',
		);
		expect(error.description).toMatch(/^The listing was stopped, so that no item is output twice/);
		expect(server.received).toBe(2);
	});

	it('items without ids: the same content again is a repeat too', async () => {
		server.handler = (_req, res) =>
			json(res, { last_page: 50, data: [{ name: 'a' }, { name: 'b' }] });
		const error = await listError({ returnAll: true });
		expect(error.message).toMatch(/answered page 2 with the same items/);
		expect(server.received).toBe(2);
	});

	it('pages with new items are not mistaken for repeats', async () => {
		server.handler = (req, res) => json(res, { last_page: 3, data: ids(pageOf(req.url), 100) });
		const items = await list({ returnAll: true });
		expect(items).toHaveLength(300);
		expect(new Set(items.map((item) => item.id)).size).toBe(300);
	});
});

describe("the node's own page counter, not the server's", () => {
	it('an echoed current_page of 1 on every page: stops at last_page all the same', async () => {
		server.handler = (req, res) =>
			json(res, { current_page: 1, last_page: 3, data: ids(pageOf(req.url)) });
		const items = await list({ returnAll: true });
		expect(items).toHaveLength(300);
		expect(server.pages).toEqual([1, 2, 3]);
	});
});

describe('the page cap', () => {
	it(`more than ${MAX_PAGES} pages: an error naming the cap and how to narrow, not a silent cut`, async () => {
		server.handler = (req, res) => json(res, { last_page: 1_000_000, data: ids(pageOf(req.url)) });
		const error = await listError({ returnAll: true });
		expect(error.message).toBe(
			'Could not list the calls: a list is read to at most 1000 pages (100000 items), and Intellixent has more',
		);
		expect(error.description).toContain('Turn off Return All and set a Limit, or add filters');
		expect(server.received).toBe(MAX_PAGES);
	}, 60_000);

	it('a Limit is met without reading further pages (the server serves 30 a page)', async () => {
		server.handler = (req, res) =>
			json(res, { last_page: 1_000_000, data: ids(pageOf(req.url), 30) });
		const items = await list({ returnAll: false, limit: 70 });
		expect(items.map((item) => item.id)).toEqual(ids(1, 70).map((item) => item.id));
		expect(server.pages).toEqual([1, 2, 3]);
	});
});

describe('rows that are not objects are refused, never output as items', () => {
	it.each([
		[[1, 2], 'item 1 of the list is a number, not an object'],
		[[{ id: 1 }, 'two'], 'item 2 of the list is a string, not an object'],
		[[{ id: 1 }, null], 'item 2 of the list is null, not an object'],
		[[[{ id: 1 }]], 'item 1 of the list is a list, not an object'],
	])('data %j', async (data, words) => {
		server.handler = (_req, res) => json(res, { last_page: 1, data });
		const error = await listError({ returnAll: true });
		expect(error.message).toBe(
			`Could not list the calls: Intellixent answered with an unexpected format (${words})`,
		);
	});

	it('no "data" list at all', async () => {
		server.handler = (_req, res) => json(res, { last_page: 1, items: [] });
		const error = await listError({ returnAll: true });
		expect(error.message).toBe(
			'Could not list the calls: Intellixent answered with an unexpected format (no list of items in "data")',
		);
	});
});

it('one page of 200,000 items is collected without overflowing the stack', async () => {
	const data = ids(1, 200_000);
	server.handler = (_req, res) => json(res, { last_page: 1, data });
	const items = await list({ returnAll: true });
	expect(items).toHaveLength(200_000);
	expect(items[199_999]).toEqual({ id: 200_000 });
});
