/**
 * Jest for the mutation run (stryker.config.mjs): only the unit tests that exercise the mutated
 * files, compiled without type checking (Stryker marks instrumented files `@ts-nocheck` anyway, and
 * `npm test` type-checks the same tests). The property tests (test/unit/IntellixentTrigger/delivery/fuzz.test.ts) are
 * left out: they cover the whole delivery path, so Stryker would run them for nearly every mutant
 * of delivery.ts, at seconds each. For the same reason two tests that take seconds through real HTTP
 * are left out: test/unit/shared/answerLimits.test.ts (answers of 16 and 64 MiB through n8n-core's
 * helpers; readAnswer.test.ts pins the same limits directly) and
 * test/unit/Intellixent/actions/whatsappPacing.test.ts (50 paced sends in real time; the pacing
 * waits are pinned by routerSends.test.ts).
 * The Call Trigger's property tests are left out as well (test/unit/
 * IntellixentCallTrigger/cursor.property.test.ts: about 2 seconds for every mutant of callCursor.ts and cursorRepair.ts,
 * against milliseconds for the rest); cursorPlan.test.ts and cursorRepair.test.ts pin the same
 * functions by example. pollLimits.test.ts is left out too: its polls over a day of 50,000 calls
 * take seconds each and go through every file of the poll, so a run over one of them did not
 * get past 6 of 190 mutants in three minutes on the shared machine.
 */
const base = require('../../jest.config.js');

const testMatch = [
	'<rootDir>/test/unit/Intellixent/Intellixent.node.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/agentErrors.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/assistant.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/call.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/campaign.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/conversationEndedWebhook.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/output.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/router.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/routerSends.test.ts',
	'<rootDir>/test/unit/Intellixent/actions/whatsapp.test.ts',
	'<rootDir>/test/unit/Intellixent/savedProperties.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/delivery/body.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/delivery/deliveryToken.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/delivery/duplicateMemory.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/delivery/formulaCells.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/delivery/probe.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/delivery/refusals.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/delivery/webhook.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/lifecycle/apiResponses.test.ts',
	'<rootDir>/test/unit/credentials/credential.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/lifecycle/hostReach.test.ts',
	'<rootDir>/test/unit/shared/intellixentApi.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/lifecycle/redaction.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/lifecycle/registration.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/lifecycle/searchAssistants.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/lifecycle/takeover.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/lifecycle/testListenGuard.test.ts',
	'<rootDir>/test/unit/IntellixentTrigger/lifecycle/unusualRecords.test.ts',
	'<rootDir>/test/unit/shared/webhookRegistrationApi.test.ts',
	'<rootDir>/test/unit/shared/encodedEchoes.test.ts',
	'<rootDir>/test/unit/shared/readAnswer.test.ts',
	'<rootDir>/test/unit/shared/requestCore.test.ts',
	'<rootDir>/test/unit/shared/requestCoreEdges.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/callScan.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/callScanEdges.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/callShapes.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/callValues.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/cursorPlan.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/cursorRepair.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/goneCalls.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/poll.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/pollRules.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/pollEdges.test.ts',
	'<rootDir>/test/unit/IntellixentCallTrigger/untrustedApi.test.ts',
	'<rootDir>/test/unit/shared/sharedRegistration.test.ts',
];

// MUTATION_TESTS=IntellixentCallTrigger/,shared/ runs only the test files whose paths contain one
// of the comma-separated parts: for a run over files those tests alone exercise, many times faster.
const only = (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean);

module.exports = {
	...base,
	rootDir: '../..',
	testMatch: only.length
		? testMatch.filter((p) => only.some((part) => p.includes(part)))
		: testMatch,
	// The Call Trigger's poll tests talk HTTP to the emulator; instrumented and on a loaded machine
	// one took longer than jest's 5 seconds in the initial run, which stops the whole run.
	testTimeout: 30_000,
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/mutation/tsconfig.json' }] },
};
