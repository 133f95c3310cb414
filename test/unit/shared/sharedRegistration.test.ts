/**
 * The trigger and the action node's Conversation-Ended Webhook > Enable / Disable share one
 * registration entry point and one record of who holds an assistant in this process: when the
 * action node changes the webhook of an assistant a published trigger registered, the trigger's
 * unpublish leaves it as the action node set it, and its checkExists says so. Also: a publish for
 * another assistant than the recorded one never reuses the recorded integer id.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { IntellixentTrigger } from '../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import * as disableOperation from '../../../nodes/Intellixent/actions/conversationEndedWebhook/disable.operation';
import * as enableOperation from '../../../nodes/Intellixent/actions/conversationEndedWebhook/enable.operation';
import {
	answer,
	ASSISTANT_ID,
	FAKE_API_KEY,
	hookContext,
	ok,
	OTHER_ASSISTANT_ID,
	PRODUCTION_URL,
	type ScriptedAnswer,
} from '../../helpers/fakeContext';

const { checkExists, create, delete: remove } = new IntellixentTrigger().webhookMethods.default;

const ELSEWHERE = 'https://crm.example.com/hooks/conversation-ended';

/** The holder record is per process: each test gets its own Base URL. */
let counter = 0;
let base = '';
let staticData: IDataObject = {};
beforeEach(() => {
	base = `https://shared-${++counter}.example.com`;
	staticData = {};
});

const PATH = (operation: 'enable' | 'disable') =>
	`${base}/api/assistants/${ASSISTANT_ID}/${operation}-conversation-ended-webhook`;

/** The published trigger of workflow wf-trigger, with this test's static data. */
function triggerContext(http: ScriptedAnswer[], parameters?: IDataObject) {
	return hookContext({
		activationMode: 'activate',
		workflowActive: true,
		workflowId: 'wf-trigger',
		staticData,
		credentials: { apiKey: FAKE_API_KEY, baseUrl: base },
		http,
		...(parameters ? { parameters } : {}),
	});
}

/** The action node of workflow wf-action, as its operations see it. */
function actionContext(http: ScriptedAnswer[], parameters: IDataObject) {
	const context = hookContext({
		workflowId: 'wf-action',
		node: { name: 'Intellixent' },
		credentials: { apiKey: FAKE_API_KEY, baseUrl: base },
		http,
		parameters: { webhookAssistant: ASSISTANT_ID, ...parameters },
	});
	return { context, run: context as unknown as IExecuteFunctions };
}

describe('the action node taking over an assistant a published trigger holds', () => {
	it('Enable to another URL: the trigger unpublishing leaves it, and says the action node took it over', async () => {
		await create.call(triggerContext([ok()]));
		const action = actionContext([ok()], { webhookUrl: ELSEWHERE });
		await expect(enableOperation.execute.call(action.run, 0)).resolves.toMatchObject({
			enabled: true,
			webhook_url: ELSEWHERE,
		});
		expect(action.context.mock.requests[0].options.body).toEqual({ webhook_url: ELSEWHERE });

		const check = triggerContext([]);
		await expect(checkExists.call(check)).resolves.toBe(false);
		expect(check.mock.logged('info').join('\n')).toContain(
			`the action node (workflow wf-action, node "Intellixent") took the assistant over: it pointed its webhook at ${ELSEWHERE}`,
		);

		const unpublish = triggerContext([]);
		await expect(remove.call(unpublish)).resolves.toBe(true);
		expect(unpublish.mock.requests).toHaveLength(0);
		expect(staticData).toEqual({});
		const info = unpublish.mock.logged('info').join('\n');
		expect(info).toContain(
			'the action node (workflow wf-action, node "Intellixent") took the assistant over',
		);
		expect(info).toContain('left as the action node set it');
	});

	it("Enable to the trigger's own URL is still the action node's setting: unpublishing leaves it", async () => {
		await create.call(triggerContext([ok()]));
		await enableOperation.execute.call(
			actionContext([ok()], { webhookUrl: PRODUCTION_URL }).run,
			0,
		);
		const unpublish = triggerContext([]);
		await expect(remove.call(unpublish)).resolves.toBe(true);
		expect(unpublish.mock.requests).toHaveLength(0);
	});

	it('Disable: the trigger unpublishing sends nothing, and says the action node switched it off', async () => {
		await create.call(triggerContext([ok()]));
		const action = actionContext([ok()], {});
		await expect(disableOperation.execute.call(action.run, 0)).resolves.toMatchObject({
			enabled: false,
		});
		expect(action.context.mock.requests.map((r) => r.options.url)).toEqual([PATH('disable')]);

		const unpublish = triggerContext([]);
		await expect(remove.call(unpublish)).resolves.toBe(true);
		expect(unpublish.mock.requests).toHaveLength(0);
		expect(unpublish.mock.logged('info').join('\n')).toContain('it switched its webhook off at');
	});

	it('publishing again takes the assistant back: the next unpublish switches the webhook off', async () => {
		await create.call(triggerContext([ok()]));
		await enableOperation.execute.call(actionContext([ok()], { webhookUrl: ELSEWHERE }).run, 0);
		await create.call(triggerContext([ok()]));

		const check = triggerContext([]);
		await checkExists.call(check);
		expect(check.mock.logged('info').join('\n')).not.toContain('action node');
		const unpublish = triggerContext([ok()]);
		await expect(remove.call(unpublish)).resolves.toBe(true);
		expect(unpublish.mock.requests.map((r) => r.options.url)).toEqual([PATH('disable')]);
	});

	it('a failed Enable records nothing: the trigger unpublishing still switches its webhook off', async () => {
		await create.call(triggerContext([ok()]));
		const action = actionContext([answer(422, { message: 'The webhook url is invalid.' })], {
			webhookUrl: ELSEWHERE,
		});
		await expect(enableOperation.execute.call(action.run, 0)).rejects.toThrow();
		const unpublish = triggerContext([ok()]);
		await remove.call(unpublish);
		expect(unpublish.mock.requests.map((r) => r.options.url)).toEqual([PATH('disable')]);
	});
});

describe('the body form and another assistant', () => {
	it('a publish for another assistant than the recorded one looks its integer id up, never reuses the old one', async () => {
		staticData.registration = {
			assistantId: OTHER_ASSISTANT_ID,
			webhookUrl: PRODUCTION_URL,
			test: false,
			registeredAt: '2026-01-01T00:00:00.000Z',
			api: { baseUrl: base, form: 'body', assistantNumericId: 7 },
		};
		const publish = triggerContext([
			ok({
				current_page: 1,
				last_page: 1,
				data: [
					{ id: 7, uuid: OTHER_ASSISTANT_ID, name: 'B' },
					{ id: 42, uuid: ASSISTANT_ID, name: 'A' },
				],
			}),
			ok({ message: 'Conversation ended webhook enabled successfully', data: [] }),
		]);
		await expect(create.call(publish)).resolves.toBe(true);
		const enable = publish.mock.requests[publish.mock.requests.length - 1].options;
		expect(enable.url).toBe(`${base}/api/user/assistants/enable-conversation-ended-webhook`);
		expect(enable.body).toMatchObject({ assistant_id: 42 });
		expect(staticData.registration).toMatchObject({
			assistantId: ASSISTANT_ID,
			api: { baseUrl: base, form: 'body', assistantNumericId: 42 },
		});
	});
});
