/**
 * scanWindow over the in-process fake call API with the window starting at SINCE, recording the
 * `page` and `date_from` of every list request (also when a test answers the pages itself with
 * `answerWith`), and the warnings the poll logged.
 */
import { RowReader, scanWindow } from '../../../nodes/IntellixentCallTrigger/callScan';
import { fakeSetup, MINUTE, type FakeCallApi } from './fakePoll';
import { pollContext, type PollSetup } from '../../helpers/fakeContext';

export const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
export const SINCE = NOW - 120 * MINUTE;
const zoned = (ms: number) => ms;

type Hint = Parameters<typeof scanWindow>[2];
type Limits = Parameters<typeof scanWindow>[4];

export function scanHarness(api: FakeCallApi) {
	const pages: number[] = [];
	const dates: unknown[] = [];
	let answer: ((page: number) => Record<string, unknown>) | undefined;
	api.overrideList((qs) => {
		pages.push(Number(qs.page));
		dates.push(qs.date_from);
		return answer?.(Number(qs.page));
	});
	const s: PollSetup = fakeSetup(api);
	const ctx = pollContext(s);
	const rows = new RowReader(ctx, zoned);
	const scan = async (hint: Hint = {}, limits: Partial<Limits> = {}, since = SINCE) =>
		await scanWindow.call(ctx, {}, since, hint, rows, {
			maxPages: 20,
			deadline: Number.POSITIVE_INFINITY,
			clock: () => 0,
			zoned,
			...limits,
		});
	const warnings = () => s.logs!.filter((l) => l.level === 'warn').map((l) => l.message);
	/** Answers each page with the given creation times (ms), IDs in list order from 1. */
	const answerWith = (times: number[][], lastPage: boolean) => {
		answer = (page) => {
			const first = times.slice(0, page - 1).reduce((n, p) => n + p.length, 0);
			const data = (times[page - 1] ?? []).map((ms, i) => ({
				id: first + i + 1,
				status: 'completed',
				created_at: new Date(ms).toISOString(),
			}));
			return lastPage ? { last_page: times.length, data } : { data };
		};
	};
	return { pages, dates, scan, rows, warnings, answerWith };
}
