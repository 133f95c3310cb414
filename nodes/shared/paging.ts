/**
 * Return All / Limit over Intellixent's Laravel-style pages (`page`, `per_page`; answers
 * `{current_page, last_page, data}`). One helper for every list operation of the action node, so
 * each stops at the same places: the last page, an empty page, or enough items for the limit.
 *
 * A server's paging is not trusted: the node counts pages itself (an echoed `current_page` that
 * never grows would loop), a page whose items all came on earlier pages stops the listing with an
 * error (a server that serves page 1 for every page gave 100,000 items, 99,900 of them copies),
 * and a list stops with an error, never silently, at MAX_PAGES. Every row must be an object:
 * n8n items are objects, and a list of numbers or texts is not a list Intellixent documents, so it
 * is refused with the position and type of the first such row rather than wrapped into items a
 * workflow would then read wrongly. The bytes read are capped per node run (answerLimits.ts).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RequestPurpose } from './apiErrors';
import { unexpectedAnswer } from './apiErrors';
import type { ApiContext } from './intellixentApi';
import { intellixentRequest } from './intellixentApi';
import { isPlainObject } from './itemKeys';

/** The API's largest `per_page`. */
const MAX_PER_PAGE = 100;
/** Return All stops, with an error, after this many pages (100,000 items at 100 a page). */
export const MAX_PAGES = 1000;

const NARROW =
	'Turn off Return All and set a Limit, or add filters (status, type, dates…) so that fewer items match.';

export interface PagingOptions {
	returnAll: boolean;
	/** Used when returnAll is false; at least 1. */
	limit: number;
	qs?: IDataObject;
	/** Keeps only the items it accepts (a search the API cannot do); the limit counts kept items. */
	keep?: (item: IDataObject) => boolean;
}

interface Page {
	last_page?: unknown;
	data?: unknown;
}

function pageItems(context: ApiContext, page: unknown, purpose: RequestPurpose): IDataObject[] {
	const data = (page as Page | undefined)?.data;
	if (!Array.isArray(data))
		throw unexpectedAnswer(context.getNode(), purpose.action, 'no list of items in "data"');
	const index = data.findIndex((row) => !isPlainObject(row));
	if (index !== -1) {
		const row: unknown = data[index];
		const type = row === null ? 'null' : Array.isArray(row) ? 'a list' : `a ${typeof row}`;
		throw unexpectedAnswer(
			context.getNode(),
			purpose.action,
			`item ${index + 1} of the list is ${type}, not an object`,
		);
	}
	return data as IDataObject[];
}

function isLastPage(page: unknown, pageNumber: number, items: IDataObject[]): boolean {
	const last = Number((page as Page).last_page);
	return items.length === 0 || !Number.isFinite(last) || pageNumber >= last;
}

/** FNV-1a over the page's JSON, twice with different seeds: 64 bits, linear in the page. */
function fingerprint(items: IDataObject[]): string {
	const text = JSON.stringify(items);
	let a = 0x811c9dc5;
	let b = 0x01000193 ^ text.length;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		a = Math.imul(a ^ c, 0x01000193);
		b = Math.imul(b ^ c, 0x01000197);
	}
	return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/**
 * Tells whether a page brings nothing new: every item's `id` was on an earlier page, or (for
 * items without a scalar id) the same content came before.
 */
function repeatDetector(): (items: IDataObject[]) => boolean {
	const ids = new Set<string>();
	const pages = new Set<string>();
	return (items) => {
		if (items.length === 0) return false;
		const keys = items.map((item) =>
			typeof item.id === 'number' || typeof item.id === 'string' ? String(item.id) : undefined,
		);
		if (keys.every((key) => key !== undefined)) {
			const repeated = keys.every((key) => ids.has(key as string));
			for (const key of keys) ids.add(key as string);
			return repeated;
		}
		const print = fingerprint(items);
		const repeated = pages.has(print);
		pages.add(print);
		return repeated;
	};
}

function pagingError(context: ApiContext, message: string, description: string): NodeApiError {
	const error = new NodeApiError(context.getNode(), { message }, { message, description });
	error.message = message;
	return error;
}

/** Requests pages of `path` until Return All or the limit is satisfied. */
export async function getPaged(
	this: ApiContext,
	path: string,
	purpose: RequestPurpose,
	options: PagingOptions,
): Promise<IDataObject[]> {
	const wanted = options.returnAll ? Infinity : Math.max(1, Math.floor(options.limit));
	// Filtering client-side needs full pages; otherwise ask for no more than the limit.
	const perPage = options.keep || options.returnAll ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, wanted);
	const isRepeat = repeatDetector();
	const collected: IDataObject[] = [];
	for (let pageNumber = 1; ; pageNumber++) {
		if (pageNumber > MAX_PAGES) {
			throw pagingError(
				this,
				`Could not ${purpose.action}: a list is read to at most ${MAX_PAGES} pages (${MAX_PAGES * MAX_PER_PAGE} items), and Intellixent has more`,
				`Nothing was output, so that no partial list passes for the whole one. ${NARROW}`,
			);
		}
		const page: unknown = await intellixentRequest.call(this, 'GET', path, purpose, {
			qs: { ...options.qs, page: pageNumber, per_page: perPage },
			narrow: NARROW,
		});
		const items = pageItems(this, page, purpose);
		if (isRepeat(items)) {
			throw pagingError(
				this,
				`Could not ${purpose.action}: Intellixent answered page ${pageNumber} with the same items as an earlier page`,
				`The listing was stopped, so that no item is output twice: the API's paging is not working. Try again later; if it keeps happening, tell Intellixent support. ${NARROW}`,
			);
		}
		// One push per item: spreading a page of 200,000 items into push() overflows the stack.
		for (const item of items) {
			if (collected.length >= wanted) break;
			if (!options.keep || options.keep(item)) collected.push(item);
		}
		if (collected.length >= wanted || isLastPage(page, pageNumber, items)) break;
	}
	return collected;
}
