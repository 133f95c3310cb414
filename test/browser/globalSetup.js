'use strict';
/**
 * Jest globalSetup of the browser test: Debian's Chromium (installed with apt-get when it is
 * missing and we are root, by tools/debian-packages.sh; playwright never downloads a browser),
 * then the n8n the e2e suites provision (test/e2e/globalSetup.js).
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const provisionN8n = require('../e2e/globalSetup');
const { CHROMIUM } = require('./chromium');

/** The installer of Debian's packages, shared with queue mode's services. */
const DEBIAN_PACKAGES = path.join(__dirname, '..', '..', 'tools', 'debian-packages.sh');

module.exports = async function browserSetup() {
	if (!fs.existsSync(CHROMIUM)) {
		execFileSync(DEBIAN_PACKAGES, ['chromium'], { stdio: 'inherit' });
	}
	await provisionN8n();
};
