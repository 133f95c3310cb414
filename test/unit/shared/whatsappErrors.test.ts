/**
 * WhatsApp answers in their own error shape `{success: false, error, error_code}` are told apart by
 * their code (and, without one, by Intellixent's words): each documented code has its message, a
 * 422 is "template not approved" only when it is about the template, a refused phone number says
 * so, and a code nobody documents gets Intellixent's own words and a general advice.
 */
import type { INode } from 'n8n-workflow';

import { apiError } from '../../../nodes/shared/apiErrors';

const NODE = { name: 'Intellixent', type: 'n8n-nodes-intellixent.intellixent' } as INode;
const ACTION = 'send the WhatsApp template message';

function errorFor(status: number, body: unknown) {
	const error = apiError(
		NODE,
		{ action: ACTION, stage: 'run' },
		'https://portal.intellixent.ai',
		{ status, body },
		1,
		(text) => text,
	);
	return { message: error.message, description: error.description ?? '' };
}

const shape = (error_code: string | undefined, error: string) => ({
	success: false,
	error,
	...(error_code === undefined ? {} : { error_code }),
});

describe('each documented code', () => {
	it.each([
		[
			404,
			'SENDER_NOT_FOUND',
			'Sender not found',
			'the WhatsApp sender was not found in this Intellixent account',
			/Get Senders/,
		],
		[
			422,
			'SESSION_EXPIRED',
			'The 24-hour session window has expired',
			"the customer's 24-hour WhatsApp window is closed",
			/Send Template Message/,
		],
		[
			503,
			'SENDER_OFFLINE',
			'The WhatsApp sender is offline',
			'the WhatsApp sender is offline',
			/Reconnect/,
		],
		[
			422,
			'TEMPLATE_NOT_APPROVED',
			'Template is not approved',
			'the WhatsApp template is not approved',
			/approved template/,
		],
		[
			402,
			'INSUFFICIENT_BALANCE',
			'Insufficient balance',
			'the Intellixent account has insufficient balance to send WhatsApp messages',
			/Top up/,
		],
	])('%i %s', (status, code, said, words, advice) => {
		const { message, description } = errorFor(status, shape(code, said));
		expect(message).toBe(`Could not ${ACTION}: ${words} (${status} ${code}: ${said})`);
		expect(description).toMatch(advice);
	});
});

describe('a 422 is not always about the template', () => {
	it.each([
		['INVALID_PHONE', 'The recipient phone is not a valid number'],
		['INVALID_RECIPIENT', 'Recipient cannot receive WhatsApp messages'],
		[undefined, 'The recipient phone must be in E.164 format'],
	])('%s: the phone number is named, not the template', (code, said) => {
		const { message, description } = errorFor(422, shape(code, said));
		expect(message).toBe(
			`Could not ${ACTION}: Intellixent refused the recipient phone number (422${code ? ` ${code}` : ''}: ${said})`,
		);
		expect(message).not.toMatch(/not approved/);
		expect(description).toMatch(/international format/);
	});

	it('a 422 without a code that speaks of the template is the template', () => {
		const { message } = errorFor(422, shape(undefined, 'Template 502 is pending approval'));
		expect(message).toMatch(/the WhatsApp template is not approved \(422: Template 502/);
	});

	it('an undocumented 422 code: Intellixent refused the message, in its own words', () => {
		const { message, description } = errorFor(
			422,
			shape('VARIABLES_MISMATCH', 'Expected 2 variables, got 1'),
		);
		expect(message).toBe(
			`Could not ${ACTION}: Intellixent refused the WhatsApp message (422 VARIABLES_MISMATCH: Expected 2 variables, got 1)`,
		);
		expect(message).not.toMatch(/not approved/);
		expect(description).toMatch(/^Nothing was sent\. Check the node's WhatsApp fields/);
	});

	it('an undocumented code on another status: its status, code and words, no guessed advice', () => {
		const { message, description } = errorFor(409, shape('DUPLICATE_MESSAGE', 'Already sent'));
		expect(message).toBe(
			`Could not ${ACTION}: Intellixent answered 409 DUPLICATE_MESSAGE (Already sent)`,
		);
		expect(description).toBe('See the Intellixent WhatsApp API documentation for this error code.');
	});
});
