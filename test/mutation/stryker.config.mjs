// Mutation testing (`npm run test:mutation`) of the trigger's security-relevant logic, the shared
// request core, the action node's router and sends, and the Call Trigger's cursor, scan and poll:
// Stryker changes one small thing at a time in the files below (a condition, a
// comparison, a string) and runs the unit tests; a change that no test notices ("survived") marks
// behaviour that no test pins. Too slow for `npm test` and CI: run it after changing these files
// or their tests. Mutants that no test can tell apart are listed in EQUIVALENT.md here.
//
//   npm run test:mutation                                                      # every file below
//   npm run test:mutation -- --mutate nodes/IntellixentTrigger/webhookUrl.ts   # one file
//
//   MUTATION_TESTS=IntellixentCallTrigger/ npm run test:mutation -- --mutate nodes/IntellixentCallTrigger/callScan.ts
//                                            # only the tests whose paths contain that (jest.config.js here)
//
// The report: .tmp/mutation/mutation.html (and .json). Stryker works in copies of the project made
// outside the repository, so no tool that scans it (Prettier, ESLint, tsc, jest, npm pack) ever
// sees instrumented code, even when a run is interrupted.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const projectHash = createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'jest',
	jest: { configFile: 'test/mutation/jest.config.js', enableFindRelatedTests: false },
	coverageAnalysis: 'perTest',
	mutate: [
		'nodes/IntellixentTrigger/delivery.ts',
		'nodes/IntellixentTrigger/deliveryToken.ts',
		'nodes/IntellixentTrigger/duplicates.ts',
		'nodes/IntellixentTrigger/registration.ts',
		'nodes/IntellixentTrigger/testListenGuard.ts',
		'nodes/IntellixentTrigger/webhookUrl.ts',
		'nodes/shared/intellixentApi.ts',
		'nodes/shared/answerLimits.ts',
		'nodes/Intellixent/actions/router.ts',
		// The sends' code, not the texts of their fields (labels, descriptions, hints): the saved
		// names and values there are pinned by test/unit/Intellixent/savedProperties.test.ts, and a
		// label's wording is reviewed by reading it, not by a test.
		'nodes/Intellixent/actions/whatsapp/send.ts:14-14',
		'nodes/Intellixent/actions/whatsapp/send.ts:85-117',
		'nodes/Intellixent/actions/whatsapp/sendTemplate.operation.ts:11-11',
		'nodes/Intellixent/actions/whatsapp/sendTemplate.operation.ts:20-20',
		'nodes/Intellixent/actions/whatsapp/sendTemplate.operation.ts:80-102',
		'nodes/Intellixent/actions/whatsapp/sendFreeForm.operation.ts:11-11',
		'nodes/Intellixent/actions/whatsapp/sendFreeForm.operation.ts:20-20',
		'nodes/Intellixent/actions/whatsapp/sendFreeForm.operation.ts:30-30',
		'nodes/Intellixent/actions/whatsapp/sendFreeForm.operation.ts:35-57',
		'nodes/IntellixentCallTrigger/callCursor.ts',
		'nodes/IntellixentCallTrigger/callScan.ts',
		'nodes/IntellixentCallTrigger/callTimes.ts',
		'nodes/IntellixentCallTrigger/cursorRepair.ts',
		'nodes/IntellixentCallTrigger/pollCalls.ts',
	],
	// The sandbox needs the sources, the unit tests and their helpers and fixtures, nothing else.
	ignorePatterns: ['/dist', '/.tmp', '/coverage', '/examples', '/.ci', '/.github', '*.md'],
	tempDirName: join(tmpdir(), `stryker-n8n-nodes-intellixent-${projectHash}`),
	// The machine is shared: one test process. Raise it with --concurrency on a bigger machine.
	concurrency: 1,
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: { fileName: '.tmp/mutation/mutation.html' },
	jsonReporter: { fileName: '.tmp/mutation/mutation.json' },
	clearTextReporter: {
		allowColor: false,
		reportTests: false,
		reportMutants: true,
		reportScoreTable: true,
	},
	thresholds: { high: 90, low: 90, break: null },
};
