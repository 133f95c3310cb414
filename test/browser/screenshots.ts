/**
 * Screenshots for the documentation, taken by the browser test at its steps when SCREENSHOTS=1
 * (`npm run screenshots`): docs/images/<name>.png in n8n's light theme and <name>-dark.png in its
 * dark theme (n8n follows the system colour scheme, which Chromium emulates). Without SCREENSHOTS
 * the test takes none, so a test run never changes the documentation.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';

const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');

export const screenshotsWanted = process.env.SCREENSHOTS === '1';

/** Saves what the page shows (or only `crop`) as docs/images/<name>.png and <name>-dark.png. */
export async function screenshot(page: Page, name: string, crop?: Locator): Promise<void> {
	if (!screenshotsWanted) return;
	fs.mkdirSync(IMAGES, { recursive: true });
	const target = crop ?? page;
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		// Let the theme's transitions end before the picture.
		await page.waitForTimeout(600);
		const file = path.join(IMAGES, scheme === 'light' ? `${name}.png` : `${name}-dark.png`);
		await target.screenshot({ path: file, animations: 'disabled' });
	}
	await page.emulateMedia({ colorScheme: 'light' });
}
