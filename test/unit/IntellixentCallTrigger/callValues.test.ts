/**
 * How the Call Trigger reads a call's `created_at` and status: offsets as given, zoneless times in
 * a chosen time zone (daylight saving included), anything else unreadable; statuses compared
 * without regard to case, spaces and separators, and only documented ones known.
 */
import { CALL_STATUSES, readStatus } from '../../../nodes/shared/callStatuses';
import {
	knownTimeZone,
	readCallTime,
	zonedClock,
} from '../../../nodes/IntellixentCallTrigger/callTimes';

const utc = zonedClock('UTC');
const madrid = zonedClock('Europe/Madrid');

describe('created_at', () => {
	it('a time with an offset is read as it is, whatever the zone option', () => {
		for (const zoned of [utc, madrid]) {
			expect(readCallTime('2026-12-03T10:00:00.123456Z', zoned)).toBe(
				Date.UTC(2026, 11, 3, 10, 0, 0, 123),
			);
			expect(readCallTime('2026-12-03T10:00:00+02:00', zoned)).toBe(Date.UTC(2026, 11, 3, 8));
			expect(readCallTime('2026-12-03 10:00:00-0530', zoned)).toBe(Date.UTC(2026, 11, 3, 15, 30));
		}
	});

	it('a time without an offset is read in the chosen zone, summer time included', () => {
		expect(readCallTime('2026-12-03 10:00:00', madrid)).toBe(Date.UTC(2026, 11, 3, 9));
		expect(readCallTime('2026-12-03T10:00:00', madrid)).toBe(Date.UTC(2026, 11, 3, 9));
		expect(readCallTime('2026-07-03 10:00', madrid)).toBe(Date.UTC(2026, 6, 3, 8));
		expect(readCallTime('2026-12-03 10:00:00', utc)).toBe(Date.UTC(2026, 11, 3, 10));
		expect(readCallTime('2026-12-03 10:00:00', zonedClock('Asia/Kolkata'))).toBe(
			Date.UTC(2026, 11, 3, 4, 30),
		);
	});

	it('reads the edges of the format: fractions, spaces, lower case, hour-only offsets, the last second', () => {
		const at = (v: string, zoned = utc) => readCallTime(v, zoned);
		expect(at('2026-12-03 10:00:00.250', madrid)).toBe(Date.UTC(2026, 11, 3, 9, 0, 0, 250));
		expect(at('1969-12-31 23:59:59.500')).toBe(-500);
		expect(at('2026-12-03T10:00:00,5Z')).toBe(Date.UTC(2026, 11, 3, 10, 0, 0, 500));
		expect(at('2026-12-03t10:00:00z', madrid)).toBe(Date.UTC(2026, 11, 3, 10));
		expect(at('2026-12-03 10:00:00 +0100')).toBe(Date.UTC(2026, 11, 3, 9));
		expect(at('2026-12-03T10:00:00+02')).toBe(Date.UTC(2026, 11, 3, 8));
		expect(at('2026-12-03T10:00:00+23:59')).toBe(Date.UTC(2026, 11, 2, 10, 1));
		expect(at(' 2026-12-03T10:00:00Z ')).toBe(Date.UTC(2026, 11, 3, 10));
		expect(at('2026-01-31 23:59:59')).toBe(Date.UTC(2026, 0, 31, 23, 59, 59));
		// 40 characters (leading spaces are trimmed) is the longest value looked at; 41 is not read.
		const longest = `     2026-12-03T10:00:00.123456789+02:00`;
		expect(longest).toHaveLength(40);
		expect(at(longest)).toBe(Date.UTC(2026, 11, 3, 8, 0, 0, 123));
		expect(at(` ${longest}`)).toBeUndefined();
	});

	it('in a daylight-saving gap or overlap, a zoneless Madrid time is read at +01:00', () => {
		// Madrid skips 02:00-03:00 on 2026-03-29 and repeats it on 2026-10-25.
		expect(readCallTime('2026-03-29 02:30:00', madrid)).toBe(Date.UTC(2026, 2, 29, 1, 30));
		expect(readCallTime('2026-10-25 02:30:00', madrid)).toBe(Date.UTC(2026, 9, 25, 1, 30));
	});

	it('time-zone names: known ones in their canonical spelling, unknown ones refused', () => {
		expect(knownTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
		expect(knownTimeZone('utc')).toBe('UTC');
		expect(knownTimeZone('Mars/Base')).toBeUndefined();
	});

	it.each([
		undefined,
		null,
		1764756000,
		'',
		'yesterday',
		'2026-12-03',
		'03/12/2026 10:00',
		'2026-02-30 10:00:00',
		'2026-12-03 24:00:00',
		'2026-12-31 99:00:00',
		'2026-13-03 10:00:00',
		'2026-00-03 10:00:00',
		'2026-12-00 10:00:00',
		'2026-12-03T10:00:00+25:00',
		'2026-12-03T10:00:00+05:60',
		'2026-12-03 10:60:00',
		'2026-12-03 10:00:60',
		'x2026-12-03T10:00:00Z',
		'2026-12-03T10:00:00Zx',
		`2026-12-03T10:00:00Z${' '.repeat(50)}x`,
	])('%p is unreadable', (value) => {
		expect(readCallTime(value, utc)).toBeUndefined();
	});
});

describe('status', () => {
	it('documented statuses, in any case, spacing or separator', () => {
		expect(readStatus(' Completed ')).toEqual({ kind: 'ended', status: 'completed' });
		expect(readStatus('IN_PROGRESS')).toEqual({ kind: 'open', status: 'in-progress' });
		expect(readStatus('in progress')).toEqual({ kind: 'open', status: 'in-progress' });
		expect(readStatus('Ended-By-Customer')).toEqual({ kind: 'ended', status: 'ended_by_customer' });
		expect(readStatus('NO_ANSWER')).toEqual({ kind: 'ended', status: 'no-answer' });
		for (const status of CALL_STATUSES) expect(readStatus(status).status).toBe(status);
	});

	it.each(['queued', 'dialing', 'answered', 'on-hold', '', undefined, null, 3, 'noanswer'])(
		'%p is unknown',
		(value) => {
			expect(readStatus(value)).toEqual({ kind: 'unknown', status: undefined });
		},
	);
});
