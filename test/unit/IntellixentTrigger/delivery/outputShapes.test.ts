/**
 * The three output shapes (Full Conversation, Flat Row, one item per message) and how each treats
 * prototype keys. Longer than ~500 lines on purpose: Flat Row's naming, collision, cap and formula
 * rules are the columns users map into sheets and CRMs, each pinned by an example and a property.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import {
	COLLIDING_VARIABLE_PREFIX,
	FLAT_ROW_METADATA_COLUMNS,
	flatRow,
	OVERFLOW_COLUMN,
} from '../../../../nodes/IntellixentTrigger/flatRow';
import {
	fullConversation,
	messageItems,
	shapeConversation,
} from '../../../../nodes/IntellixentTrigger/outputShapes';

import type { Json, JsonObject } from './samples';
import {
	emptyTranscript,
	extraFields,
	leafCount,
	longTranscript,
	parseJson,
	parsePayload as parse,
	unicode,
	whatsapp,
	widget,
} from './samples';

const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function expectScalarsOnly(row: IDataObject) {
	for (const [key, value] of Object.entries(row)) {
		const ok = value === null || ['string', 'number', 'boolean'].includes(typeof value);
		if (!ok) throw new Error(`column ${key} is not a scalar: ${JSON.stringify(value)}`);
	}
}

function expectPrototypesIntact(value: unknown) {
	expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
	expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
	expect(Object.keys(Object.prototype)).toEqual([]);
}

const samples: Array<[string, () => JsonObject]> = [
	['the vendor example (widget)', widget],
	['WhatsApp', whatsapp],
	['unicode (emoji, RTL, CJK)', unicode],
	['an empty transcript', emptyTranscript],
	['10,000 messages', () => longTranscript(10_000)],
	['extra fields', extraFields],
];

describe('output shape "conversation"', () => {
	it.each(samples)('keeps every field of %s and adds the computed facts', (_name, build) => {
		const body = build();
		const [item, ...rest] = shapeConversation(parse(body), { shape: 'conversation' });
		expect(rest).toHaveLength(0);
		const transcript = body.transcript as JsonObject[];
		expect(item).toEqual({
			...body,
			duration_seconds: expect.anything(),
			user_message_count: transcript.filter((m) => m.role === 'user').length,
			assistant_message_count: transcript.filter((m) => m.role === 'assistant').length,
		});
		expectPrototypesIntact(item);
	});

	it('computes 1800 s, 1 user and 1 assistant message for the vendor example', () => {
		const item = fullConversation(parse(widget()));
		expect(item).toMatchObject({
			duration_seconds: 1800,
			user_message_count: 1,
			assistant_message_count: 1,
		});
	});

	it('computes the WhatsApp duration across the time zone offset (449 s)', () => {
		expect(fullConversation(parse(whatsapp())).duration_seconds).toBe(449);
	});

	it.each([
		['missing created_at', { created_at: null }],
		['unparseable ended_at', { ended_at: 'yesterday' }],
		['ended before it started', { ended_at: '2026-02-23T09:00:00+01:00' }],
	])('has a null duration with %s', (_name, patch) => {
		expect(fullConversation(parse({ ...widget(), ...patch })).duration_seconds).toBeNull();
	});

	it('adds raw_payload as an object when asked', () => {
		const body = { ...widget(), extra: { a: 1 } };
		const [item] = shapeConversation(
			parse(body),
			{ shape: 'conversation', includeRawPayload: true },
			body,
		);
		expect(item.raw_payload).toEqual(body);
		expect(item.raw_payload).not.toBe(body);
		const [plain] = shapeConversation(parse(body), { shape: 'conversation' }, body);
		expect(own(plain, 'raw_payload')).toBe(false);
	});
});

describe('output shape "flatRow"', () => {
	it('gives the vendor example as plain columns, metadata first, spec status kept', () => {
		const row = flatRow(parse(widget()));
		expect(row).toEqual({
			conversation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
			assistant_id: 'f9e8d7c6-b5a4-3210-fedc-ba9876543210',
			channel: 'widget',
			status: 'ended',
			created_at: '2026-02-23T09:30:00+01:00',
			ended_at: '2026-02-23T10:00:00+01:00',
			duration_seconds: 1800,
			message_count: 8,
			user_message_count: 1,
			assistant_message_count: 1,
			customer_name: 'John Doe',
			customer_phone: null,
			transcript: 'AI: Hi! How can I help you today?\nCustomer: What are your pricing plans?',
			input_name: 'John Doe',
			input_email: 'john@example.com',
			extracted_status: true,
			summary: 'Customer asked about pricing and was interested in the Pro plan',
		});
		expect(Object.keys(row).slice(0, FLAT_ROW_METADATA_COLUMNS.length)).toEqual([
			...FLAT_ROW_METADATA_COLUMNS,
		]);
		expect(COLLIDING_VARIABLE_PREFIX).toBe('extracted_');
	});

	it('flattens nested WhatsApp variables and the sender', () => {
		const row = flatRow(parse(whatsapp()));
		expect(row).toMatchObject({
			channel: 'whatsapp',
			customer_phone: '+34612345678',
			customer_name: null,
			duration_seconds: 449,
			sender_id: 12,
			sender_phone_number: '+34910000000',
			sender_display_name: 'Salon Bella',
			appointment_booked: true,
			appointment_date: '2026-03-02',
			appointment_time: '14:30',
			appointment_service: 'Haircut',
			budget_eur: 45,
			summary: 'Booked a haircut for Monday afternoon',
		});
		expect(own(row, 'appointment')).toBe(false);
		expect(Object.keys(row).some((k) => k.startsWith('input'))).toBe(false);
	});

	it.each(samples)('has only scalar values, metadata columns first, for %s', (_name, build) => {
		const row = flatRow(parse(build()));
		expectScalarsOnly(row);
		expect(Object.keys(row).slice(0, FLAT_ROW_METADATA_COLUMNS.length)).toEqual([
			...FLAT_ROW_METADATA_COLUMNS,
		]);
		expectPrototypesIntact(row);
	});

	it('keeps unicode names and values as they are', () => {
		const row = flatRow(parse(unicode()));
		expect(row).toMatchObject({
			customer_name: 'محمد 李小龍 🧔🏽‍♂️',
			'résumé 📝': 'שלום עולם',
			城市: '東京',
			emoji: '👍🏼🎉',
			summary: 'مرحبا',
		});
		expect(row.transcript).toBe(
			'Customer: مرحبا، هل يمكنني الحجز؟ 🙏\nAI: 你好！当然可以。😊\nCustomer: שלום — 👨‍👩‍👧‍👦 \u202Eright-to-left override\u202C',
		);
	});

	it('writes an empty transcript as empty text and counts from the transcript', () => {
		const row = flatRow(
			parse({ ...emptyTranscript(), message_count: null, formatted_transcript: null }),
		);
		expect(row).toMatchObject({
			transcript: '',
			message_count: 0,
			user_message_count: 0,
			assistant_message_count: 0,
		});
	});

	it('handles 10,000 messages', () => {
		const row = flatRow(parse(longTranscript(10_000)));
		expect(row).toMatchObject({
			message_count: 10_000,
			user_message_count: 5000,
			assistant_message_count: 5000,
		});
		expect((row.transcript as string).split('\n')).toHaveLength(10_000);
	});

	it('joins lists of scalars, writes other lists and deep values as JSON text', () => {
		const deep: Json = {
			l1: { l2: { l3: { l4: { l5: { l6: { l7: { l8: { l9: 'bottom' } } } } } } } },
		};
		const row = flatRow(
			parse({
				...widget(),
				extracted_variables: {
					tags: ['pricing', 'pro', 3, true, null],
					none: [],
					items: [{ sku: 'A', qty: 1 }],
					mixed: [1, [2]],
					deep,
					empty: {},
					nothing: null,
				},
			}),
		);
		expect(row).toMatchObject({
			tags: 'pricing, pro, 3, true, ',
			none: '',
			items: '[{"sku":"A","qty":1}]',
			mixed: '[1,[2]]',
			empty: null,
			nothing: null,
		});
		const deepColumns = Object.keys(row).filter((k) => k.startsWith('deep_'));
		expect(deepColumns).toHaveLength(1);
		expect(typeof row[deepColumns[0]]).toBe('string');
		expect(JSON.stringify(row[deepColumns[0]])).toContain('bottom');
		expectScalarsOnly(row);
	});

	it('keeps unknown top-level fields as columns (extra-field payload)', () => {
		const row = flatRow(parse(extraFields()));
		expect(row).toMatchObject({
			channel: 'instagram',
			sentiment: 'positive',
			tags: 'pricing, pro',
			meta_source_campaign: 'spring',
			meta_source_ids: '1, 2',
		});
	});

	it('never overwrites a column: colliding variables get the prefix, flattened collisions a suffix', () => {
		const row = flatRow(
			parse({
				...widget(),
				extracted_variables: {
					status: true,
					conversation_id: 'fake',
					transcript: 'fake transcript',
					extracted_status: 'already taken',
					input_name: 'not the input',
					a_b: 1,
					a: { b: 2 },
				},
			}),
		);
		expect(row).toMatchObject({
			status: 'ended',
			conversation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
			transcript: 'AI: Hi! How can I help you today?\nCustomer: What are your pricing plans?',
			input_name: 'John Doe',
			extracted_status: true,
			extracted_conversation_id: 'fake',
			extracted_transcript: 'fake transcript',
			extracted_extracted_status: 'already taken',
			extracted_input_name: 'not the input',
			a_b: 1,
			a_b_2: 2,
		});
	});

	it('keeps variables named like Object.prototype members under their own names', () => {
		const row = flatRow(
			parse({
				...widget(),
				extracted_variables: {
					constructor: 'c',
					toString: 't',
					hasOwnProperty: 'h',
					valueOf: { x: 1 },
				},
			}),
		);
		expect(row).toMatchObject({
			constructor: 'c',
			toString: 't',
			hasOwnProperty: 'h',
			valueOf_x: 1,
		});
		expectScalarsOnly(row);
	});

	it('adds raw_payload as JSON text when asked', () => {
		const body = whatsapp();
		const [row] = shapeConversation(
			parse(body),
			{ shape: 'flatRow', includeRawPayload: true },
			body,
		);
		expect(typeof row.raw_payload).toBe('string');
		expect(JSON.parse(row.raw_payload as string)).toEqual(body);
		expectScalarsOnly(row);
	});

	describe('property: every extracted value becomes exactly one column, nothing is overwritten', () => {
		const KEYS = [
			'status',
			'conversation_id',
			'channel',
			'transcript',
			'summary',
			'a',
			'b',
			'a_b',
			'extracted_status',
			'status_2',
			'input_name',
			'sender_id',
			'__proto__',
			'_proto_',
			'constructor',
			'toString',
			'json',
			'',
		];
		const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 }));
		const scalar = fc.oneof(
			fc.string({ maxLength: 8 }),
			fc.integer(),
			fc.double({ noNaN: true }),
			fc.boolean(),
			fc.constant(null),
		);
		const tree = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
			value: fc.oneof(
				{ maxDepth: 5, depthSize: 'small' },
				scalar,
				fc.array(scalar, { maxLength: 3 }),
				fc.array(tie('value'), { maxLength: 2 }),
				tie('object'),
			),
			object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
		}));

		it('holds for random extracted_variables', () => {
			const baseline = flatRow(parse({ ...widget(), extracted_variables: {} }));
			let runs = 0;
			fc.assert(
				fc.property(tree.object, (generated) => {
					runs++;
					// As n8n hands it over: through JSON (own `__proto__` keys stay plain data).
					const variables = parseJson(JSON.stringify(generated));
					const row = flatRow(parse({ ...widget(), extracted_variables: variables }));
					// Past the column cap, the rest is in the overflow column (counted by its values).
					const overflow = own(row, OVERFLOW_COLUMN)
						? JSON.parse(row[OVERFLOW_COLUMN] as string).extracted_variables
						: undefined;
					const columns =
						Object.keys(row).length - Object.keys(baseline).length - (overflow ? 1 : 0);
					const valuesIn = (tree: Record<string, unknown>) =>
						Object.values(tree).reduce<number>((n, v) => n + leafCount(v), 0);
					expect(columns + (overflow ? valuesIn(overflow) : 0)).toBe(valuesIn(variables));
					for (const [column, value] of Object.entries(baseline))
						expect(row[column]).toEqual(value);
					// Metadata first. JavaScript itself lists integer-like keys ("0", "12") before all others,
					// so a variable named like that cannot come after the metadata: leave those out.
					const named = Object.keys(row).filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
					expect(named.slice(0, Object.keys(baseline).length)).toEqual(Object.keys(baseline));
					expectScalarsOnly(row);
					expect(own(row, '__proto__')).toBe(false);
					expectPrototypesIntact(row);
				}),
				{ numRuns: 500 },
			);
			expect(runs).toBeGreaterThanOrEqual(500);
		});
	});
});

describe('output shape "messages"', () => {
	it.each(samples)(
		'gives one item per message of %s, numbered, with the conversation id',
		(_name, build) => {
			const body = build();
			const transcript = body.transcript as JsonObject[];
			const items = shapeConversation(parse(body), { shape: 'messages' });
			expect(items).toHaveLength(transcript.length);
			const wrong = items.filter((item, index) => {
				const expected: IDataObject = {
					conversation_id: body.conversation_id,
					assistant_id: body.assistant_id,
					channel: body.type ?? null,
					message_number: index + 1,
					message_total: transcript.length,
					...transcript[index],
				};
				return (
					Object.getPrototypeOf(item) !== Object.prototype ||
					Object.entries(expected).some(([k, v]) => JSON.stringify(item[k]) !== JSON.stringify(v))
				);
			});
			expect(wrong).toEqual([]);
		},
	);

	it('matches the vendor example exactly', () => {
		expect(messageItems(parse(widget()))).toEqual([
			{
				conversation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
				assistant_id: 'f9e8d7c6-b5a4-3210-fedc-ba9876543210',
				channel: 'widget',
				message_number: 1,
				message_total: 2,
				role: 'assistant',
				content: 'Hi! How can I help you today?',
				customer_name: 'John Doe',
				customer_phone: null,
				created_at: '2026-02-23T09:30:00+01:00',
				ended_at: '2026-02-23T10:00:00+01:00',
			},
			expect.objectContaining({
				message_number: 2,
				role: 'user',
				content: 'What are your pricing plans?',
			}),
		]);
	});

	it('never overwrites the conversation columns with message fields', () => {
		const [item] = messageItems(
			parse({
				...widget(),
				transcript: [{ role: 'user', content: 'x', conversation_id: 'other', message_number: 99 }],
			}),
		);
		expect(item).toMatchObject({
			conversation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
			conversation_id_2: 'other',
			message_number: 1,
			message_number_2: 99,
		});
	});

	it('adds raw_payload as an object to the first item only when asked (not n copies)', () => {
		const body = whatsapp();
		const items = shapeConversation(
			parse(body),
			{ shape: 'messages', includeRawPayload: true },
			body,
		);
		expect(items).toHaveLength(6);
		expect(items[0].raw_payload).toEqual(body);
		for (const item of items.slice(1)) expect(own(item, 'raw_payload')).toBe(false);
	});

	it('keeps the output linear in the number of messages with raw_payload on', () => {
		const body = {
			...whatsapp(),
			transcript: Array.from({ length: 20_000 }, (_, i) => ({ role: 'user', content: `m${i}` })),
		};
		const items = shapeConversation(
			parse(body),
			{ shape: 'messages', includeRawPayload: true },
			body,
		);
		expect(items).toHaveLength(20_000);
		// One copy of the payload in all, whatever the number of messages.
		expect(JSON.stringify(items).length).toBeLessThan(
			3 * JSON.stringify(body).length + 20_000 * 400,
		);
	});
});

describe('__proto__ and other prototype keys', () => {
	const hostile = () =>
		parseJson(
			JSON.stringify({
				...widget(),
				extracted_variables: { summary: 'ok' },
				transcript: [{ role: 'user', content: 'hi' }],
			}).replace(
				/^\{/,
				'{"__proto__":"top","constructor":{"prototype":{"polluted":"c"}},' +
					'"extracted_variables_x":{"__proto__":{"polluted":"nested"}},',
			),
		);
	const withHostileParts = () => {
		const body = hostile();
		(body.extracted_variables as JsonObject) = parseJson(
			'{"__proto__":"ev","constructor":"k","deep":{"__proto__":{"polluted":"d"}}}',
		);
		body.transcript = [
			parseJson('{"role":"user","content":"hi","__proto__":"m","constructor":"mc"}'),
		];
		body.input_variables = parseJson('{"__proto__":{"polluted":"input"}}');
		return body;
	};

	afterEach(() => {
		expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
		expect(Object.keys(Object.prototype)).toEqual([]);
	});

	it('the conversation shape keeps them under _proto_, prototypes untouched', () => {
		const body = withHostileParts();
		const [item] = shapeConversation(
			parse(body),
			{ shape: 'conversation', includeRawPayload: true },
			body,
		);
		expectPrototypesIntact(item);
		expect(own(item, '__proto__')).toBe(false);
		expect(item._proto_).toBe('top');
		expect(item.constructor).toEqual({ prototype: { polluted: 'c' } });
		expect(item.extracted_variables).toEqual({
			_proto_: 'ev',
			constructor: 'k',
			deep: { _proto_: { polluted: 'd' } },
		});
		expect(item.extracted_variables_x).toEqual({ _proto_: { polluted: 'nested' } });
		expect(item.input_variables).toEqual({ _proto_: { polluted: 'input' } });
		expect((item.transcript as IDataObject[])[0]).toEqual({
			role: 'user',
			content: 'hi',
			_proto_: 'm',
			constructor: 'mc',
		});
		const raw = item.raw_payload as IDataObject;
		expectPrototypesIntact(raw);
		expect(raw._proto_).toBe('top');
		expect(own(raw, '__proto__')).toBe(false);
		for (const nested of [
			item.extracted_variables,
			item.extracted_variables_x,
			item.input_variables,
			raw.extracted_variables,
		]) {
			expectPrototypesIntact(nested);
			expect(own(nested as object, '__proto__')).toBe(false);
		}
	});

	it('the flat row keeps them under _proto_ columns, prototypes untouched', () => {
		const body = withHostileParts();
		const [row] = shapeConversation(
			parse(body),
			{ shape: 'flatRow', includeRawPayload: true },
			body,
		);
		expectPrototypesIntact(row);
		expectScalarsOnly(row);
		expect(own(row, '__proto__')).toBe(false);
		expect(row).toMatchObject({
			_proto_: 'top',
			constructor_prototype_polluted: 'c',
			extracted_variables_x___proto___polluted: 'nested',
			input___proto___polluted: 'input',
			extracted___proto__: 'ev',
			constructor: 'k',
			deep___proto___polluted: 'd',
		});
	});

	it('never lets a renamed __proto__ overwrite a real _proto_ key', () => {
		const body = parseJson(
			JSON.stringify(widget()).replace(/^\{/, '{"_proto_":"real","__proto__":"renamed",'),
		);
		const [item] = shapeConversation(
			parse(body),
			{ shape: 'conversation', includeRawPayload: true },
			body,
		);
		expect(item).toMatchObject({ _proto_: 'real', _proto__2: 'renamed' });
		expect(item.raw_payload).toMatchObject({ _proto_: 'real', _proto__2: 'renamed' });
		const [row] = shapeConversation(parse(body), { shape: 'flatRow' }, body);
		expect(row).toMatchObject({ _proto_: 'real', _proto__2: 'renamed' });
	});

	it('the messages shape keeps them under _proto_, prototypes untouched', () => {
		const body = withHostileParts();
		const [item] = shapeConversation(parse(body), { shape: 'messages' }, body);
		expectPrototypesIntact(item);
		expect(own(item, '__proto__')).toBe(false);
		expect(item).toMatchObject({ _proto_: 'm', constructor: 'mc', role: 'user', content: 'hi' });
	});
});
