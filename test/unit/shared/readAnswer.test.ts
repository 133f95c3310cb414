/**
 * readAnswer and the run's budget directly, without HTTP (answerLimits.test.ts covers them through
 * n8n's real helpers, in seconds): the exact limits of one answer and of one run, which limit an
 * error names, what is parsed and how, the deadline, and which streams are closed.
 */
import {
	MAX_ANSWER_BYTES,
	MAX_RUN_BYTES,
	readAnswer,
	runBudgetTooLowForWrite,
} from '../../../nodes/shared/answerLimits';

const MiB = 1024 * 1024;
const later = () => Date.now() + 60_000;
/** 16 MiB of text, made once. */
const SIXTEEN = 'b'.repeat(16 * MiB);

/** A stream of the given chunks; records whether it was closed. */
function stream(chunks: unknown[]) {
	const state = { destroyed: false };
	return {
		state,
		body: {
			destroy: () => {
				state.destroyed = true;
			},
			async *[Symbol.asyncIterator]() {
				for (const chunk of chunks) yield chunk;
			},
		},
	};
}

/** A stream that never sends anything. */
function silent() {
	const state = { destroyed: false };
	return {
		state,
		body: {
			destroy: () => {
				state.destroyed = true;
			},
			[Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => undefined) }),
		},
	};
}

describe('the limits', () => {
	it('are 16 MiB an answer and 64 MiB a run', () => {
		expect(MAX_ANSWER_BYTES).toBe(16 * MiB);
		expect(MAX_RUN_BYTES).toBe(64 * MiB);
	});

	it('text of exactly 16 MiB is returned; one byte more is over the answer limit', async () => {
		const exact = 'a'.repeat(MAX_ANSWER_BYTES);
		expect(await readAnswer({}, exact, later())).toEqual({ body: exact });
		expect(await readAnswer({}, `${exact}a`, later())).toEqual({
			limit: 'answer',
			bytes: MAX_ANSWER_BYTES + 1,
		});
	});

	it('text is counted in UTF-8 bytes, not characters', async () => {
		const text = 'é'.repeat(MAX_ANSWER_BYTES / 2);
		expect(await readAnswer({}, text, later())).toEqual({ body: text });
		expect(await readAnswer({}, `${text}a`, later())).toEqual({
			limit: 'answer',
			bytes: MAX_ANSWER_BYTES + 1,
		});
	});

	it('a run reads 64 MiB in all, then names the run limit; another context starts afresh', async () => {
		const context = {};
		for (let n = 0; n < 4; n++)
			expect(await readAnswer(context, SIXTEEN, later())).toHaveProperty('body');
		expect(await readAnswer(context, 'c', later())).toEqual({ limit: 'run', bytes: 1 });
		expect(await readAnswer({}, 'c', later())).toEqual({ body: 'c' });
	});

	it('once less than 16 MiB is left, an answer is measured against what is left', async () => {
		const context = {};
		await readAnswer(context, 'b'.repeat(50 * MiB), later()).then((r) =>
			expect(r).toEqual({ limit: 'answer', bytes: 50 * MiB }),
		);
		for (let n = 0; n < 3; n++) await readAnswer(context, SIXTEEN, later());
		// 48 MiB read: 16 MiB left, exactly the answer limit, which is named.
		expect(await readAnswer(context, 'x'.repeat(16 * MiB + 1), later())).toEqual({
			limit: 'answer',
			bytes: 16 * MiB + 1,
		});
		await readAnswer(context, 'x'.repeat(10 * MiB), later());
		// 58 MiB read: 6 MiB left.
		expect(await readAnswer(context, 'y'.repeat(6 * MiB), later())).toEqual({
			body: 'y'.repeat(6 * MiB),
		});
		expect(await readAnswer(context, 'z', later())).toEqual({ limit: 'run', bytes: 1 });
	});

	it('a write needs 1 MiB left of the run: exactly 1 MiB is enough, one byte less is not', async () => {
		const context = {};
		expect(runBudgetTooLowForWrite(context)).toBe(false);
		await readAnswer(context, 'b'.repeat(63 * MiB), later()).then((r) =>
			expect(r).toHaveProperty('limit'),
		);
		for (let n = 0; n < 3; n++) await readAnswer(context, SIXTEEN, later());
		await readAnswer(context, 'b'.repeat(15 * MiB), later());
		expect(runBudgetTooLowForWrite(context)).toBe(false);
		await readAnswer(context, 'b', later());
		expect(runBudgetTooLowForWrite(context)).toBe(true);
		expect(runBudgetTooLowForWrite({})).toBe(false);
	});

	it('bytes read from a stream count against the run, also when the stream is over the limit', async () => {
		const context = {};
		const big = Buffer.alloc(8 * MiB, 0x61);
		const over = stream([big, big, big]);
		expect(await readAnswer(context, over.body, later())).toEqual({
			limit: 'answer',
			bytes: 24 * MiB,
		});
		expect(over.state.destroyed).toBe(true);
		// 24 MiB counted: 40 MiB left.
		for (let n = 0; n < 2; n++) await readAnswer(context, SIXTEEN, later());
		expect(await readAnswer(context, 'b'.repeat(8 * MiB), later())).toHaveProperty('body');
		expect(await readAnswer(context, 'b', later())).toEqual({ limit: 'run', bytes: 1 });
	});
});

describe('what is returned', () => {
	it('a stream of Buffer, Uint8Array and string chunks is joined and parsed as JSON', async () => {
		const s = stream([Buffer.from('{"a":'), new Uint8Array([0x31, 0x2c]), '"b":"é"}']);
		expect(await readAnswer({}, s.body, later())).toEqual({ body: { a: 1, b: 'é' } });
		expect(s.state.destroyed).toBe(false);
	});

	it('a stream of text that is not JSON gives the text; an empty stream gives ""', async () => {
		expect(await readAnswer({}, stream(['not ', 'json']).body, later())).toEqual({
			body: 'not json',
		});
		expect(await readAnswer({}, stream([]).body, later())).toEqual({ body: '' });
	});

	it('bytes are parsed and counted; a body already parsed is returned as it is', async () => {
		expect(await readAnswer({}, Buffer.from('[1,2]'), later())).toEqual({ body: [1, 2] });
		expect(await readAnswer({}, new Uint8Array([0x22, 0x78, 0x22]), later())).toEqual({
			body: 'x',
		});
		const parsedBody = { id: 3 };
		const result = await readAnswer({}, parsedBody, later());
		expect(result).toEqual({ body: parsedBody });
		expect((result as { body: unknown }).body).toBe(parsedBody);
		expect(await readAnswer({}, undefined, later())).toEqual({ body: undefined });
		expect(await readAnswer({}, null, later())).toEqual({ body: null });
		const context = {};
		for (let n = 0; n < 3; n++) await readAnswer(context, Buffer.alloc(16 * MiB), later());
		await readAnswer(context, new Uint8Array(15 * MiB + 1), later());
		expect(runBudgetTooLowForWrite(context)).toBe(true);
		expect(await readAnswer({}, Buffer.alloc(MAX_ANSWER_BYTES + 1), later())).toEqual({
			limit: 'answer',
			bytes: MAX_ANSWER_BYTES + 1,
		});
	});

	it('a stream over 16 MiB stops at the chunk that crosses it and is closed', async () => {
		const chunk = Buffer.alloc(MiB);
		let pulled = 0;
		const state = { destroyed: false };
		const body = {
			destroy: () => {
				state.destroyed = true;
			},
			async *[Symbol.asyncIterator]() {
				for (;;) {
					pulled++;
					yield chunk;
				}
			},
		};
		expect(await readAnswer({}, body, later())).toEqual({
			limit: 'answer',
			bytes: 16 * MiB + MiB,
		});
		expect(pulled).toBe(17);
		expect(state.destroyed).toBe(true);
	});

	it('a stream of exactly 16 MiB is read and parsed', async () => {
		const s = stream([
			Buffer.from('"'),
			Buffer.alloc(MAX_ANSWER_BYTES - 2, 0x61),
			Buffer.from('"'),
		]);
		const result = await readAnswer({}, s.body, later());
		expect((result as { body: string }).body).toHaveLength(MAX_ANSWER_BYTES - 2);
	});

	it('a stream that fails throws its error, is closed and counts what came', async () => {
		const context = {};
		for (let n = 0; n < 3; n++) await readAnswer(context, SIXTEEN, later());
		const state = { destroyed: false };
		const body = {
			destroy: () => {
				state.destroyed = true;
			},
			async *[Symbol.asyncIterator]() {
				yield Buffer.alloc(15 * MiB + 1);
				throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
			},
		};
		await expect(readAnswer(context, body, later())).rejects.toThrow('socket hang up');
		expect(state.destroyed).toBe(true);
		expect(runBudgetTooLowForWrite(context)).toBe(true);
	});
});

describe('the deadline', () => {
	it('a stream silent until the deadline ends there, with the bytes that came, and is closed', async () => {
		const s = silent();
		const started = Date.now();
		expect(await readAnswer({}, s.body, started + 150)).toEqual({ limit: 'deadline', bytes: 0 });
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(s.state.destroyed).toBe(true);
	});

	it('a deadline already past ends the read at the first chunk', async () => {
		const s = stream(['{"a":1}']);
		expect(await readAnswer({}, s.body, Date.now() - 1)).toEqual({
			limit: 'deadline',
			bytes: 0,
		});
		expect(s.state.destroyed).toBe(true);
	});

	it('chunks that keep coming past the deadline end the read at the deadline', async () => {
		const state = { destroyed: false };
		const body = {
			destroy: () => {
				state.destroyed = true;
			},
			async *[Symbol.asyncIterator]() {
				for (;;) {
					await new Promise((resolve) => setTimeout(resolve, 20));
					yield 'x';
				}
			},
		};
		const result = (await readAnswer({}, body, Date.now() + 200)) as {
			limit: string;
			bytes: number;
		};
		expect(result.limit).toBe('deadline');
		expect(result.bytes).toBeGreaterThan(2);
		expect(result.bytes).toBeLessThan(15);
		expect(state.destroyed).toBe(true);
	});

	it('an answer that ends in time leaves no wait running (the read returns at once)', async () => {
		const started = Date.now();
		expect(await readAnswer({}, stream(['1']).body, Date.now() + 5_000)).toEqual({ body: 1 });
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('edges', () => {
	afterEach(() => jest.restoreAllMocks());

	it('a stream of values that are neither bytes nor text (object mode) is read as their text', async () => {
		expect(await readAnswer({}, stream([4, 2]).body, later())).toEqual({ body: 42 });
	});

	it('a deadline of this very millisecond is not yet past: a chunk that comes now is read', async () => {
		const now = Date.now();
		jest.spyOn(Date, 'now').mockReturnValue(now);
		expect(await readAnswer({}, stream(['{"a":1}']).body, now)).toEqual({ body: { a: 1 } });
	});

	it('a silent stream with a deadline of this very millisecond ends at the deadline', async () => {
		const now = Date.now();
		jest.spyOn(Date, 'now').mockReturnValue(now);
		const s = silent();
		expect(await readAnswer({}, s.body, now)).toEqual({ limit: 'deadline', bytes: 0 });
		expect(s.state.destroyed).toBe(true);
	});

	it('a stream without destroy (a plain async iterable) that is not read to its end is left as it is', async () => {
		const plain = {
			async *[Symbol.asyncIterator]() {
				yield SIXTEEN;
				yield 'x';
			},
		};
		expect(await readAnswer({}, plain, later())).toEqual({
			limit: 'answer',
			bytes: MAX_ANSWER_BYTES + 1,
		});
	});
});
