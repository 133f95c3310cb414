/**
 * The order in which the e2e files start. With two files at a time (E2E_WORKERS=2), a run lasts
 * at least as long as its longest file, and longer when that file starts last: on a machine with
 * no jest cache (a fresh clone, CI), jest orders by file size, and the Call Trigger's file, which
 * waits for n8n's minute polls through about eight minutes, started after the others and ended the
 * run alone (694 s for 1,122 s of files on two workers, against about 570 s had it started
 * first). So the files that wait for real time longest start first; with timings in jest's cache
 * from an earlier run, the order jest derives from them stands.
 */
const Sequencer = require('@jest/test-sequencer').default;

/** The files that wait longest, longest first (measured: about 460 s and 230 s per version). */
const LONGEST_FIRST = ['call-trigger.e2e.test.ts', 'intellixent.e2e.test.ts'];

/** @param {import('@jest/test-result').Test} test */
const rank = (test) => {
	const index = LONGEST_FIRST.findIndex((name) => test.path.endsWith(`/${name}`));
	return index === -1 ? LONGEST_FIRST.length : index;
};

class LongestFirstSequencer extends Sequencer {
	/** @param {import('@jest/test-result').Test[]} tests */
	sort(tests) {
		// Jest's own sort is synchronous (only a custom sequencer may return a promise).
		const sorted = /** @type {import('@jest/test-result').Test[]} */ (super.sort(tests));
		if (sorted.every((test) => test.duration != null)) return sorted;
		// Array.prototype.sort is stable: the other files keep jest's order.
		return [...sorted].sort((a, b) => rank(a) - rank(b));
	}
}

module.exports = LongestFirstSequencer;
