/**
 * Queue-mode end-to-end test against a real n8n cluster (see test/queue/README.md). Slow: starts
 * Redis, PostgreSQL and four n8n processes.
 *   npx jest -c test/queue/jest.config.js
 */
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

module.exports = {
	rootDir: root,
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['<rootDir>/test/queue/**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	// Provision n8n first, outside any test's timeout (see the file's header).
	globalSetup: '<rootDir>/test/e2e/globalSetup.js',
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 120,
};
