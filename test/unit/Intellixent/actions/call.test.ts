/** Call > Get and Get Many against the emulator: Simplify, the documented filters, a missing call, IDs refused before any request, reads retried. */
import { actionNodeAgainstEmulator, json, rl } from '../actionRun';

const { emulator, run, failure, apiCalls } = actionNodeAgainstEmulator();

describe('Call', () => {
	it('Get returns the call, simplified by default', async () => {
		const call = emulator().startCall({ type: 'outbound', client_phone_number: '+34600000001' });
		emulator().endCall(call.id, { status: 'completed' });
		const [simple] = json(
			await run({ resource: 'call', operation: 'get', callId: String(call.id) }),
		);
		expect(simple).toMatchObject({ id: call.id, status: 'completed', type: 'outbound' });
		expect(simple).not.toHaveProperty('transcript');
		const [full] = json(
			await run({ resource: 'call', operation: 'get', callId: String(call.id), simple: false }),
		);
		expect(typeof full.transcript).toBe('string');
	});

	it('Get Many sends the documented filters and returns the matching calls', async () => {
		const a = emulator().startCall({ type: 'inbound', client_phone_number: '+34600000002' });
		emulator().startCall({ type: 'outbound', client_phone_number: '+34600000003' });
		const output = await run({
			resource: 'call',
			operation: 'getAll',
			returnAll: true,
			filters: {
				type: 'inbound',
				phoneNumber: '+34600000002',
				assistant: rl(127),
				dateFrom: '2020-01-01T00:00:00',
				dateTo: '2099-12-31T10:00:00',
			},
		});
		expect(json(output).map((c) => c.id)).toEqual([a.id]);
		expect(apiCalls('/api/user/calls')[0].query).toMatchObject({
			type: 'inbound',
			phone_number: '+34600000002',
			assistant_id: '127',
			date_from: '2020-01-01',
			date_to: '2099-12-31',
		});
	});

	it('Get of a call that does not exist: 404 naming the call', async () => {
		const error = await failure({ resource: 'call', operation: 'get', callId: '424242' });
		expect(error.message).toMatch(/call 424242 was not found/);
	});
});

describe('IDs from expressions or agents', () => {
	it.each(['..', '.', '7/../8', ' 7 x'])(
		'a Call ID %j from an expression or an agent is refused before any request',
		async (callId) => {
			const error = await failure({ resource: 'call', operation: 'get', callId });
			expect(error.message).toBe(
				'Call ID must be a positive whole number: the "id" of a call from Call > Get Many',
			);
			expect(emulator().requests()).toHaveLength(0);
		},
	);
});

describe('a read is asked again', () => {
	it('a read (Get Many calls) answered 503 is still asked again', async () => {
		emulator().injectFault({ endpoint: 'calls', kind: 'status', status: 503, times: 1 });
		await run({ resource: 'call', operation: 'getAll', returnAll: false, limit: 5 });
		expect(apiCalls('/api/user/calls')).toHaveLength(2);
	});
});
