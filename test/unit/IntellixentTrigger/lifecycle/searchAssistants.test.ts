/** The assistant list search (`methods.listSearch.searchAssistants`). */
import { NodeApiError, sleep } from 'n8n-workflow';

import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import { DEFAULT_BASE_URL } from '../../../../nodes/shared/intellixentApi';
import {
	answer,
	FAKE_API_KEY,
	hookContext,
	ok,
	type ScriptedAnswer,
	instantSleep,
} from '../../../helpers/fakeContext';

instantSleep();

const { searchAssistants } = new IntellixentTrigger().methods.listSearch;

const SUPPORT = {
	id: 1,
	uuid: 'a7b3c942-5f1e-4d28-8c59-2e4f7a8b9c3d',
	name: 'Support Bot',
	status: 'active',
};
const SALES = {
	id: 2,
	uuid: 'f9e8d7c6-b5a4-3210-fedc-ba9876543210',
	name: 'Sales Assistant',
	status: 'inactive',
};
const NAMELESS = { id: 3, uuid: '0d9c4f3a-1111-4222-8333-944455556666', name: '' };
const BROKEN = { id: 4, name: 'No UUID here' };

function page(data: unknown[], current = 1, last = 1) {
	return ok({ current_page: current, last_page: last, per_page: 100, total: data.length, data });
}

function ctx(http: ScriptedAnswer[]) {
	return hookContext({ credentials: { apiKey: FAKE_API_KEY, baseUrl: DEFAULT_BASE_URL }, http });
}

beforeEach(() => {
	(sleep as unknown as jest.Mock).mockClear();
});

describe('searchAssistants', () => {
	it('maps assistants to {name, value: uuid}, using the uuid when the name is empty, skipping items without uuid', async () => {
		const context = ctx([page([SUPPORT, SALES, NAMELESS, BROKEN])]);
		const result = await searchAssistants.call(context);
		expect(result.results).toEqual([
			{ name: 'Support Bot', value: SUPPORT.uuid },
			{ name: 'Sales Assistant', value: SALES.uuid },
			{ name: NAMELESS.uuid, value: NAMELESS.uuid },
		]);
		expect(result.paginationToken).toBeUndefined();

		const { credentialType, options } = context.mock.requests[0];
		expect(credentialType).toBe('intellixentApi');
		expect(options.url).toBe(`${DEFAULT_BASE_URL}/api/user/assistants/get`);
		expect(options.qs).toEqual({ page: 1, per_page: 100 });
	});

	it.each([
		['support', [SUPPORT.uuid]],
		['SUPPORT', [SUPPORT.uuid]],
		['  assist ', [SALES.uuid]],
		['F9E8D7C6', [SALES.uuid]],
		['a7b3c942-5f1e', [SUPPORT.uuid]],
		['nothing like this', []],
		['', [SUPPORT.uuid, SALES.uuid]],
	])('filter %j matches by name or uuid, case-insensitively', async (filter, expected) => {
		const context = ctx([page([SUPPORT, SALES])]);
		const result = await searchAssistants.call(context, filter);
		expect(result.results.map((r) => r.value)).toEqual(expected);
	});

	it('returns the next page as paginationToken while current_page < last_page', async () => {
		const context = ctx([page([SUPPORT], 1, 3)]);
		const result = await searchAssistants.call(context);
		expect(result.paginationToken).toBe('2');
	});

	it('reads the page from the token, and gives no token on the last page', async () => {
		const context = ctx([page([SALES], 3, 3)]);
		const result = await searchAssistants.call(context, undefined, '3');
		expect(context.mock.requests[0].options.qs).toEqual({ page: 3, per_page: 100 });
		expect(result.paginationToken).toBeUndefined();
		expect(result.results).toEqual([{ name: 'Sales Assistant', value: SALES.uuid }]);
	});

	it('a filter does not stop paging (matches may be on later pages)', async () => {
		const context = ctx([page([SUPPORT], 2, 5)]);
		const result = await searchAssistants.call(context, 'sales', '2');
		expect(result.results).toEqual([]);
		expect(result.paginationToken).toBe('3');
	});

	it.each([['garbage'], ['0'], ['-4']])('an unreadable token %j means page 1', async (token) => {
		const context = ctx([page([SUPPORT])]);
		await searchAssistants.call(context, undefined, token);
		expect(context.mock.requests[0].options.qs).toEqual({ page: 1, per_page: 100 });
	});

	it('API errors surface as NodeApiError with a readable message', async () => {
		const context = ctx([answer(401, { message: 'Unauthenticated.' })]);
		const error = await searchAssistants.call(context).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'Could not list the assistants: Intellixent rejected the API key (401 Unauthenticated)',
		);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).message).not.toContain(FAKE_API_KEY);
	});

	it('an unexpected answer surfaces as NodeApiError', async () => {
		const context = ctx([ok({ message: 'hello' })]);
		await expect(searchAssistants.call(context)).rejects.toThrow(
			'Could not list the assistants: Intellixent answered with an unexpected format',
		);
	});
});
