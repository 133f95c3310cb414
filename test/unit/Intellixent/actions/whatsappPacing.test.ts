/**
 * WhatsApp sends paced under Intellixent's 5-a-second limit, against the emulator in real time: 50
 * template sends and 12 free-form ones without a 429, and a 429 caused elsewhere waited out. Kept
 * apart from whatsapp.test.ts because they take seconds (the mutation run leaves them out).
 */
import { actionNodeAgainstEmulator, json, pairedIndex, rl, templateSend } from '../actionRun';

const { emulator, run } = actionNodeAgainstEmulator();

describe('WhatsApp pacing', () => {
	it('50 items: every send recorded, none refused with 429 (paced under 5 a second)', async () => {
		const output = await run(templateSend, { items: 50 });
		expect(output).toHaveLength(50);
		expect(output.map((item) => pairedIndex(item))).toEqual(
			Array.from({ length: 50 }, (_, i) => i),
		);
		expect(emulator().whatsappSends()).toHaveLength(50);
		expect(emulator().whatsappRateLimited()).toBe(0);
	}, 60_000);

	it('Send Free-Form Message is paced too: 12 items, none refused with 429', async () => {
		const phones = Array.from({ length: 12 }, (_, i) => `+3461100${String(i).padStart(4, '0')}`);
		for (const phone of phones) emulator().openWhatsAppSession(phone);
		const output = await run(
			(i) => ({
				resource: 'whatsapp',
				operation: 'sendFreeForm',
				sender: rl(12),
				recipientPhone: phones[i],
				message: 'Thanks for your message!',
			}),
			{ items: 12 },
		);
		expect(output).toHaveLength(12);
		expect(emulator().whatsappSends()).toHaveLength(12);
		expect(emulator().whatsappRateLimited()).toBe(0);
	}, 30_000);

	it('a 429 from sends of elsewhere is waited out (Retry-After), not shown to the user', async () => {
		// Five sends made by "another workflow" fill the current second.
		for (let i = 0; i < 5; i++) await run(templateSend(100 + i));
		const output = await run(templateSend(200));
		expect(json(output)[0]).toMatchObject({ success: true });
		expect(emulator().whatsappRateLimited()).toBeGreaterThanOrEqual(1);
	}, 20_000);
});
