/**
 * One Item per Message repeats conversation values on every item, so a long
 * value is whole on the first item and cut on the others; the output stays writable.
 */
import {
	MAX_REPEATED_LENGTH,
	shapeConversation,
} from '../../../../nodes/IntellixentTrigger/outputShapes';
import { parseConversationEndedPayload } from '../../../../nodes/IntellixentTrigger/payloadSchema';

import { longTranscript } from './samples';

function messages(body: unknown) {
	const parsed = parseConversationEndedPayload(body);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
	return shapeConversation(parsed.payload, { shape: 'messages' });
}

describe('One Item per Message with long conversation values', () => {
	const name = 'N'.repeat(100_000);

	it('a 100,000-character customer_name over 10,000 messages: JSON.stringify of the output works', () => {
		const items = messages({ ...longTranscript(10_000), customer_name: name });
		expect(items).toHaveLength(10_000);
		const text = JSON.stringify(items);
		expect(text.length).toBeLessThan(10_000 * 700 + name.length);
	});

	it('the first item has every value whole; the others have at most 200 characters and "…"', () => {
		const long = {
			customer_name: name,
			customer_phone: '+'.repeat(300),
			type: 'c'.repeat(5000),
			created_at: 't'.repeat(201),
			ended_at: 'e'.repeat(200),
		};
		const [first, second, third] = messages({ ...longTranscript(3), ...long });
		const { type, ...conversationFields } = long;
		expect(first).toMatchObject({ ...conversationFields, channel: type });
		for (const item of [second, third]) {
			expect(item).toMatchObject({
				customer_name: `${name.slice(0, MAX_REPEATED_LENGTH)}…`,
				customer_phone: `${'+'.repeat(MAX_REPEATED_LENGTH)}…`,
				channel: `${'c'.repeat(MAX_REPEATED_LENGTH)}…`,
				created_at: `${'t'.repeat(MAX_REPEATED_LENGTH)}…`,
				ended_at: long.ended_at,
			});
		}
		expect(MAX_REPEATED_LENGTH).toBe(200);
	});

	it('messages themselves are never cut', () => {
		const body = longTranscript(2);
		(body.transcript as Array<{ content: string }>)[1].content = 'm'.repeat(50_000);
		expect(messages(body)[1].content).toBe('m'.repeat(50_000));
	});
});
