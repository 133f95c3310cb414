/**
 * The e2e files' start order (test/e2e/harness/sequencer.js): without timings from an earlier run,
 * the files that wait longest for real time start first and the others keep jest's order (largest
 * first); with timings for every file, jest's order by those timings stands.
 */
import type { Test } from '@jest/test-result';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const LongestFirstSequencer = require('./sequencer');

const sizes: Record<string, number> = {
	'/r/test/e2e/action.e2e.test.ts': 9_000,
	'/r/test/e2e/call-trigger.e2e.test.ts': 8_000,
	'/r/test/e2e/intellixent.e2e.test.ts': 12_000,
	'/r/test/e2e/agent.e2e.test.ts': 15_000,
	'/r/test/e2e/webhook-baseline.e2e.test.ts': 3_000,
};
const tests = () =>
	Object.keys(sizes).map(
		(path) =>
			({
				path,
				context: {
					config: { cache: false, rootDir: '/r' },
					hasteFS: { getSize: (p: string) => sizes[p] },
				},
			}) as unknown as Test,
	);
const names = (list: Test[]) => list.map((t) => t.path.split('/').pop());

it('without timings: the Call Trigger file, then the other slow one, then jest’s order by size', () => {
	expect(names(new LongestFirstSequencer().sort(tests()))).toEqual([
		'call-trigger.e2e.test.ts',
		'intellixent.e2e.test.ts',
		'agent.e2e.test.ts',
		'action.e2e.test.ts',
		'webhook-baseline.e2e.test.ts',
	]);
});

it('with a timing for every file: longest measured first, as jest orders them', () => {
	const sequencer = new LongestFirstSequencer();
	const seconds: Record<string, number> = {
		action: 5,
		'call-trigger': 1,
		intellixent: 2,
		agent: 4,
		'webhook-baseline': 3,
	};
	jest
		.spyOn(sequencer, 'time')
		.mockImplementation(
			(t) => seconds[(t as Test).path.split('/').pop()!.replace('.e2e.test.ts', '')],
		);
	expect(names(sequencer.sort(tests()))).toEqual([
		'action.e2e.test.ts',
		'agent.e2e.test.ts',
		'webhook-baseline.e2e.test.ts',
		'intellixent.e2e.test.ts',
		'call-trigger.e2e.test.ts',
	]);
});
