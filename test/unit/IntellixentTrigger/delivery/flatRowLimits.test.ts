/**
 * Flat Row naming is linear in the number of colliding names, a row has at
 * most MAX_FLAT_ROW_COLUMNS columns and no name longer than MAX_COLUMN_NAME_LENGTH, and whatever
 * gets no column is kept in OVERFLOW_COLUMN, in the payload's own structure: nothing is lost.
 * Speed is measured by tools/bench/flat-row-collisions.js, not asserted here: the naming test
 * counts key look-ups instead.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	FLAT_ROW_METADATA_COLUMNS,
	flatRow,
	MAX_COLUMN_NAME_LENGTH,
	MAX_FLAT_ROW_COLUMNS,
	OVERFLOW_COLUMN,
} from '../../../../nodes/IntellixentTrigger/flatRow';
import { setUniqueKey } from '../../../../nodes/shared/itemKeys';

import type { JsonObject } from './samples';
import { leafCount, parseJson, parsePayload as parse, widget } from './samples';

/** `n` variables that all flatten to `a_a_…`: `{"a_a_a": 1, "a_a": {"a": 1}, "a": {"a_a": 1}, …}`. */
function collidingVariables(parts: number): JsonObject {
	const root: JsonObject = {};
	const name = (length: number) => Array(length).fill('a').join('_');
	const add = (node: JsonObject, left: number, depth: number) => {
		for (let first = 1; first <= left; first++) {
			if (first === left) node[name(first)] = depth;
			else if (depth < 7) add((node[name(first)] ??= {}) as JsonObject, left - first, depth + 1);
		}
	};
	add(root, parts, 0);
	return root;
}

describe('collision naming is linear', () => {
	it('1,000 writes of one name look up each candidate name once (3,000 look-ups, not 500,000)', () => {
		const target: IDataObject = {};
		let lookups = 0;
		const counted = new Proxy(target, {
			getOwnPropertyDescriptor(object, key) {
				lookups++;
				return Reflect.getOwnPropertyDescriptor(object, key);
			},
		});
		const suffixes = new Map<string, number>();
		for (let i = 0; i < 1000; i++) setUniqueKey(counted, 'a', i, suffixes);
		expect(Object.keys(target)).toHaveLength(1000);
		expect(target.a_1000).toBe(999);
		// Per write: the name itself, one free candidate, and the assignment's own look-up.
		expect(lookups).toBeLessThanOrEqual(3 * 1000);
	});

	it('skips names taken by real keys and still never overwrites', () => {
		const target: IDataObject = { a: 0, a_2: 'taken', a_4: 'taken too' };
		const suffixes = new Map<string, number>();
		expect(['x', 'y', 'z'].map((v) => setUniqueKey(target, 'a', v, suffixes))).toEqual([
			'a_3',
			'a_5',
			'a_6',
		]);
		expect(target).toMatchObject({ a: 0, a_2: 'taken', a_4: 'taken too' });
	});
});

describe('a hostile Flat Row is capped, and nothing is lost', () => {
	it.each(['extracted_variables', 'input_variables'])(
		'%s with 1,800 colliding paths: at most the cap, the rest in one JSON column',
		(field) => {
			const variables = collidingVariables(12);
			const row = flatRow(
				parse({
					...widget(),
					input_variables: null,
					extracted_variables: null,
					[field]: variables,
				}),
			);
			expect(leafCount(variables)).toBeGreaterThan(1800);
			expect(Object.keys(row)).toHaveLength(MAX_FLAT_ROW_COLUMNS);
			expect(Object.keys(row).slice(0, FLAT_ROW_METADATA_COLUMNS.length)).toEqual([
				...FLAT_ROW_METADATA_COLUMNS,
			]);
			expect(Object.keys(row).pop()).toBe(OVERFLOW_COLUMN);
			const overflow = JSON.parse(row[OVERFLOW_COLUMN] as string);
			const columnsFromField = Object.keys(row).length - 1 - FLAT_ROW_METADATA_COLUMNS.length;
			// Every value is in a column or in the overflow: leafCount(columns) + leafCount(overflow).
			expect(columnsFromField + leafCount(overflow[field])).toBe(leafCount(variables));
		},
	);

	it('the overflow keeps the payload structure, values as sent (not flattened)', () => {
		const extracted: JsonObject = {};
		for (let i = 0; i < MAX_FLAT_ROW_COLUMNS; i++) extracted[`v${i}`] = i;
		extracted.late = { list: [1, { deep: true }], text: '=1+1' };
		const row = flatRow(
			parse({ ...widget(), input_variables: null, extracted_variables: extracted }),
		);
		const overflow = JSON.parse(row[OVERFLOW_COLUMN] as string);
		const kept = Object.keys(row).filter((k) => /^v\d+$/.test(k)).length;
		expect(kept).toBe(MAX_FLAT_ROW_COLUMNS - FLAT_ROW_METADATA_COLUMNS.length - 1);
		expect(Object.keys(overflow.extracted_variables)).toHaveLength(MAX_FLAT_ROW_COLUMNS - kept + 1);
		expect(overflow.extracted_variables.late).toEqual({ list: [1, { deep: true }], text: '=1+1' });
		expect(overflow.extracted_variables[`v${MAX_FLAT_ROW_COLUMNS - 1}`]).toBe(
			MAX_FLAT_ROW_COLUMNS - 1,
		);
	});

	it('a name longer than the limit goes to the overflow, whatever the depth', () => {
		const long = 'k'.repeat(MAX_COLUMN_NAME_LENGTH + 1);
		const row = flatRow(
			parse({
				...widget(),
				extracted_variables: { [long]: 1, short: { [long]: { x: 2 } }, ok: 3 },
			}),
		);
		expect(Object.keys(row).every((k) => k.length <= MAX_COLUMN_NAME_LENGTH)).toBe(true);
		expect(row.ok).toBe(3);
		expect(JSON.parse(row[OVERFLOW_COLUMN] as string)).toEqual({
			extracted_variables: { [long]: 1, short: { [long]: { x: 2 } } },
		});
	});

	it('one long parent name over many children builds no name per child (output stays linear)', () => {
		const children: JsonObject = {};
		for (let i = 0; i < 20_000; i++) children[`c${i}`] = i;
		const body = { ...widget(), extracted_variables: { ['p'.repeat(150)]: children } };
		const row = flatRow(parse(body));
		expect(JSON.stringify(row).length).toBeLessThan(3 * JSON.stringify(body).length);
	});

	it('__proto__ keys in the overflow stay plain data', () => {
		const extracted: JsonObject = {};
		for (let i = 0; i < MAX_FLAT_ROW_COLUMNS; i++) extracted[`v${i}`] = i;
		const body = parseJson(
			JSON.stringify({ ...widget(), extracted_variables: extracted }).replace(
				'"v0":0',
				'"v0":0,"__proto__":{"polluted":1}',
			),
		);
		(body.extracted_variables as JsonObject)[`z`] = parseJson('{"__proto__":{"polluted":2}}');
		const row = flatRow(parse(body));
		expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
		expect(JSON.parse(row[OVERFLOW_COLUMN] as string).extracted_variables.z).toEqual(
			parseJson('{"__proto__":{"polluted":2}}'),
		);
	});

	it('a variable already named like the overflow column keeps it; the overflow takes the next name', () => {
		const extracted: JsonObject = { [OVERFLOW_COLUMN]: 'mine' };
		for (let i = 0; i < MAX_FLAT_ROW_COLUMNS; i++) extracted[`v${i}`] = i;
		const row = flatRow(parse({ ...widget(), extracted_variables: extracted }));
		expect(row[OVERFLOW_COLUMN]).toBe('mine');
		expect(JSON.parse(row[`${OVERFLOW_COLUMN}_2`] as string).extracted_variables).toHaveProperty(
			'v249',
		);
	});
});
