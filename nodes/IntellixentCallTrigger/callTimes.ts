/**
 * Reads a call's `created_at`. The API documents no format. Laravel sends ISO 8601 with an offset
 * (`2026-12-03T10:00:00.000000Z`); a time with an offset is read as it is. A time without one
 * (`2026-12-03 10:00:00`, `2026-12-03T10:00:00`) is read in a time zone the user chooses (the
 * Timestamps Without Offset option), by default the n8n instance's: sister platforms of
 * Intellixent send zoneless times "in the user's configured time zone", which for most users is
 * the zone their n8n runs in, and guessing UTC would shift every call by hours. The zone is
 * applied with Intl (n8n's Node has full ICU), so no date library is needed. In a daylight-saving
 * gap or overlap one of the two offsets is used (which one depends on the zone; for Europe/Madrid
 * +01:00, in the skipped hour and the repeated one); the trigger's overlap covers the hour either
 * way.
 *
 * Anything else (a date without a time, `yesterday`, `03/12/2026`, epoch seconds, a number) is
 * unreadable: the row is skipped with a warning rather than guessed at.
 */

const ISO_LIKE =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Longer than any timestamp: a longer value is not looked at. */
const MAX_TIME_LENGTH = 40;

/** Turns wall-clock time in one zone into epoch ms; built once per poll. */
export type ZonedClock = (wallMs: number) => number;

/** A time-zone name Intl knows, or undefined. */
export function knownTimeZone(name: string): string | undefined {
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		return undefined;
	}
}

/** Wall-clock ms (the local time read as if it were UTC) to epoch ms in `timeZone`. */
export function zonedClock(timeZone: string): ZonedClock {
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	});
	const offsetAt = (epochMs: number): number => {
		const parts: Record<string, number> = {};
		// The literal parts (separators) are stored too, as NaN, and never read.
		for (const part of format.formatToParts(new Date(epochMs)))
			parts[part.type] = Number(part.value);
		const wall = Date.UTC(
			parts.year,
			parts.month - 1,
			parts.day,
			parts.hour,
			parts.minute,
			parts.second,
		);
		return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
	};
	return (wallMs) => {
		const guess = wallMs - offsetAt(wallMs);
		return wallMs - offsetAt(guess);
	};
}

function offsetMs(text: string): number {
	if (/^z$/i.test(text)) return 0;
	const digits = text.replace(':', '');
	const hours = Number(digits.slice(1, 3));
	// An hour-only offset (`+02`) has no minutes: the empty slice reads as 0.
	const minutes = Number(digits.slice(3, 5));
	if (hours > 23 || minutes > 59) return NaN;
	return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Epoch ms of a `created_at`, or undefined when it cannot be read as a point in time. */
export function readCallTime(value: unknown, zoned: ZonedClock): number | undefined {
	if (typeof value !== 'string' || value.length > MAX_TIME_LENGTH) return undefined;
	const match = ISO_LIKE.exec(value.trim());
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(wall);
	// Date.UTC rolls an impossible date or hour over (2026-02-30 to March, month 13 to January,
	// 24:00 to the next day): a day or month that changed was not a real one. Minutes and seconds of
	// 60 roll over within the day, so they are checked themselves.
	if (minute > 59 || second > 59 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1)
		return undefined;
	const ms = wall + Math.floor(Number(`0.${fraction || '0'}`) * 1000);
	if (zone === undefined) return zoned(ms);
	const offset = offsetMs(zone);
	return Number.isNaN(offset) ? undefined : ms - offset;
}
