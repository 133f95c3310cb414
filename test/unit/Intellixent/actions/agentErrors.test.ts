/**
 * The refusals an AI agent's model most often meets, before any request: n8n gives the model only
 * an error's message (not its description), so each message says what to pass instead.
 */
import { actionNodeAgainstEmulator, rl, templateSend } from '../actionRun';

const { emulator, failure } = actionNodeAgainstEmulator();

const sentNothing = () =>
	expect(
		emulator()
			.requests()
			.filter((r) => r.path.startsWith('/api/')),
	).toEqual([]);

it.each([
	[
		'a phone number as the sender',
		{ ...templateSend(), sender: rl('+34600000001') },
		/^Sender must be a positive whole number: the "id" of a sender from WhatsApp > Get Senders, not a phone number$/,
	],
	[
		'an empty recipient',
		{ ...templateSend(), recipientPhone: ' ' },
		/^Recipient Phone is empty: give the customer's phone number in E\.164 format/,
	],
	[
		'an assistant UUID where the integer id is needed',
		{
			resource: 'assistant',
			operation: 'delete',
			assistant: rl('f9e8d7c6-b5a4-3210-fedc-ba9876543210'),
		},
		/^Assistant must be a positive whole number: the "id" of an assistant from Assistant > Get Many, not its UUID$/,
	],
	[
		'an empty free-form message',
		{
			resource: 'whatsapp',
			operation: 'sendFreeForm',
			sender: rl(12),
			recipientPhone: '+34600000001',
			message: '',
		},
		/^Message is empty: give the text to send \(1 to 4096 characters\)$/,
	],
	[
		'a free-form message over 4096 characters',
		{
			resource: 'whatsapp',
			operation: 'sendFreeForm',
			sender: rl(12),
			recipientPhone: '+34600000001',
			message: 'x'.repeat(4097),
		},
		/^Message is too long \(4097 characters\): shorten it to at most 4096 characters$/,
	],
	[
		'no assistant for the webhook',
		{
			resource: 'conversationEndedWebhook',
			operation: 'disable',
			webhookAssistant: rl(''),
		},
		/^No assistant chosen: give the assistant's UUID \(the "uuid" from Assistant > Get Many\)$/,
	],
])('%s: the message says what to pass, and nothing is sent', async (_name, parameters, message) => {
	const error = await failure(parameters);
	expect(error.message).toMatch(message);
	sentNothing();
});
