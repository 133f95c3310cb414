/** Conversation-Ended Webhook > Enable and Disable against the emulator; a URL or assistant that cannot be right is refused before any request. */
import { actionNodeAgainstEmulator, json, rl } from '../actionRun';

const { emulator, run, failure } = actionNodeAgainstEmulator();

describe('Conversation-Ended Webhook', () => {
	const uuid = 'f9e8d7c6-b5a4-3210-fedc-ba9876543210';

	it('Enable registers the URL; Disable removes it', async () => {
		const enabled = json(
			await run({
				resource: 'conversationEndedWebhook',
				operation: 'enable',
				webhookAssistant: rl(uuid),
				webhookUrl: 'https://example.com/hooks/ended',
			}),
		);
		expect(enabled[0]).toMatchObject({ enabled: true, api_form: 'path' });
		expect(emulator().registrations()[uuid].webhook_url).toBe('https://example.com/hooks/ended');
		await run({
			resource: 'conversationEndedWebhook',
			operation: 'disable',
			webhookAssistant: rl(uuid),
		});
		expect(emulator().registrations()[uuid]).toBeUndefined();
	});

	it('Enable with a URL that is not http(s): refused before any request', async () => {
		const error = await failure({
			resource: 'conversationEndedWebhook',
			operation: 'enable',
			webhookAssistant: rl(uuid),
			webhookUrl: 'ftp://example.com',
		});
		expect(error.message).toBe('Webhook URL must be an http:// or https:// address');
		expect(emulator().requests()).toHaveLength(0);
	});
});

describe('assistants from expressions or agents', () => {
	it.each(['..', '.', '../assistants'])(
		'a webhook assistant %j is refused before any request',
		async (uuid) => {
			const error = await failure({
				resource: 'conversationEndedWebhook',
				operation: 'disable',
				webhookAssistant: rl(uuid),
			});
			expect(error.message).toBe('Assistant must be an assistant UUID');
			expect(emulator().requests()).toHaveLength(0);
		},
	);
});
