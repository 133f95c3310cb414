/**
 * WhatsApp > Get Senders, Send Template Message and Send Free-Form Message against the emulator:
 * the documented bodies, each documented failure's message and advice, a send never repeated
 * unless it certainly did not arrive, and a phone number quoted within bounds (the pacing is in
 * whatsappPacing.test.ts).
 */
import { actionNodeAgainstEmulator, json, rl, templateSend } from '../actionRun';

const { emulator, run, failure, apiCalls } = actionNodeAgainstEmulator();

describe('WhatsApp', () => {
	it('Get Senders: online ones by default, all with Include Offline', async () => {
		const online = json(await run({ resource: 'whatsapp', operation: 'getSenders' }));
		expect(online.map((s) => s.id)).toEqual([12]);
		const all = json(
			await run({ resource: 'whatsapp', operation: 'getSenders', includeOffline: true }),
		);
		expect(all.map((s) => s.id)).toEqual([12, 13]);
	});

	it('Send Template Message sends the documented body', async () => {
		const [sent] = json(await run(templateSend()));
		expect(sent).toMatchObject({ success: true, status: 'sent' });
		expect(emulator().whatsappSends()[0]).toMatchObject({
			kind: 'template',
			sender_id: 12,
			template_id: 501,
			recipient_phone: '+34600000000',
			recipient_name: 'Ana',
			variables: { '1': 'Ana' },
		});
	});

	it('Send Template Message leaves out an empty name and variables without a name', async () => {
		await run({
			...templateSend(),
			recipientName: null,
			variables: { variable: [{ name: '  ', value: 'dropped' }] },
		});
		const [sent] = apiCalls('/api/user/whatsapp/send');
		expect(Object.keys(sent.body as object).sort()).toEqual([
			'recipient_phone',
			'sender_id',
			'template_id',
		]);
	});

	it('Send Free-Form Message outputs the session status', async () => {
		emulator().openWhatsAppSession('+34611111111');
		const [sent] = json(
			await run({
				resource: 'whatsapp',
				operation: 'sendFreeForm',
				sender: rl(12),
				recipientPhone: '+34611111111',
				message: 'Thanks for your message!',
			}),
		);
		expect(sent.session_status).toMatchObject({ is_open: true, can_send_freeform: true });
	});

	it.each([
		[
			'SENDER_NOT_FOUND',
			{ sender: rl(99) },
			/sender was not found.*404 SENDER_NOT_FOUND/,
			/Get Senders/,
		],
		['SENDER_OFFLINE', { sender: rl(13) }, /sender is offline.*503 SENDER_OFFLINE/, /Reconnect/],
		['template not approved', { templateId: 502 }, /template is not approved.*422/, /approved/],
	])('%s: a message to act on, and no retry', async (_name, change, message, advice) => {
		const error = await failure({ ...templateSend(), ...change });
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(advice);
		expect(apiCalls('/api/user/whatsapp/send')).toHaveLength(1);
	});

	it('SESSION_EXPIRED: advises a template', async () => {
		const error = await failure({
			resource: 'whatsapp',
			operation: 'sendFreeForm',
			sender: rl(12),
			recipientPhone: '+34699999999',
			message: 'Hello',
		});
		expect(error.message).toMatch(/24-hour WhatsApp window is closed.*SESSION_EXPIRED/);
		expect(error.description).toMatch(/Send Template Message/);
	});

	it('insufficient balance: 402 with advice to top up', async () => {
		emulator().setWhatsAppBalance(0);
		const error = await failure(templateSend());
		expect(error.message).toMatch(/insufficient balance.*402/);
		expect(error.description).toMatch(/Top up/);
	});
});

describe('a write is never repeated unless it certainly did not arrive', () => {
	const template = {
		resource: 'whatsapp',
		operation: 'sendTemplate',
		sender: rl(12),
		templateId: 501,
		recipientPhone: '+34600000001',
	};

	it.each([500, 502, 503, 504])(
		'a template send answered %i is sent once, and the error says the outcome is unknown',
		async (status) => {
			emulator().injectFault({ endpoint: 'sendTemplate', kind: 'status', status, times: 3 });
			const error = await failure(template);
			expect(apiCalls('/api/user/whatsapp/send')).toHaveLength(1);
			expect(error.message).toContain('(the outcome is unknown)');
			expect(error.message).toContain('tried once');
			expect(error.description).toContain('the message may have gone out');
		},
	);

	it('with Continue On Fail the item says outcome: unknown, for a workflow to branch on', async () => {
		emulator().injectFault({ endpoint: 'sendTemplate', kind: 'status', status: 502, times: 3 });
		const output = await run(template, { continueOnFail: true });
		expect(output).toHaveLength(1);
		expect(output[0].json.outcome).toBe('unknown');
		expect(apiCalls('/api/user/whatsapp/send')).toHaveLength(1);
	});

	it('a 429 is a refusal: the send is asked again and then goes out once', async () => {
		emulator().injectFault({ endpoint: 'sendTemplate', kind: 'status', status: 429, times: 1 });
		const output = await run(template);
		expect(output).toHaveLength(1);
		expect(apiCalls('/api/user/whatsapp/send')).toHaveLength(2);
		expect(emulator().whatsappSends()).toHaveLength(1);
	});
});

describe('a message quotes a phone number within bounds', () => {
	it('a 10 kB multi-line phone number gives a one-line message of bounded length', async () => {
		emulator().injectFault({ endpoint: 'sendTemplate', kind: 'status', status: 422, times: 1 });
		const phone = `+34${'6\n'.repeat(5000)}`;
		const error = await failure({
			resource: 'whatsapp',
			operation: 'sendTemplate',
			sender: rl(12),
			templateId: 501,
			recipientPhone: phone,
		});
		expect(error.message).not.toContain('\n');
		expect(error.message.length).toBeLessThan(400);
		expect(error.message).toContain('send the WhatsApp template to +34');
	});
});
