/**
 * One request-core call (intellixentRequest) against scripted answers, as the request-core tests
 * make it: the context, the call whose result or error is returned rather than thrown, and a
 * failure with how many requests and which waits it took.
 */
import { NodeApiError } from 'n8n-workflow';

import { DEFAULT_BASE_URL, intellixentRequest } from '../../nodes/shared/intellixentApi';
import {
	FAKE_API_KEY,
	hookContext,
	requestedWaits,
	type HookContext,
	type ScriptedAnswer,
} from './fakeContext';

export const purpose = { action: 'do the thing', stage: 'run' } as const;

type RequestOptions = Parameters<typeof intellixentRequest>[3];

export function ctx(
	http: ScriptedAnswer[],
	baseUrl: string | undefined = DEFAULT_BASE_URL,
): HookContext {
	return hookContext({ credentials: { apiKey: FAKE_API_KEY, baseUrl }, http });
}

/** `{ body }` of a 2xx, or the error thrown. */
export async function outcome(
	context: HookContext,
	method: 'GET' | 'POST' | 'DELETE',
	options: RequestOptions = {},
): Promise<unknown> {
	return await intellixentRequest
		.call(context, method, '/api/thing', purpose, options)
		.then((body) => ({ body }))
		.catch((error: unknown) => error);
}

export async function failure(
	http: ScriptedAnswer[],
	method: 'GET' | 'POST' | 'DELETE' = 'GET',
	options: RequestOptions = {},
): Promise<{ error: NodeApiError; requests: number; waits: number[] }> {
	const context = ctx(http);
	const error = await outcome(context, method, options);
	expect(error).toBeInstanceOf(NodeApiError);
	return {
		error: error as NodeApiError,
		requests: context.mock.requests.length,
		waits: requestedWaits(),
	};
}
