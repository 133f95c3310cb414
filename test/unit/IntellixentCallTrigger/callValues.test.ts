/**
 * How the Call Trigger reads a call's `created_at` and status: offsets as given, zoneless times in
 * a chosen time zone (daylight saving included), anything else unreadable; statuses compared
 * without regard to case, spaces and separators, and only documented ones known.
 */
import { CALL_STATUSES, readStatus } from '../../../nodes/shared/callStatuses';
import { readCallTime, zonedClock } from '../../../nodes/IntellixentCallTrigger/callTimes';

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
		'2026-12-03T10:00:00+25:00',
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
