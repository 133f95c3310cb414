/**
 * The WhatsApp endpoints' own error shape, `{success: false, error, error_code}` (send-template and
 * send-freeform docs), turned into messages a user can act on: which sender, template, balance or
 * customer window is the problem, and what to do about it. apiErrors.ts asks here first; an answer
 * that is not in this shape falls through to the general messages there.
 */

/** The documented shape of a WhatsApp error answer. */
interface WhatsAppErrorBody {
	success: false;
	error?: unknown;
	error_code?: unknown;
}

type Text = { message: string; description: string };

function isWhatsAppError(body: unknown): body is WhatsAppErrorBody {
	return (
		typeof body === 'object' &&
		body !== null &&
		(body as { success?: unknown }).success === false &&
		('error_code' in body || 'error' in body)
	);
}

/** The error code in upper case, or '' when the answer has none. */
function whatsappErrorCode(body: unknown): string {
	if (!isWhatsAppError(body)) return '';
	const code = body.error_code;
	return typeof code === 'string' ? code.trim().toUpperCase() : '';
}

/**
 * True for a WhatsApp answer that will not change by asking again (a sender that is offline
 * stays offline for minutes): the request core does not retry these, even on a 5xx.
 */
export function isDefinitiveWhatsAppError(body: unknown): boolean {
	return whatsappErrorCode(body) !== '';
}

/**
 * What an answer is about: its error code when it has one (the documented SENDER_NOT_FOUND,
 * SESSION_EXPIRED, SENDER_OFFLINE, and the template and balance refusals), otherwise its status
 * and Intellixent's words. A code nobody documents is not guessed from its status: a 422 is not
 * always about the template (a recipient phone the API refuses is a 422 too).
 */
interface Clue {
	code: string;
	status: number;
	/** Intellixent's text, in lower case ('' when none). */
	said: string;
}

const ADVICE: Array<{ matches: (clue: Clue) => boolean; text: Text }> = [
	{
		matches: ({ code }) => code === 'SENDER_NOT_FOUND',
		text: {
			message: 'the WhatsApp sender was not found in this Intellixent account',
			description:
				'Choose the sender again from the list (the WhatsApp resource\'s "Get Senders" lists them). It may have been removed, or it belongs to another account than the API key in the credential.',
		},
	},
	{
		matches: ({ code }) => code === 'SESSION_EXPIRED',
		text: {
			message: "the customer's 24-hour WhatsApp window is closed",
			description:
				'Free-form messages can only be sent within 24 hours of the customer\'s last message. Send an approved template instead ("Send Template Message"); once the customer answers, free-form messages work again.',
		},
	},
	{
		matches: ({ code, status }) => code === 'SENDER_OFFLINE' || (status === 503 && code === ''),
		text: {
			message: 'the WhatsApp sender is offline',
			description:
				'Meta reports this sender as disconnected (Intellixent syncs its status every 5 minutes). Reconnect it in the Intellixent portal, or choose an online sender ("Get Senders" shows each status).',
		},
	},
	{
		matches: ({ code, status }) => code.includes('BALANCE') || (status === 402 && code === ''),
		text: {
			message: 'the Intellixent account has insufficient balance to send WhatsApp messages',
			description: 'Top up the balance in the Intellixent portal, then run the node again.',
		},
	},
	{
		matches: ({ code, said }) =>
			code.includes('TEMPLATE') || (code === '' && said.includes('template')),
		text: {
			message: 'the WhatsApp template is not approved',
			description:
				"Only templates Meta has approved can be sent. Check the template's status in the Intellixent portal, or use the ID of an approved template.",
		},
	},
	{
		matches: ({ code, said }) =>
			/PHONE|RECIPIENT|NUMBER/.test(code) || (code === '' && /phone|recipient/.test(said)),
		text: {
			message: 'Intellixent refused the recipient phone number',
			description:
				'Enter the recipient in international format with the country code (for example +34600000000), and check that the number has WhatsApp.',
		},
	},
	{
		matches: ({ status }) => status === 422,
		text: {
			message: 'Intellixent refused the WhatsApp message',
			description:
				"Nothing was sent. Check the node's WhatsApp fields against what Intellixent said: the sender, the recipient phone (international format, e.g. +34600000000), and the template ID and its variables or the message text.",
		},
	},
];

/**
 * Message and description for an answer in the WhatsApp error shape; undefined for any other
 * answer. `serverSaid` is Intellixent's own text, already redacted and shortened.
 */
export function whatsappText(
	action: string,
	status: number,
	body: unknown,
	serverSaid: string | undefined,
): Text | undefined {
	if (!isWhatsAppError(body)) return undefined;
	const code = whatsappErrorCode(body);
	const clue: Clue = { code, status, said: (serverSaid ?? '').toLowerCase() };
	const advice = ADVICE.find((entry) => entry.matches(clue))?.text;
	const label = [status, code].filter(Boolean).join(' ');
	if (!advice) {
		return {
			message: `Could not ${action}: Intellixent answered ${label}${serverSaid ? ` (${serverSaid})` : ''}`,
			description: 'See the Intellixent WhatsApp API documentation for this error code.',
		};
	}
	return {
		message: `Could not ${action}: ${advice.message} (${label}${serverSaid ? `: ${serverSaid}` : ''})`,
		description: advice.description,
	};
}
