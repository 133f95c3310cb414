/**
 * Jest for the mutation run (stryker.config.mjs): only the unit tests that exercise the mutated
 * files, compiled without type checking (Stryker marks instrumented files `@ts-nocheck` anyway, and
 * `npm test` type-checks the same tests). The property tests (test/unit/delivery/fuzz.test.ts) are
 * left out: they cover the whole delivery path, so Stryker would run them for nearly every mutant
 * of delivery.ts, at seconds each. For the same reason two tests that take seconds through real HTTP
 * are left out: test/unit/shared/answerLimits.test.ts (answers of 16 and 64 MiB through n8n-core's
 * helpers; readAnswer.test.ts pins the same limits directly) and
 * test/unit/Intellixent/actions/whatsappPacing.test.ts (50 paced sends in real time; the pacing
 * waits are pinned by routerSends.test.ts).
 */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	testMatch: [
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
		'<rootDir>/test/unit/delivery/body.test.ts',
		'<rootDir>/test/unit/delivery/deliveryToken.test.ts',
		'<rootDir>/test/unit/delivery/duplicateMemory.test.ts',
		'<rootDir>/test/unit/delivery/formulaCells.test.ts',
		'<rootDir>/test/unit/delivery/probe.test.ts',
		'<rootDir>/test/unit/delivery/refusals.test.ts',
		'<rootDir>/test/unit/delivery/webhook.test.ts',
		'<rootDir>/test/unit/lifecycle/apiResponses.test.ts',
		'<rootDir>/test/unit/lifecycle/credential.test.ts',
		'<rootDir>/test/unit/lifecycle/hostReach.test.ts',
		'<rootDir>/test/unit/lifecycle/intellixentApi.test.ts',
		'<rootDir>/test/unit/lifecycle/redaction.test.ts',
		'<rootDir>/test/unit/lifecycle/registration.test.ts',
		'<rootDir>/test/unit/lifecycle/searchAssistants.test.ts',
		'<rootDir>/test/unit/lifecycle/takeover.test.ts',
		'<rootDir>/test/unit/lifecycle/testListenGuard.test.ts',
		'<rootDir>/test/unit/lifecycle/unusualRecords.test.ts',
		'<rootDir>/test/unit/lifecycle/webhookRegistrationApi.test.ts',
		'<rootDir>/test/unit/shared/encodedEchoes.test.ts',
		'<rootDir>/test/unit/shared/readAnswer.test.ts',
		'<rootDir>/test/unit/shared/requestCore.test.ts',
	],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/mutation/tsconfig.json' }] },
};
