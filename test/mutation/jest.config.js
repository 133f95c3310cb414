/**
 * Jest for the mutation run (stryker.config.mjs): only the unit tests that exercise the mutated
 * files, compiled without type checking (Stryker marks instrumented files `@ts-nocheck` anyway, and
 * `npm test` type-checks the same tests). The property tests (test/unit/delivery/fuzz.test.ts) are
 * left out: they cover the whole delivery path, so Stryker would run them for nearly every mutant
 * of delivery.ts, at seconds each.
 */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	testMatch: [
		'<rootDir>/test/unit/delivery/body.test.ts',
		'<rootDir>/test/unit/delivery/deliveryToken.test.ts',
		'<rootDir>/test/unit/delivery/duplicateMemory.test.ts',
		'<rootDir>/test/unit/delivery/formulaCells.test.ts',
		'<rootDir>/test/unit/delivery/probe.test.ts',
		'<rootDir>/test/unit/delivery/refusals.test.ts',
		'<rootDir>/test/unit/delivery/webhook.test.ts',
		'<rootDir>/test/unit/lifecycle/apiResponses.test.ts',
		'<rootDir>/test/unit/lifecycle/hostReach.test.ts',
		'<rootDir>/test/unit/lifecycle/redaction.test.ts',
		'<rootDir>/test/unit/lifecycle/registration.test.ts',
		'<rootDir>/test/unit/lifecycle/takeover.test.ts',
		'<rootDir>/test/unit/lifecycle/testListenGuard.test.ts',
		'<rootDir>/test/unit/lifecycle/unusualRecords.test.ts',
		'<rootDir>/test/unit/lifecycle/webhookRegistrationApi.test.ts',
	],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/mutation/tsconfig.json' }] },
};
