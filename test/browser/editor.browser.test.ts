/**
 * What a user sees: n8n 2.40.7's editor in Debian's Chromium (playwright-core), with the packed
 * package installed and the emulator as Intellixent. One flow, as a user would go through it:
 * sign in, create the credential through its form, find the nodes in the nodes panel, set up the
 * trigger, publish, try to test it while published, receive a delivery and a refused one, read
 * them in the output table, unpublish; then import an example workflow the way examples/README.md
 * says. It asserts the editor's own words that the README and examples/README.md quote.
 * With SCREENSHOTS=1 (`npm run screenshots`) the same flow saves docs/images/*.png.
 *
 * The steps share one browser page and one n8n, so each test continues where the previous ended.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { selectors } from 'playwright-core';

import { startEmulator, type Emulator } from '../../tools/emulator';
import { REPO_ROOT, packPackage, postJson, startN8n, type N8nHandle } from '../e2e/harness';
import { launchChromium } from './chromium';
import { IMPORT_WORDS, EDITOR_WORDS as WORDS } from './editorWords';
import { screenshot } from './screenshots';

const API_KEY = 'ix-browser-key-7d2e5a9c41';
const OWNER = { email: 'owner@example.com', password: 'E2e-Password-123' };
const TRIGGER_NOTICE = /Intellixent sends the conversations of an assistant to one URL only/;
const ACTIVATION_MESSAGE =
	'Intellixent now sends the conversations (or calls) of this assistant to this workflow when they end.';

/** Reads until `check` passes (the editor renders asynchronously); throws its last failure. */
async function until<T>(read: () => Promise<T> | T, check: (value: T) => void, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			check(await read());
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** The example the last step imports, as examples/README.md tells users to. */
const EXAMPLE_FILE = path.join(REPO_ROOT, 'examples', 'slack-summary.json');

const fixture = (name: 'widget' | 'whatsapp') =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8'));

describe("n8n's editor with the Intellixent nodes (Chromium)", () => {
	let n8n: N8nHandle;
	let emulator: Emulator;
	let browser: Browser;
	let page: Page;
	/** The assistant picked from the list (published), and one entered by ID. */
	let picked: { uuid: string; name: string };
	let byId: { uuid: string; name: string };
	let workflowId: string;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0, apiKey: API_KEY, retryDelaysMs: [100] });
		n8n = await startN8n({ packageTgz: await packPackage() });
		await n8n.client.setupOwner(OWNER);
		[picked, byId] = [emulator.assistants[1], emulator.assistants[2]];
		// n8n marks its elements with data-test-id (Playwright's default is data-testid).
		selectors.setTestIdAttribute('data-test-id');
		browser = await launchChromium();
		const context = await browser.newContext({
			viewport: { width: 1280, height: 800 },
			colorScheme: 'light',
		});
		page = await context.newPage();
		page.setDefaultTimeout(60000);
		page.setDefaultNavigationTimeout(120000);
	}, 600000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await emulator?.close();
	});

	// What the page showed at the end of each step (for a failure's post-mortem): .tmp/browser/.
	afterEach(async () => {
		const name = (expect.getState().currentTestName ?? 'step').replace(/[^A-Za-z0-9]+/g, '-');
		fs.mkdirSync(path.join(REPO_ROOT, '.tmp', 'browser'), { recursive: true });
		await page?.screenshot({
			path: path.join(REPO_ROOT, '.tmp', 'browser', `${name.slice(-80)}.png`),
		});
	});

	const canvasNode = () => page.getByTestId('canvas-node').first();
	const publishButton = () => page.getByTestId('workflow-open-publish-modal-button');

	/** The menu beside the Publish button (its chevron has no name of its own). */
	async function openPublishMenu() {
		const box = (await publishButton().boundingBox())!;
		await page.mouse.click(box.x + box.width + 16, box.y + box.height / 2);
		await page.getByTestId('version-menu-item-unpublish').waitFor();
	}

	it('signs in', async () => {
		await page.goto(`${n8n.url}/signin`);
		await page.getByLabel('Email').fill(OWNER.email);
		await page.getByLabel('Password').fill(OWNER.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(/\/home\//);
	});

	it('creates the credential through its form: a wrong key gets the 401 text, the right one a success', async () => {
		await page.goto(`${n8n.url}/home/credentials`);
		await page.getByRole('button', { name: 'Create credential' }).first().click();
		await page.keyboard.type('Intellixent');
		await page.getByText('Intellixent API', { exact: true }).click();
		await page.getByRole('button', { name: 'Continue' }).click();
		const modal = page.getByTestId('editCredential-modal');
		await modal.getByTestId('parameter-input-apiKey').locator('input').fill('not-the-key');
		await modal.getByTestId('parameter-input-baseUrl').locator('input').fill(emulator.url);
		await modal.getByRole('button', { name: 'Save' }).click();
		await modal.getByText(WORDS.credentialFailed).waitFor();
		await modal.getByText(WORDS.moreDetails).click();
		await modal
			.getByText(
				'Intellixent rejected the API key (401 Unauthenticated). Copy the key again from Account settings > API Keys in the Intellixent portal.',
			)
			.waitFor();
		await screenshot(page, 'credential-wrong-key');

		await modal.getByTestId('parameter-input-apiKey').locator('input').fill(API_KEY);
		await modal.getByRole('button', { name: 'Save' }).click();
		await modal.getByText(WORDS.credentialTested).waitFor();
		await page.keyboard.press('Escape');
	});

	it('lists the Intellixent nodes with their icons in the nodes panel', async () => {
		await page.goto(`${n8n.url}/workflow/new`);
		await page.getByTestId('canvas-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Intellixent');
		const names = page.getByTestId('node-creator-item-name');
		await until(
			async () => names.allInnerTexts(),
			(value) => expect(value).toEqual(['Intellixent', 'Intellixent Call Trigger']),
		);
		// Every icon is an <img> that loaded (n8n serves the package's SVG files).
		const icons = await page
			.getByTestId('node-creator-node-item')
			.locator('img')
			.evaluateAll((imgs) =>
				(imgs as unknown as Array<{ src: string; naturalWidth: number }>).map((img) => ({
					src: img.src,
					width: img.naturalWidth,
				})),
			);
		expect(icons.length).toBeGreaterThanOrEqual(2);
		for (const icon of icons) {
			expect(icon.src).toContain('/icons/n8n-nodes-intellixent/');
			expect(icon.width).toBeGreaterThan(0);
		}
		await screenshot(page, 'nodes-panel', page.getByTestId('node-creator'));

		// n8n puts the action node and the Intellixent Trigger under one entry: the trigger is
		// listed by its Events (Call ended, Conversation ended), the operations are its actions.
		await names.filter({ hasText: /^Intellixent$/ }).click();
		const creator = page.getByTestId('node-creator');
		await creator.getByText('Triggers (2)').waitFor();
		await creator.getByText(/^Actions \(\d+\)$/).waitFor();
		await creator.getByText(WORDS.triggerInPanel).waitFor();
	});

	it('sets up the trigger: credential chosen, assistants listed and searched, the one-URL notice, subtitles', async () => {
		await page.getByTestId('node-creator').getByText(WORDS.triggerInPanel).click();
		const ndv = page.getByTestId('ndv');
		await ndv.getByText(TRIGGER_NOTICE).waitFor();
		// The ways to test it that the README names (while published, each is refused).
		await ndv.getByRole('button', { name: WORDS.executeStep }).first().waitFor();
		await ndv.getByText(WORDS.testThisTrigger).first().waitFor();
		// The only credential of its type is chosen by itself.
		await until(
			async () => ndv.getByTestId('node-credentials-select').locator('input').inputValue(),
			(value) => expect(value).toBe('Intellixent account'),
		);

		// By ID: the canvas subtitle names the ID.
		await ndv.getByTestId('rlc-mode-selector').click();
		await page.getByRole('option', { name: 'By ID' }).click();
		await ndv.getByTestId('rlc-input').click();
		await page.keyboard.type(byId.uuid);
		await page.getByTestId('ndv-close-button').click();
		await until(
			async () => canvasNode().innerText(),
			(value) => expect(value).toContain(`Conversation ended: ${byId.uuid}`),
		);

		// From the list: the emulator's assistants; the search filters them; the subtitle names it.
		await canvasNode().dblclick();
		await ndv.getByTestId('rlc-mode-selector').click();
		await page.getByRole('option', { name: 'From list' }).click();
		await ndv.getByTestId('rlc-input').click();
		const items = page.getByTestId('rlc-item');
		// All of them (the one chosen by ID comes first).
		await until(
			async () => items.allInnerTexts(),
			(value) => expect([...value].sort()).toEqual(emulator.assistants.map((a) => a.name).sort()),
		);
		await screenshot(page, 'trigger-assistant-list');
		const term = picked.name.split(' ')[0].toLowerCase();
		await page.keyboard.type(term);
		const matching = emulator.assistants.filter((a) => a.name.toLowerCase().includes(term));
		expect(matching.length).toBeLessThan(emulator.assistants.length);
		await until(
			async () => items.allInnerTexts(),
			(value) => expect(value).toEqual(matching.map((a) => a.name)),
		);
		await items.filter({ hasText: picked.name }).click();
		await expect(ndv.getByText(TRIGGER_NOTICE).isVisible()).resolves.toBe(true);
		await screenshot(page, 'trigger');
		await page.getByTestId('ndv-close-button').click();
		await until(
			async () => canvasNode().innerText(),
			(value) => expect(value).toContain(`Conversation ended: ${picked.name}`),
		);
	});

	it('publishes: the activation message and the Published state; testing while published shows the node error', async () => {
		await publishButton().click();
		const publishDialog = page.getByRole('dialog').filter({ hasText: WORDS.publishDialog });
		await publishDialog.getByRole('button', { name: 'Publish' }).click();
		const published = page.getByRole('dialog').filter({ hasText: WORDS.publishedDialog });
		await published.getByText(ACTIVATION_MESSAGE).waitFor();
		await screenshot(page, 'published-message');
		await published.getByRole('button', { name: 'Got it' }).click();
		await until(
			async () => (await publishButton().innerText()).trim(),
			(value) => expect(value).toBe('Published'),
		);
		await expect(publishButton().isDisabled()).resolves.toBe(true);
		expect(emulator.registrations()[picked.uuid]?.webhook_url).toContain(n8n.url);
		const workflows: Array<{ id: string; active: boolean }> = await n8n.client.request(
			'GET',
			'/rest/workflows',
		);
		workflowId = workflows.filter((w) => w.active).map((w) => w.id)[0];

		const execute = page.getByTestId('execute-workflow-button');
		expect((await execute.innerText()).trim()).toBe(WORDS.executeWorkflow);
		await execute.click();
		const toast = page.locator('.el-notification').filter({ hasText: 'Problem running workflow' });
		await toast
			.getByText("Can't listen for a test event while this workflow is published")
			.waitFor();
		await screenshot(page, 'test-while-published');
		await toast.locator('.el-notification__closeBtn').click();
	});

	it('shows a delivery on the Conversation output and a refused one on the Rejected output', async () => {
		const delivered = await emulator.endConversation(picked.uuid, { sample: 'whatsapp' });
		expect(delivered.state).toBe('delivered');
		const registered = emulator.registrations()[picked.uuid]!.webhook_url;
		const forged = registered.replace(/token=[^&]+/, 'token=forged');
		expect((await postJson(forged, fixture('widget'))).status).toBe(401);
		const [conversation, rejected] = await n8n.client.waitForExecutions(workflowId, 2, 30000);

		const output = page.getByTestId('output-panel');
		await page.goto(`${n8n.url}/workflow/${workflowId}/executions/${conversation.id}`);
		await canvasNode().dblclick();
		await output.getByText(`${WORDS.conversationBranch} (1 item)`).waitFor();
		await output.getByText(WORDS.rejectedBranch).waitFor();
		await expect(output.getByTestId('radio-button-table').isVisible()).resolves.toBe(true);
		await output.getByText(delivered.conversation_id!).first().waitFor();
		await screenshot(page, 'output-conversation', output);

		await page.goto(`${n8n.url}/workflow/${workflowId}/executions/${rejected.id}`);
		await canvasNode().dblclick();
		await output.getByText(`${WORDS.rejectedBranch} (1 item)`).click();
		await output.getByText('invalid_token').first().waitFor();
		await screenshot(page, 'output-rejected', output);
	});

	it('the menu beside Publish: Publish greyed out while published, Unpublish asks to confirm', async () => {
		await page.goto(`${n8n.url}/workflow/${workflowId}`);
		await openPublishMenu();
		// An unchanged published workflow cannot be published again: Publish is greyed out.
		const publishItem = page.getByTestId('version-menu-item-publish');
		expect(await publishItem.getAttribute('aria-disabled')).toBe('true');

		await page.getByTestId('version-menu-item-unpublish').click();
		const confirm = page.getByRole('dialog').filter({ hasText: 'Unpublish' });
		await confirm
			.getByText(
				'This will prevent all production executions to this workflow until you publish again.',
			)
			.waitFor();
		await screenshot(page, 'unpublish-confirm');
		await confirm.getByRole('button', { name: 'Unpublish', exact: true }).click();
		await until(
			async () => (await publishButton().innerText()).trim(),
			(value) => expect(value).toBe('Publish'),
		);
		await until(
			async () => emulator.registrations()[picked.uuid],
			(value) => expect(value).toBeUndefined(),
		);
	});

	it('imports an example as examples/README.md says: the … menu beside the name, Import, From file', async () => {
		const example: {
			name: string;
			nodes: Array<{
				name: string;
				type: string;
				parameters: { assistant?: { value: string }; content?: string };
			}>;
		} = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
		const trigger = example.nodes.find((n) => n.type.endsWith('.intellixentTrigger'))!;
		const sticky = example.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote')!;
		const others = example.nodes.filter((n) => n !== trigger && n !== sticky);
		expect(others.length).toBeGreaterThan(0);

		await page.goto(`${n8n.url}/workflow/new`);
		await page.getByTestId('canvas-plus-button').waitFor();
		// The … button right beside the workflow's name.
		const name = (await page.getByTestId('workflow-name-input').boundingBox())!;
		const menuButton = page.getByRole('button', { name: IMPORT_WORDS.workflowMenu }).first();
		const menu = (await menuButton.boundingBox())!;
		expect(menu.x).toBeGreaterThanOrEqual(name.x + name.width);
		expect(menu.x - (name.x + name.width)).toBeLessThan(40);
		expect(Math.abs(menu.y + menu.height / 2 - (name.y + name.height / 2))).toBeLessThan(8);
		await menuButton.click();
		await page.getByRole('menuitem', { name: IMPORT_WORDS.import, exact: true }).hover();
		const chooser = page.waitForEvent('filechooser');
		await page.getByRole('menuitem', { name: IMPORT_WORDS.fromFile, exact: true }).click();
		await (await chooser).setFiles(EXAMPLE_FILE);

		// The canvas shows the example's nodes by name, the trigger with its subtitle (the assistant's
		// ID), and the setup note's text.
		const nodes = page.getByTestId('canvas-node');
		await until(
			async () => nodes.allInnerTexts(),
			(texts) => {
				expect(texts).toHaveLength(others.length + 1);
				for (const node of others) expect(texts.some((t) => t.includes(node.name))).toBe(true);
			},
		);
		const triggerNode = nodes.filter({ hasText: trigger.name });
		await until(
			async () => triggerNode.innerText(),
			(value) =>
				expect(value).toContain(`Conversation ended: ${trigger.parameters.assistant!.value}`),
		);
		const heading = sticky.parameters.content!.split('\n')[0].replace(/^#+ /, '');
		await page.getByTestId('sticky').filter({ hasText: heading }).waitFor();

		// n8n saved it under the example's name, with the credential of that name already selected.
		const credentials: Array<{ id: string; name: string; type: string }> = await n8n.client.request(
			'GET',
			'/rest/credentials',
		);
		const credential = credentials.find((c) => c.type === 'intellixentApi')!;
		expect(credential.name).toBe('Intellixent account');
		let saved: { name: string; nodes: Array<{ name: string; credentials?: object }> } | undefined;
		await until(
			async () => {
				const workflows: Array<{ id: string; name: string }> = await n8n.client.request(
					'GET',
					'/rest/workflows',
				);
				const id = workflows.find((w) => w.name === example.name)?.id;
				return id && n8n.client.request('GET', `/rest/workflows/${id}`);
			},
			(value) => {
				expect(value).toBeTruthy();
				saved = value as typeof saved;
			},
		);
		expect(saved!.nodes.map((n) => n.name).sort()).toEqual(example.nodes.map((n) => n.name).sort());
		expect(saved!.nodes.find((n) => n.name === trigger.name)!.credentials).toEqual({
			intellixentApi: { id: credential.id, name: credential.name },
		});
	});
});
