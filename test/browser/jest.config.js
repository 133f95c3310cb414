/**
 * The browser test: n8n's editor in Debian's Chromium, driven by playwright-core, against a real
 * n8n 2.40.7 with the packed package and the emulator (test/browser/editor.browser.test.ts).
 * The e2e suites' configuration, with this folder's test and setup.
 *   npx jest -c test/browser/jest.config.js
 *   npm run screenshots        # the same run, saving docs/images/*.png
 */
const e2e = require('../e2e/jest.config.js');

module.exports = {
	...e2e,
	roots: ['<rootDir>/test/browser'],
	testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
	// Chromium installed (Debian's package) and n8n provisioned before the test's timeouts start.
	globalSetup: '<rootDir>/test/browser/globalSetup.js',
	// Generous: a shared 2-core machine renders n8n's editor slowly.
	testTimeout: 300000,
	slowTestThreshold: 120,
};
