/**
 * The Call Ended event's webhook lifecycle: Registration Automatic switches the assistant's
 * post-call webhook on and off (the sister platforms' body form, with the integer id), an
 * Intellixent without that API fails the publish with the URL to paste and where, Registration
 * Manual calls nothing, and a Call Ended trigger never takes over or switches off the
 * conversation webhook of the same assistant.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import callFixture from '../../../fixtures/call.json';
import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import {
	answer,
	ASSISTANT_ID,
	FAKE_API_KEY,
	hookContext,
	ok,
	type HookContextOptions,
	webhookContext,
	instantSleep,
} from '../../../helpers/fakeContext';

instantSleep();

const trigger = new IntellixentTrigger();
const { create, delete: remove } = trigger.webhookMethods.default;

let counter = 0;
let base = '';
beforeEach(() => {
	(sleep as unknown as jest.Mock).mockClear();
	base = `https://call-${++counter}.example.com`;
});

const LIST = ok({
	current_page: 1,
	last_page: 1,
	per_page: 100,
	total: 1,
	data: [{ id: 205, uuid: ASSISTANT_ID, name: 'Sales' }],
});

function callParameters(extra: IDataObject = {}): IDataObject {
	return {
		event: 'callEnded',
		assistant: { __rl: true, mode: 'id', value: ASSISTANT_ID },
		options: {},
		...extra,
	};
}

function context(options: HookContextOptions = {}) {
	return hookContext({
		parameters: callParameters(),
		credentials: { apiKey: FAKE_API_KEY, baseUrl: base },
		activationMode: 'activate',
		...options,
	});
}

const requested = (ctx: ReturnType<typeof context>) =>
	ctx.mock.requests.map((r) => `${r.options.method} ${r.options.url.replace(base, '')}`);

describe('Call Ended, Registration Automatic', () => {
	it('publishing enables the post-call webhook with the tokened URL; unpublishing disables it by the recorded id', async () => {
		const staticData: IDataObject = {};
		const publish = context({ staticData, http: [LIST, ok()] });
		await expect(create.call(publish)).resolves.toBe(true);
		expect(requested(publish)).toEqual([
			'GET /api/user/assistants/get',
			'POST /api/user/assistants/enable-webhook',
		]);
		const body = publish.mock.requests[1].options.body as IDataObject;
		expect(body.assistant_id).toBe(205);
		expect(new URL(String(body.webhook_url)).searchParams.get('token')).toMatch(/^[\w-]{43}$/);
		expect(staticData.registration).toMatchObject({
			event: 'callEnded',
			assistantId: ASSISTANT_ID,
			api: { form: 'body', assistantNumericId: 205 },
		});

		const unpublish = context({ staticData, http: [ok()], activationMode: 'activate' });
		await expect(remove.call(unpublish)).resolves.toBe(true);
		expect(requested(unpublish)).toEqual(['POST /api/user/assistants/disable-webhook']);
		expect(unpublish.mock.requests[0].options.body).toEqual({ assistant_id: 205 });
		expect(staticData.registration).toBeUndefined();
	});

	it.each([
		[404, { message: 'Not Found' }],
		[
			405,
			{ message: 'The POST method is not supported for route api/user/assistants/enable-webhook.' },
		],
	])(
		'an unknown route (%s) fails the publish with the URL to paste and where, without the token',
		async (status, answerBody) => {
			const staticData: IDataObject = {};
			const publish = context({ staticData, http: [LIST, answer(status, answerBody)] });
			const error = (await create.call(publish).catch((e: unknown) => e)) as Error & {
				description?: string;
			};
			expect(error).toBeInstanceOf(Error);
			const text = `${error.message} ${error.description}`;
			expect(text).toContain('https://n8n.example.com/webhook/');
			expect(text).toContain('Post-Call Actions → Post call webhook');
			expect(text).toContain('"Manual"');
			const sent = publish.mock.requests[1].options.body as IDataObject;
			const token = new URL(String(sent.webhook_url)).searchParams.get('token') as string;
			expect(text).not.toContain(token);
			expect(text).not.toContain(FAKE_API_KEY);
			expect(staticData.registration).toBeUndefined();
		},
	);

	it('"Assistant not found" stays an assistant error, not the paste advice', async () => {
		const publish = context({ http: [LIST, answer(404, { message: 'Assistant not found' })] });
		const error = (await create.call(publish).catch((e: unknown) => e)) as Error;
		expect(error.message).not.toContain('Post-Call Actions');
		expect(error.message).toContain('not found');
	});
});

describe('Call Ended, Registration Manual', () => {
	it('publishing and unpublishing call nothing at Intellixent; the listed token is the one deliveries need', async () => {
		const staticData: IDataObject = {};
		const parameters = callParameters({ registrationMode: 'manual' });
		const publish = context({ staticData, parameters, http: [] });
		await expect(create.call(publish)).resolves.toBe(true);
		expect(publish.mock.requests).toEqual([]);
		expect(staticData.registration).toMatchObject({ manual: true, event: 'callEnded' });

		const listed = await trigger.methods.loadOptions.manualDeliveryToken.call(
			context({ parameters }),
		);
		const token = String(listed[0].name).replace(/^\?token=/, '');
		expect(token).toMatch(/^[\w-]{43}$/);
		expect(listed[0].value).toBe('shown');

		const delivered = webhookContext({
			parameters,
			staticData,
			credentials: { apiKey: FAKE_API_KEY, baseUrl: base },
			body: structuredClone(callFixture),
			query: { token },
		});
		const result = await trigger.webhook.call(delivered);
		expect(result.workflowData?.[0]).toHaveLength(1);
		// The node-bound token of Automatic does not open a manual registration.
		const nodeToken = webhookContext({
			parameters,
			staticData,
			credentials: { apiKey: FAKE_API_KEY, baseUrl: base },
			body: structuredClone(callFixture),
		});
		await trigger.webhook.call(nodeToken);
		expect(nodeToken.sent.statusCodes).toEqual([401]);

		const unpublish = context({ staticData, parameters, http: [] });
		await expect(remove.call(unpublish)).resolves.toBe(true);
		expect(unpublish.mock.requests).toEqual([]);
		expect(unpublish.mock.logged('info').join('\n')).toContain('Post-Call Actions');
		expect(staticData.registration).toBeUndefined();
	});
});

describe('one webhook per assistant and event', () => {
	/** One trigger node in its own workflow: a context for it with these HTTP answers. */
	function triggerNode(letter: string, parameters: IDataObject = callParameters()) {
		const webhookId = `${letter.repeat(8)}-0000-4000-8000-000000000000`;
		const staticData: IDataObject = {};
		return (http: HookContextOptions['http']) =>
			context({
				parameters,
				staticData,
				webhookUrl: `https://n8n.example.com/webhook/${webhookId}/webhook`,
				node: { webhookId, name: `Trigger ${letter}` },
				workflowId: `wf-${letter}`,
				http,
			});
	}

	it('a Call Ended trigger of the same assistant does not take over its conversation webhook', async () => {
		const chats = triggerNode('a', {
			assistant: { __rl: true, mode: 'id', value: ASSISTANT_ID },
			options: {},
		});
		const calls = triggerNode('b');
		await create.call(chats([ok()]));
		await create.call(calls([LIST, ok()]));

		const unpublishChats = chats([ok()]);
		await remove.call(unpublishChats);
		expect(requested(unpublishChats)).toEqual([
			`POST /api/assistants/${ASSISTANT_ID}/disable-conversation-ended-webhook`,
		]);
		const unpublishCalls = calls([ok()]);
		await remove.call(unpublishCalls);
		expect(requested(unpublishCalls)).toEqual(['POST /api/user/assistants/disable-webhook']);
	});

	it('a second Call Ended trigger takes the calls over, and unpublishing the first leaves them switched on', async () => {
		const one = triggerNode('c');
		const two = triggerNode('d');
		await create.call(one([LIST, ok()]));
		await create.call(two([LIST, ok()]));
		const unpublishFirst = one([]);
		await expect(remove.call(unpublishFirst)).resolves.toBe(true);
		expect(unpublishFirst.mock.requests).toEqual([]);
		const unpublishSecond = two([ok()]);
		await remove.call(unpublishSecond);
		expect(requested(unpublishSecond)).toEqual(['POST /api/user/assistants/disable-webhook']);
	});
});
