/**
 * Redaction by value: whatever a server echoes (status x echo form x body form), neither the API
 * key nor the delivery token reaches an error's message, description, serialised fields or stack,
 * nor the warning unpublishing logs. The key has characters that every encoder changes, so each
 * echo form really differs from the raw value.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { intellixentRequest } from '../../../../nodes/shared/intellixentApi';
import { secretRedactor } from '../../../../nodes/shared/secretRedaction';
import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import {
	answer,
	ASSISTANT_ID,
	hookContext,
	PRODUCTION_URL,
	type ScriptedAnswer,
	instantSleep,
} from '../../../helpers/fakeContext';

instantSleep();

const KEY = '7|Ab/c+d=e&f "g<h>ü';
const TOKEN = 'Zq3-tok_9Xv2LmN8pQ4rS6tU1wY5zA7bC0dE2fG4hJ6';
const TOKEN_URL = `${PRODUCTION_URL}?token=${TOKEN}`;

const html = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What a server may echo, by name. */
const ECHOES: Array<[string, string]> = [
	['the bare token', `token ${TOKEN} is invalid`],
	['the token in the URL', `${TOKEN_URL} did not answer`],
	['the URL percent-encoded', `url=${encodeURIComponent(TOKEN_URL)}`],
	['the URL percent-encoded twice', encodeURIComponent(encodeURIComponent(TOKEN_URL))],
	['the token after &amp;', `${PRODUCTION_URL}?a=1&amp;token=${TOKEN}`],
	['the URL inside echoed JSON', JSON.stringify({ webhook_url: TOKEN_URL.replace(/\//g, '\\/') })],
	['the URL HTML-escaped', `<a href="${html(TOKEN_URL)}">`],
	['the Authorization header', `Authorization: Bearer ${KEY}`],
	['the key percent-encoded', `key=${encodeURIComponent(KEY)}`],
	[
		'the key percent-encoded in lower case',
		`key=${encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`,
	],
	['the key form-encoded', `key=${encodeURIComponent(KEY).replace(/%20/g, '+')}`],
	['the key inside echoed JSON', JSON.stringify({ headers: { authorization: `Bearer ${KEY}` } })],
	['the key HTML-escaped', `<pre>${html(KEY)}</pre>`],
	[
		'the key in Basic credentials (base64)',
		`Basic ${Buffer.from(`user:${KEY}`).toString('base64')}`,
	],
	['the key in hex', Buffer.from(KEY).toString('hex').toUpperCase()],
	[
		'the key with every character \\u-escaped',
		[...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
	],
];
/** Where in the answer the echo sits. */
const BODIES: Array<[string, (echo: string) => unknown]> = [
	['{message}', (echo) => ({ message: echo })],
	[
		'{errors}',
		(echo) => ({ message: 'The given data was invalid.', errors: { webhook_url: [echo] } }),
	],
	['{error}', (echo) => ({ error: echo })],
	['plain text', (echo) => echo],
];
const STATUSES = [400, 401, 403, 404, 409, 410, 422, 429, 500, 502];

const FORBIDDEN = [KEY, encodeURIComponent(KEY), TOKEN];

function expectClean(text: string, what: string) {
	for (const secret of FORBIDDEN) {
		if (text.toLowerCase().includes(secret.toLowerCase()))
			throw new Error(`${what} leaks ${secret}: ${text}`);
	}
	// The key's distinctive parts must not survive either, raw or encoded.
	expect(text).not.toMatch(/Ab\/c|Ab%2Fc/i);
	expect(text.toLowerCase()).not.toContain(Buffer.from(KEY).toString('hex').slice(4, 24));
	expect(text).not.toContain(Buffer.from(`user:${KEY}`).toString('base64').slice(8, 24));
	expect(text).not.toMatch(/\\u0041\\u0062/i);
}

const combos = STATUSES.flatMap((status) =>
	ECHOES.flatMap(([echoName, echo]) =>
		BODIES.map(([bodyName, body]) => [status, echoName, bodyName, body(echo)] as const),
	),
);

describe(`enable: ${combos.length} combinations of status x echo x body form`, () => {
	it.each(combos)('%i echoing %s as %s', async (status, _echoName, _bodyName, body) => {
		const http: ScriptedAnswer[] = Array.from({ length: 3 }, () => answer(status, body));
		const context = hookContext({
			credentials: { apiKey: KEY, baseUrl: 'https://portal.intellixent.ai' },
			http,
		});
		const error = await intellixentRequest
			.call(
				context,
				'POST',
				'/api/x',
				{ action: 'register the webhook', assistantId: ASSISTANT_ID, stage: 'publish' },
				{
					body: { webhook_url: TOKEN_URL } as IDataObject,
				},
			)
			.then(
				() => undefined,
				(e: unknown) => e,
			);
		expect(error).toBeInstanceOf(NodeApiError);
		const e = error as NodeApiError;
		expect(e.message).toMatch(/^Could not register the webhook: /);
		expectClean(e.message, 'message');
		expectClean(e.description ?? '', 'description');
		expectClean(JSON.stringify(e), 'serialised error');
		expectClean(String(e.stack), 'stack');
	});
});

describe('unpublish: the warning is redacted for every status x echo (the key; the token where it is in a URL)', () => {
	const hooks = new IntellixentTrigger().webhookMethods.default;
	// Disabling sends no token, so only the key and the URL-shaped echoes can be matched.
	const urlAndKeyEchoes = ECHOES.filter(([name]) => name !== 'the bare token');
	const cases = STATUSES.filter((s) => s !== 404).flatMap((status) =>
		urlAndKeyEchoes.map(([name, echo]) => [status, name, echo] as const),
	);
	it.each(cases)('%i echoing %s', async (status, _name, echo) => {
		const staticData: IDataObject = {
			registration: {
				assistantId: ASSISTANT_ID,
				webhookUrl: PRODUCTION_URL,
				test: false,
				registeredAt: '2026-01-01T00:00:00.000Z',
			},
		};
		const http = Array.from({ length: 2 }, () =>
			answer(status, { message: echo, errors: { x: [echo] } }),
		);
		const context = hookContext({
			credentials: { apiKey: KEY, baseUrl: 'https://portal.intellixent.ai' },
			http,
			staticData,
		});
		await expect(hooks.delete.call(context)).resolves.toBe(false);
		const lines = context.mock.logged();
		expect(lines.join('\n')).toContain(
			`could not switch off the webhook of assistant ${ASSISTANT_ID}`,
		);
		expectClean(lines.join('\n'), 'log');
	});
});

describe('secretRedactor', () => {
	it('masks every form and keeps the rest of the text', () => {
		const redact = secretRedactor([KEY, TOKEN]);
		expect(redact(`a ${KEY} b ${encodeURIComponent(KEY)} c ${TOKEN} d`)).toBe(
			'a *** b *** c *** d',
		);
		expect(redact('nothing secret here')).toBe('nothing secret here');
	});

	it('ignores empty, missing and very short values (they would mangle ordinary words)', () => {
		const redact = secretRedactor(['', undefined, 'ab']);
		expect(redact('ab cab')).toBe('ab cab');
	});

	it('masks the longest form first, so no tail of a longer form survives', () => {
		const redact = secretRedactor(['abcd', 'abcdefgh']);
		expect(redact('xabcdefghx')).toBe('x***x');
	});

	it.each([
		['?token=', 'https://n/w?token=SECRET', 'https://n/w?token=***'],
		['&token=', 'https://n/w?a=1&token=SECRET&b=2', 'https://n/w?a=1&token=***&b=2'],
		['&amp;token=', 'https://n/w?a=1&amp;token=SECRET', 'https://n/w?a=1&amp;token=***'],
		['%3Ftoken%3D', 'https%3A%2F%2Fn%2Fw%3Ftoken%3DSECRET', 'https%3A%2F%2Fn%2Fw%3Ftoken%3D***'],
		['%253Ftoken%253D', 'w%253Ftoken%253DSECRET', 'w%253Ftoken%253D***'],
		['a JSON-escaped URL', '"https:\\/\\/n\\/w?token=SECRET"', '"https:\\/\\/n\\/w?token=***"'],
		['a truncated token', 'https://n/w?token=SEC…', 'https://n/w?token=***'],
	])('removes a token parameter by pattern too: %s', (_name, text, expected) => {
		expect(secretRedactor([])(text)).toBe(expected);
	});
});
