/**
 * Return All / Limit over Intellixent's Laravel-style pages (`page`, `per_page`; answers
 * `{current_page, last_page, data}`). One helper for every list operation of the action node, so
 * each stops at the same places: the last page, an empty page, enough items for the limit, or a
 * page cap that keeps a broken server from looping forever.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RequestPurpose } from './apiErrors';
import { intellixentRequest } from './intellixentApi';

type ApiContext = ThisParameterType<typeof intellixentRequest>;

/** The API's largest `per_page`. */
const MAX_PER_PAGE = 100;
/** Return All stops after this many pages (100,000 items at 100 a page). */
const MAX_PAGES = 1000;

export interface PagingOptions {
	returnAll: boolean;
	/** Used when returnAll is false; at least 1. */
	limit: number;
	qs?: IDataObject;
	/** Keeps only the items it accepts (a search the API cannot do); the limit counts kept items. */
	keep?: (item: IDataObject) => boolean;
}

interface Page {
	current_page?: unknown;
	last_page?: unknown;
	data?: unknown;
}

function pageItems(context: ApiContext, page: unknown, purpose: RequestPurpose): IDataObject[] {
	const data = (page as Page | undefined)?.data;
	if (Array.isArray(data)) return data as IDataObject[];
	const message = `Could not ${purpose.action}: Intellixent answered without a list of items (no "data")`;
	throw new NodeApiError(context.getNode(), { message } as JsonObject, {
		message,
		description: "Check the credential's Base URL: it should be the Intellixent portal address.",
	});
}

function isLastPage(page: unknown, pageNumber: number, items: IDataObject[]): boolean {
	const last = Number((page as Page).last_page);
	const current = Number((page as Page).current_page ?? pageNumber);
	return items.length === 0 || !Number.isFinite(last) || current >= last;
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
	const collected: IDataObject[] = [];
	for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
		const page: unknown = await intellixentRequest.call(this, 'GET', path, purpose, {
			qs: { ...options.qs, page: pageNumber, per_page: perPage },
		});
		const items = pageItems(this, page, purpose);
		collected.push(...(options.keep ? items.filter(options.keep) : items));
		if (collected.length >= wanted || isLastPage(page, pageNumber, items)) break;
	}
	return collected.slice(0, wanted);
}
