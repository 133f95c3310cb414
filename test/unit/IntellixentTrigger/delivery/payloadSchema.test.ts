/**
 * The payload schema, case by case, on each zod line a host n8n may resolve (test/helpers/zodLines.ts):
 * every case runs on zod 3.25.x and on zod 4 and must give the same answer on both.
 */
import { ZOD_LINES } from '../../../helpers/zodLines';
import type { ZodLine } from '../../../helpers/zodLines';

import type { JsonObject } from './samples';
import { whatsapp, widget } from './samples';

const SPEC_FIELDS = [
	'conversation_id',
	'assistant_id',
	'type',
	'message_count',
	'status',
	'extracted_variables',
	'input_variables',
	'transcript',
	'formatted_transcript',
	'customer_phone',
	'customer_name',
	'sender',
	'created_at',
	'ended_at',
];

function without(body: JsonObject, field: string): JsonObject {
	const copy = { ...body };
	delete copy[field];
	return copy;
}

describe('the two zod lines', () => {
	it('are zod 3.25.x and the newest zod 4, each copy of the schema running on its own', () => {
		const [zod3, zod4] = ZOD_LINES;
		expect(zod3.packageVersion).toMatch(/^3\.25\./);
		expect(zod4.packageVersion).toMatch(/^4\./);
		// The core version a schema was built by: zod 3.25 carries the zod 4.0.0 core, zod 4 its own.
		const core = (line: ZodLine) => line.schema.conversationEndedPayloadSchema._zod.version;
		expect(core(zod3)).toEqual({ major: 4, minor: 0, patch: 0 });
		const { major, minor, patch } = core(zod4);
		expect(`${major}.${minor}.${patch}`).toBe(zod4.packageVersion);
	});
});

describe.each(ZOD_LINES)('conversation-ended payload schema on $name', ({ schema }) => {
	const { conversationEndedPayloadSchema, describePayloadFields, parseConversationEndedPayload } =
		schema;

	function issuesOf(body: unknown) {
		const result = parseConversationEndedPayload(body);
		if (result.ok) throw new Error(`expected the payload to be refused: ${JSON.stringify(body)}`);
		return result.issues;
	}

	function payloadOf(body: unknown) {
		const result = parseConversationEndedPayload(body);
		if (!result.ok)
			throw new Error(`expected the payload to parse: ${JSON.stringify(result.issues)}`);
		return result.payload;
	}

	it('parses the vendor example (widget) unchanged', () => {
		const body = widget();
		expect(payloadOf(body)).toEqual(body);
	});

	it('parses the WhatsApp fixture unchanged', () => {
		const body = whatsapp();
		expect(payloadOf(body)).toEqual(body);
	});

	it('describes each of the 14 documented fields, in the vendor order', () => {
		const fields = describePayloadFields();
		expect(fields.map((f) => f.field)).toEqual(SPEC_FIELDS);
		for (const field of fields) {
			expect(field.description.trim()).not.toBe('');
		}
		expect(fields.filter((f) => f.required).map((f) => f.field)).toEqual([
			'conversation_id',
			'assistant_id',
			'transcript',
		]);
	});

	it('keeps unknown fields at the top level and inside messages', () => {
		const body = {
			...widget(),
			sentiment: 'positive',
			meta: { a: [1, { b: null }] },
			transcript: [{ role: 'user', content: 'hi', timestamp: '2026-02-23T09:30:01Z', tokens: 2 }],
		};
		const payload = payloadOf(body) as JsonObject;
		expect(payload.sentiment).toBe('positive');
		expect(payload.meta).toEqual({ a: [1, { b: null }] });
		expect(payload.transcript).toEqual([
			{ role: 'user', content: 'hi', timestamp: '2026-02-23T09:30:01Z', tokens: 2 },
		]);
	});

	it('accepts a channel it does not know yet', () => {
		expect(payloadOf({ ...widget(), type: 'instagram' }).type).toBe('instagram');
	});

	it('accepts null for every nullable field, and their absence', () => {
		const nullable = SPEC_FIELDS.filter(
			(f) => !['conversation_id', 'assistant_id', 'transcript'].includes(f),
		);
		const withNulls: JsonObject = widget();
		for (const field of nullable) withNulls[field] = null;
		expect(payloadOf(withNulls)).toEqual(withNulls);

		let minimal: JsonObject = widget();
		for (const field of nullable) minimal = without(minimal, field);
		expect(Object.keys(payloadOf(minimal)).sort()).toEqual([
			'assistant_id',
			'conversation_id',
			'transcript',
		]);
	});

	it('accepts a message whose content is null', () => {
		expect(
			payloadOf({ ...widget(), transcript: [{ role: 'user', content: null }] }).transcript,
		).toHaveLength(1);
	});

	it('accepts open objects whose keys are Object.prototype names, constructor included', () => {
		const odd = { constructor: [], prototype: 'x', toString: 1, hasOwnProperty: null };
		const body = {
			...widget(),
			extracted_variables: odd,
			input_variables: odd,
			sender: odd,
			...odd,
		};
		expect(payloadOf(body)).toEqual(body);
	});

	it('accepts any whole message_count, also above 2^53', () => {
		expect(payloadOf({ ...widget(), message_count: 1e20 }).message_count).toBe(1e20);
	});

	it('keeps __proto__ keys as plain data, without touching prototypes', () => {
		const body = JSON.parse(
			'{"__proto__":{"polluted":1},"conversation_id":"c","assistant_id":"a","transcript":[{"role":"user","content":"x","__proto__":{"polluted":2}}],"extracted_variables":{"__proto__":{"polluted":3}}}',
		);
		const payload = payloadOf(body) as Record<string, unknown>;
		expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(payload.transcript as unknown[])).toBe(Array.prototype);
		expect(Object.getPrototypeOf((payload.transcript as object[])[0])).toBe(Object.prototype);
		expect(Object.getPrototypeOf(payload.extracted_variables)).toBe(Object.prototype);
		expect(Object.prototype.hasOwnProperty.call(payload, '__proto__')).toBe(true);
		expect(
			Object.prototype.hasOwnProperty.call((payload.transcript as object[])[0], '__proto__'),
		).toBe(true);
		expect(Object.prototype.hasOwnProperty.call(payload.extracted_variables, '__proto__')).toBe(
			true,
		);
		expect((payload as { polluted?: unknown }).polluted).toBeUndefined();
		expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
	});

	describe('refuses an invalid payload, naming the field', () => {
		const transcriptWithout = (index: number, field: string) => {
			const body = widget();
			const transcript = body.transcript as JsonObject[];
			delete transcript[index][field];
			return body;
		};
		const cases: Array<[string, () => unknown, string]> = [
			['conversation_id missing', () => without(widget(), 'conversation_id'), 'conversation_id'],
			['conversation_id a number', () => ({ ...widget(), conversation_id: 42 }), 'conversation_id'],
			['conversation_id empty', () => ({ ...widget(), conversation_id: '' }), 'conversation_id'],
			['assistant_id missing', () => without(widget(), 'assistant_id'), 'assistant_id'],
			['transcript missing', () => without(widget(), 'transcript'), 'transcript'],
			['transcript not an array', () => ({ ...widget(), transcript: 'AI: hi' }), 'transcript'],
			['transcript[1].role missing', () => transcriptWithout(1, 'role'), 'transcript[1].role'],
			[
				'transcript[0].content a number',
				() => ({ ...widget(), transcript: [{ role: 'assistant', content: 7 }] }),
				'transcript[0].content',
			],
			['message_count -1', () => ({ ...widget(), message_count: -1 }), 'message_count'],
			['message_count 1.5', () => ({ ...widget(), message_count: 1.5 }), 'message_count'],
			['message_count "8"', () => ({ ...widget(), message_count: '8' }), 'message_count'],
			[
				'extracted_variables an array',
				() => ({ ...widget(), extracted_variables: [1, 2] }),
				'extracted_variables',
			],
			['sender a string', () => ({ ...widget(), sender: 'Salon' }), 'sender'],
			['body an array', () => [widget()], '(body)'],
			['body a string', () => JSON.stringify(widget()), '(body)'],
			['body null', () => null, '(body)'],
		];

		it.each(cases)('%s', (_name, build, field) => {
			const issues = issuesOf(build());
			expect(issues.map((i) => i.field)).toEqual([field]);
			expect(issues[0].problem).toEqual(expect.any(String));
			expect(issues[0].problem).not.toBe('');
		});

		it('says what is wrong in words', () => {
			expect(issuesOf(without(widget(), 'conversation_id'))).toEqual([
				{ field: 'conversation_id', problem: 'is required' },
			]);
			expect(issuesOf({ ...widget(), message_count: '8' })).toEqual([
				{ field: 'message_count', problem: 'must be a number' },
			]);
			expect(issuesOf({ ...widget(), message_count: -1 })).toEqual([
				{ field: 'message_count', problem: 'must not be negative' },
			]);
			expect(issuesOf({ ...widget(), message_count: 1.5 })).toEqual([
				{ field: 'message_count', problem: 'must be a whole number' },
			]);
			expect(issuesOf(null)).toEqual([{ field: '(body)', problem: 'must be a JSON object' }]);
		});

		it('reports several problems at once, at most 10', () => {
			const transcript = Array.from({ length: 30 }, () => ({ role: 1, content: 2 }));
			const issues = issuesOf({ transcript });
			expect(issues.length).toBe(10);
			expect(issues.map((i) => i.field)).toEqual(
				expect.arrayContaining([
					'conversation_id',
					'assistant_id',
					'transcript[0].role',
					'transcript[0].content',
				]),
			);
		});
	});

	it('never throws, whatever it is given', () => {
		const odd: unknown[] = [
			undefined,
			0,
			true,
			Symbol('x'),
			() => 1,
			new Date(),
			new Map(),
			Object.create(null),
		];
		for (const value of odd) {
			expect(() => parseConversationEndedPayload(value)).not.toThrow();
			expect(parseConversationEndedPayload(value).ok).toBe(false);
		}
	});

	it('exports a schema whose shape is the documented field list', () => {
		expect(Object.keys(conversationEndedPayloadSchema.shape)).toEqual(SPEC_FIELDS);
	});
});
