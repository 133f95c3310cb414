/**
 * Unit tests: fast, in-process, no network beyond loopback. test/ holds the tests of the nodes
 * (test/unit/<Node>/, test/unit/shared, test/unit/credentials, test/unit/conventions), the docs
 * and the integration test; tools/ holds each tool's own tests (tools/<tool>/test/). The real-n8n
 * tests live in test/e2e, test/queue and test/browser and have their own configurations; the e2e
 * harness's unit test (test/e2e/harness/*.test.ts) runs here.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/tools'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: [
		'/node_modules/',
		'/test/e2e/(?!harness/)',
		'/test/queue/',
		'/test/browser/',
	],
	setupFilesAfterEnv: ['<rootDir>/test/setup/recordedSleep.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
};
