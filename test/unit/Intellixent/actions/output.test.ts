/**
 * The Output option (node version 1.1) of Call Get and Get Many, Assistant Get Many and WhatsApp
 * Get Senders against the emulator: Simplified by default, Raw, Selected Fields and its refusals,
 * and version 1 nodes (every saved workflow) outputting what they did before. The size of a Get
 * Many of 100 ended calls, and of a Get of each of them (which has the transcript), in each output
 * is printed and Simplified is asserted smaller than Raw: byte counts, not timings.
 */
import { actionNodeAgainstEmulator, json } from '../actionRun';

const { emulator, run, failure } = actionNodeAgainstEmulator();
const V11 = { typeVersion: 1.1 };

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

function hundredEndedCalls() {
	for (let n = 0; n < 100; n++) {
		const call = emulator().startCall({ type: n % 2 ? 'inbound' : 'outbound' });
		emulator().endCall(call.id, { status: 'completed' });
	}
}

const manyCalls = { resource: 'call', operation: 'getAll', returnAll: false, limit: 100 };

describe('Output of Call Get Many: 100 calls with transcripts', () => {
	it('Simplified (the default of version 1.1) is smaller than Raw; the figures are printed', async () => {
		hundredEndedCalls();
		const simplified = json(await run(manyCalls, V11));
		const raw = json(await run({ ...manyCalls, output: 'raw' }, V11));
		const selected = json(
			await run({ ...manyCalls, output: 'selectedFields', fields: 'id,status,total_cost' }, V11),
		);
		const v1Default = json(await run(manyCalls));
		const v1Raw = json(await run({ ...manyCalls, simple: false }));
		for (const list of [simplified, raw, selected, v1Default, v1Raw])
			expect(list).toHaveLength(100);
		// The list answers without the long fields (transcript, variables, evaluation): Get has them.
		expect(raw.some((c) => 'transcript' in c)).toBe(false);
		const sizes = {
			'1.1 simplified': bytes(simplified),
			'1.1 raw': bytes(raw),
			'1.1 selected id,status,total_cost': bytes(selected),
			'1 simple=true (default)': bytes(v1Default),
			'1 simple=false': bytes(v1Raw),
		};
		process.stdout.write(
			`Get Many of 100 calls, bytes of JSON: ${Object.entries(sizes)
				.map(([k, v]) => `${k}: ${v}`)
				.join('; ')}; raw/simplified ${(sizes['1.1 raw'] / sizes['1.1 simplified']).toFixed(1)}x\n`,
		);
		expect(sizes['1.1 simplified']).toBeLessThan(sizes['1.1 raw']);
		expect(sizes['1.1 selected id,status,total_cost']).toBeLessThan(sizes['1.1 raw']);
		// Version 1 is unchanged: Simplify on gives what Simplified gives, off gives Raw.
		expect(v1Default).toEqual(simplified);
		expect(v1Raw).toEqual(raw);
		expect(Object.keys(selected[0])).toEqual(['id', 'status', 'total_cost']);
	});
});

describe('Output of Call Get', () => {
	it('the same 100 calls one by one with Get (which has the transcript): Simplified is a fraction of Raw; printed', async () => {
		hundredEndedCalls();
		const ids = json(await run(manyCalls, V11)).map((c) => String(c.id));
		const each = (extra: object) =>
			run((i) => ({ resource: 'call', operation: 'get', callId: ids[i], ...extra }), {
				...V11,
				items: ids.length,
			}).then(json);
		const simplified = await each({});
		const raw = await each({ output: 'raw' });
		expect(raw.every((c) => typeof c.transcript === 'string' && c.transcript !== '')).toBe(true);
		const [s, r] = [bytes(simplified), bytes(raw)];
		process.stdout.write(
			`Get of the same 100 calls, bytes of JSON: simplified ${s}; raw ${r}; raw/simplified ${(r / s).toFixed(1)}x\n`,
		);
		expect(s).toBeLessThan(r / 2);
	});

	it('version 1.1 ignores a leftover Simplify: Output decides', async () => {
		const call = emulator().startCall({ type: 'outbound' });
		emulator().endCall(call.id, { status: 'completed' });
		const get = { resource: 'call', operation: 'get', callId: String(call.id) };
		const [simple] = json(await run({ ...get, simple: false }, V11));
		expect(simple).not.toHaveProperty('transcript');
		const [raw] = json(await run({ ...get, output: 'raw', simple: true }, V11));
		expect(typeof raw.transcript).toBe('string');
	});

	it('Selected Fields: empty or over 100 names is refused before any request, saying what to do', async () => {
		const get = { resource: 'call', operation: 'get', callId: '1', output: 'selectedFields' };
		const empty = await failure({ ...get, fields: ' , ' }, V11);
		expect(empty.message).toMatch(/Fields is empty: name the fields to output/);
		const many = Array.from({ length: 101 }, (_, n) => `f${n}`).join(',');
		const tooMany = await failure({ ...get, fields: many }, V11);
		expect(tooMany.message).toMatch(/names 101 fields: name at most 100/);
		expect(
			emulator()
				.requests()
				.filter((r) => r.path.startsWith('/api/')),
		).toEqual([]);
	});
});

describe('Output of Assistant Get Many and WhatsApp Get Senders', () => {
	it('version 1.1 simplifies by default; version 1 outputs the records as Intellixent sent them', async () => {
		const list = { resource: 'assistant', operation: 'getAll', returnAll: true };
		const simple = json(await run(list, V11));
		const before = json(await run(list));
		expect(simple.length).toBe(before.length);
		expect(Object.keys(simple[0])).toEqual(['id', 'uuid', 'name', 'type', 'status']);
		expect(before[0]).toHaveProperty('created_at');
		expect(json(await run({ ...list, output: 'raw' }, V11))).toEqual(before);

		const senders = { resource: 'whatsapp', operation: 'getSenders', includeOffline: true };
		const sendersSimple = json(await run(senders, V11));
		const sendersBefore = json(await run(senders));
		expect(sendersSimple.map((s) => Object.keys(s))).toEqual(
			sendersBefore.map(() => ['id', 'phone_number', 'display_name', 'status']),
		);
		expect(sendersBefore[0]).toHaveProperty('messaging_limit');
		const picked = json(
			await run({ ...senders, output: 'selectedFields', fields: 'id, id ,nope' }, V11),
		);
		expect(picked).toEqual(sendersBefore.map((s) => ({ id: s.id })));
	});
});
