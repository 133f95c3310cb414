/**
 * The Intellixent voice-calls API (GET /api/user/calls and GET /api/user/calls/{id}), on the shared
 * request core: one page of the call list with the documented filters, and one call's details.
 * Used by the Call Trigger; the action node may use it for its Call operations.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { listAssistants } from './intellixentApi';
import { intellixentRequest } from './intellixentApi';
import { endpoints } from './endpoints';

type ApiContext = ThisParameterType<typeof listAssistants>;

/** A call as the API shows it; only the fields the node relies on are named. */
export interface ApiCall {
	id: number;
	status?: string;
	type?: string;
	created_at?: string;
	updated_at?: string;
	[key: string]: unknown;
}

/**
 * One page of the list. Its rows are not checked here: a caller skips a row it cannot read rather
 * than lose the page. `lastPage` is undefined when the answer gives none that is a whole number.
 * The echoed `current_page` is not returned: the caller counts pages itself.
 */
interface CallPage {
	lastPage: number | undefined;
	rows: unknown[];
}

/** The documented filters of GET /api/user/calls (dates are YYYY-MM-DD). */
export interface CallListFilters {
	status?: string;
	type?: string;
	assistant_id?: number;
	campaign_id?: number;
	phone_number?: string;
	date_from?: string;
	date_to?: string;
}

/** The largest page the API serves. */
export const MAX_CALLS_PER_PAGE = 100;

function unexpected(this: ApiContext, action: string): NodeApiError {
	return new NodeApiError(this.getNode(), { message: 'Unexpected answer' } as JsonObject, {
		message: `Could not ${action}: Intellixent answered with an unexpected format`,
		description: "Check the credential's Base URL: it should be the Intellixent portal address.",
	});
}

function isCall(value: unknown): value is ApiCall {
	return typeof value === 'object' && value !== null && 'id' in value;
}

export async function listCalls(
	this: ApiContext,
	filters: CallListFilters,
	page: number,
	perPage = MAX_CALLS_PER_PAGE,
): Promise<CallPage> {
	const action = 'list the calls';
	const qs: IDataObject = { page, per_page: perPage };
	for (const [key, value] of Object.entries(filters)) if (value !== undefined) qs[key] = value;
	const body = (await intellixentRequest.call(
		this,
		'GET',
		endpoints.calls(),
		{ action, stage: 'poll' },
		{ qs },
	)) as { last_page?: unknown; data?: unknown } | undefined;
	if (!body || !Array.isArray(body.data)) throw unexpected.call(this, action);
	const last = Number(body.last_page);
	return {
		lastPage: Number.isSafeInteger(last) && last >= 1 ? last : undefined,
		rows: body.data as unknown[],
	};
}

/** One call with its transcript, variables, evaluation, costs and recording URL. */
export async function getCall(this: ApiContext, id: number): Promise<ApiCall> {
	const action = `read call ${id}`;
	const body = (await intellixentRequest.call(this, 'GET', endpoints.call(this.getNode(), id), {
		action,
		stage: 'poll',
	})) as { data?: unknown } | undefined;
	// A Laravel resource wraps the call in `data`; accept the bare call too.
	const call = isCall(body?.data) ? body.data : body;
	if (!isCall(call)) throw unexpected.call(this, action);
	return call;
}
