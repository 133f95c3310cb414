// @ts-check
'use strict';
/**
 * Debian's Chromium, the browser of the browser test (test/browser/): where it is, and launching
 * it with playwright-core (which downloads nothing).
 */
const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium; `--no-sandbox` because the tests may run as root (in CI containers). */
function launchChromium() {
	return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

module.exports = { CHROMIUM, launchChromium };
