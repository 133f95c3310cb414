/** Assistant > Get Many (search, limit, Return All) and Delete, against the emulator; a delete answered 5xx is not repeated. */
import { actionNodeAgainstEmulator, json, pairedIndex, rl } from '../actionRun';

const { emulator, run, failure, apiCalls } = actionNodeAgainstEmulator();

describe('Assistant', () => {
	it('Get Many with a search and a limit: only matching assistants, no more than the limit', async () => {
		const output = await run({
			resource: 'assistant',
			operation: 'getAll',
			search: 'ASSISTANT',
			returnAll: false,
			limit: 2,
		});
		expect(json(output).map((a) => a.name)).toEqual(['Sales Assistant', 'Booking Assistant']);
		expect(output.every((item) => pairedIndex(item) === 0)).toBe(true);
	});

	it('Get Many with Return All pages through every assistant', async () => {
		const output = await run({ resource: 'assistant', operation: 'getAll', returnAll: true });
		expect(output).toHaveLength(emulator().assistants.length);
		expect(apiCalls('/api/user/assistants/get')[0].query).toMatchObject({ per_page: '100' });
	});

	it('Delete removes the assistant; a missing one is a 404 naming it', async () => {
		const output = await run({ resource: 'assistant', operation: 'delete', assistant: rl(128) });
		expect(json(output)).toEqual([
			{ deleted: true, id: 128, message: 'Assistant deleted successfully' },
		]);
		expect(emulator().deletedAssistants()).toEqual([128]);
		const error = await failure({ resource: 'assistant', operation: 'delete', assistant: rl(999) });
		expect(error.message).toBe(
			'Could not delete assistant 999: assistant 999 was not found in this Intellixent account (404)',
		);
	});
});

describe('a write is never repeated unless it certainly did not arrive', () => {
	it('an assistant delete answered 503 is sent once', async () => {
		emulator().injectFault({ endpoint: 'deleteAssistant', kind: 'status', status: 503, times: 3 });
		const error = await failure({ resource: 'assistant', operation: 'delete', assistant: rl(3) });
		expect(
			emulator()
				.requests()
				.filter((r) => r.method === 'DELETE'),
		).toHaveLength(1);
		expect(error.message).toContain('(the outcome is unknown)');
	});
});
