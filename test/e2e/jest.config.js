/**
 * End-to-end tests against a real n8n (see test/e2e/harness/index.js). Slow: each file starts its
 * own n8n (on free ports, with its own user folder and emulator), so files can run side by side.
 *   npx jest -c test/e2e/jest.config.js
 *   E2E_WORKERS=2 npx jest -c test/e2e/jest.config.js   # two files at a time (npm test does)
 */
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

module.exports = {
	rootDir: root,
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	// Provision n8n first, outside any test's timeout (see the file's header).
	globalSetup: '<rootDir>/test/e2e/globalSetup.js',
	// One file at a time unless asked: a developer's single-file run stays quiet and readable.
	maxWorkers: Number(process.env.E2E_WORKERS) || 1,
	// The files that wait longest for real time start first (see the header of harness/sequencer.js).
	testSequencer: '<rootDir>/test/e2e/harness/sequencer.js',
	verbose: true,
	testTimeout: 180000,
	slowTestThreshold: 60,
	// Never leave n8n running: each file stops its own instance in afterAll; this is the backstop.
	forceExit: false,
	detectOpenHandles: false,
};
