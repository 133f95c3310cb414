/**
 * The Call Trigger's output shapes (callShapes.ts): the Full Call keeps every field and adds
 * `ended_at`; the Flat Row has the detail columns in order, never lets a variable overwrite a
 * column, never writes `__proto__`, caps its extra columns and escapes spreadsheet formulas.
 */
import type { ApiCall } from '../../../nodes/shared/callsApi';
import {
	CALL_ROW_COLUMNS,
	MAX_EXTRA_COLUMNS,
	OVERFLOW_COLUMN,
	callRow,
	fullCall,
	shapeCall,
} from '../../../nodes/IntellixentCallTrigger/callShapes';

const CALL: ApiCall = {
	id: 5001,
	status: 'completed',
	type: 'inbound',
	created_at: '2026-11-30T10:00:00.000000Z',
	updated_at: '2026-11-30T10:04:00.000000Z',
	duration: 240,
	transcript: 'AI: Hello\nUser: Hi',
	variables: { status: 'won', appointment: { day: 'Friday' } },
	evaluation: { score: 8 },
	extra_field: 'kept',
};

describe('Call Trigger output shapes', () => {
	it('Full Call: every field, plus ended_at from updated_at', () => {
		expect(fullCall(CALL)).toEqual({ ...CALL, ended_at: CALL.updated_at });
	});

	it('Flat Row: detail columns first, in order; a colliding variable gets variable_', () => {
		const row = callRow(CALL);
		expect(Object.keys(row).slice(0, CALL_ROW_COLUMNS.length)).toEqual([...CALL_ROW_COLUMNS]);
		expect(row).toMatchObject({
			call_id: 5001,
			status: 'completed',
			ended_at: CALL.updated_at,
			duration_seconds: 240,
			evaluation_score: 8,
			variable_status: 'won',
			appointment: '{"day":"Friday"}',
		});
	});

	it('Flat Row: __proto__ never reaches the row as such, and the row is capped', () => {
		const variables = JSON.parse('{"__proto__": "x"}') as Record<string, unknown>;
		for (let i = 0; i < MAX_EXTRA_COLUMNS + 5; i++) variables[`v${i}`] = i;
		const row = callRow({ ...CALL, evaluation: {}, variables });
		expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
		expect(row._proto_).toBe('x');
		expect(Object.keys(row)).toHaveLength(CALL_ROW_COLUMNS.length + MAX_EXTRA_COLUMNS + 1);
		expect(JSON.parse(String(row[OVERFLOW_COLUMN]))).toEqual({
			variables: { v199: 199, v200: 200, v201: 201, v202: 202, v203: 203, v204: 204 },
		});
	});

	it('Flat Row escapes formula cells unless told not to', () => {
		const call = { ...CALL, variables: { note: '=HYPERLINK("x")' } };
		expect(shapeCall(call, { shape: 'flatRow', escapeFormulas: true }).note).toBe(
			`'=HYPERLINK("x")`,
		);
		expect(shapeCall(call, { shape: 'flatRow', escapeFormulas: false }).note).toBe(
			'=HYPERLINK("x")',
		);
	});
});
