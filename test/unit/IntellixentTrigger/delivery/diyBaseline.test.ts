/**
 * The bench's do-it-yourself baseline (tools/bench/diy-workflow.js) must do the
 * work the trigger does, or the comparison says nothing: its Code node refuses a wrong token and
 * makes the same columns as the trigger's Flat Row output for the bench's payload.
 */
import { shapeConversation } from '../../../../nodes/IntellixentTrigger/outputShapes';
import { parseConversationEndedPayload } from '../../../../nodes/IntellixentTrigger/payloadSchema';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runDiyCode } = require('../../../../tools/bench/diy-workflow') as {
	runDiyCode: (secret: string, items: unknown[]) => Row[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makePayload } = require('../../../../tools/bench/payloads') as {
	makePayload: (messages: number) => Record<string, unknown>;
};

type Row = { json: Record<string, unknown> };

function runCode(secret: string, token: string | undefined, body: unknown): Row[] {
	return runDiyCode(secret, [{ json: { query: { token }, body } }]);
}

describe('the do-it-yourself baseline of the bench', () => {
	const payload = makePayload(8);

	it('makes the columns of the Flat Row output, in the same order', () => {
		const parsed = parseConversationEndedPayload(payload);
		if (!parsed.ok) throw new Error('the bench payload is not valid');
		const [flat] = shapeConversation(
			parsed.payload,
			{ shape: 'flatRow', includeRawPayload: false, escapeFormulas: true },
			payload,
		);
		const [row] = runCode('s3cret', 's3cret', payload);
		expect(Object.keys(row.json)).toEqual(Object.keys(flat));
		expect(row.json.conversation_id).toBe(payload.conversation_id);
		expect(row.json.message_count).toBe(8);
	});

	it('refuses a wrong or missing token and a payload without its fields', () => {
		expect(() => runCode('s3cret', 'guess', payload)).toThrow('wrong or missing token');
		expect(() => runCode('s3cret', undefined, payload)).toThrow('wrong or missing token');
		expect(() => runCode('s3cret', 's3cret', { ...payload, conversation_id: 1 })).toThrow(
			'conversation_id is missing',
		);
	});
});
