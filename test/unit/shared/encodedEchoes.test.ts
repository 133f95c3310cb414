/**
 * A server that echoes the API key encoded: base64 (alone, after "Bearer ", inside Basic's
 * "user:key"), base64url, hex in either case, `\u` escapes in a JSON string, every character
 * percent-encoded, and mixes of these. Through n8n-core's real HTTP helpers to a local server, no
 * form reaches an error's message or description, nor what a successful request returns (an AI
 * tool's output goes to the model provider). Answers nested 100,000 deep are returned with their
 * nesting capped, so that n8n's deepCopy copes.
 */
import { deepCopy, NodeApiError } from 'n8n-workflow';

import * as api from '../../../nodes/shared/intellixentApi';
import { MAX_OUTPUT_DEPTH, TOO_DEEP } from '../../../nodes/shared/outputData';
import { secretRedactor } from '../../../nodes/shared/secretRedaction';
import { json, useHostileServer } from '../../helpers/hostileServer';

const KEY = '41|Zr8xQp2LmN7vK3wT9yB5cD1fG6hJ0sA4';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const escapedEvery = (text: string) =>
	[...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const percentEvery = (text: string) =>
	[...Buffer.from(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** How an echo carries the key, by name; each as it would stand in a text. */
const FORMS: Array<[string, string]> = [
	['base64', b64(KEY)],
	['base64 of "Bearer <key>"', b64(`Bearer ${KEY}`)],
	['base64 of Basic "user:<key>"', b64(`user:${KEY}`)],
	['base64 of "xy<key>" (the third alignment)', b64(`xy${KEY}`)],
	['base64url', b64(`Bearer ${KEY}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
	['hex, lower case', Buffer.from(KEY).toString('hex')],
	['hex, upper case', Buffer.from(KEY).toString('hex').toUpperCase()],
	['\\u escapes for every character', escapedEvery(KEY)],
	['\\u escapes for some characters', `${escapedEvery(KEY.slice(0, 5))}${KEY.slice(5)}`],
	['every byte percent-encoded', percentEvery(KEY)],
	['every byte percent-encoded, lower case', percentEvery(KEY).toLowerCase()],
	['percent-encoded twice, every byte', percentEvery(KEY).replace(/%/g, '%25')],
	['mixed percent and raw', `${percentEvery(KEY.slice(0, 8))}${KEY.slice(8)}`],
];

/** No run of 12 characters of the key, raw or encoded, survives. */
function expectClean(text: string, form: string) {
	expect(text).not.toContain(KEY.slice(4, 16));
	expect(text).not.toContain(form);
	expect(text.toLowerCase()).not.toContain(Buffer.from(KEY).toString('hex').slice(8, 32));
	expect(text).not.toContain(b64(KEY).slice(4, 20));
}

describe('secretRedactor removes the key in every encoded form', () => {
	const redact = secretRedactor([KEY]);
	it.each(FORMS)('%s', (_name, form) => {
		const out = redact(`before ${form} after`);
		expectClean(out, form);
		expect(out).toMatch(/^before .*\*\*\*.* after$/);
	});

	it('keeps ordinary text, base64 and hex that are not the key', () => {
		const text = `id ${b64('another value entirely')} ${Buffer.from('other').toString('hex')} %41%42`;
		expect(redact(text)).toBe(text);
	});

	it('a text of 200,000 near-misses (the key but its last character) comes back unchanged', () => {
		const nearMiss = KEY.slice(0, -1);
		const text = `${nearMiss} ${percentEvery(nearMiss)} ${escapedEvery(nearMiss)} `.repeat(2000);
		expect(redact(text)).toBe(text);
	});
});

describe('through the request core (real HTTP)', () => {
	const server = useHostileServer();
	const request = () =>
		api.intellixentRequest.call(server.context(KEY), 'GET', '/api/user/calls', {
			action: 'list the calls',
			stage: 'run',
		});

	it.each(FORMS)('an error that echoes the key as %s', async (_name, form) => {
		server.handler = (_req, res) =>
			res
				.writeHead(422, { 'Content-Type': 'application/json' })
				.end(JSON.stringify({ message: `bad key ${form}`, errors: { key: [form] } }));
		const error = await request().then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		const { message, description } = error as NodeApiError;
		expect(message).toMatch(/^Could not list the calls: Intellixent refused the request \(422/);
		for (const text of [message, description ?? '', JSON.stringify(error)]) expectClean(text, form);
	});

	it.each(FORMS)('a successful answer that echoes the key as %s', async (_name, form) => {
		// A JSON text: the \u forms are decoded by JSON.parse into the raw key, also removed.
		server.handler = (_req, res) =>
			json(res, `{"data":[{"id":1,"note":"${form}","${form}":true}],"headers":["${form}"]}`);
		const answer = await request();
		const text = JSON.stringify(answer);
		expectClean(text, form);
		// What is not the key stays (an encoded "Bearer ", the characters at a base64 edge).
		const [row] = (answer as { data: Array<Record<string, unknown>> }).data;
		expect(row.id).toBe(1);
		expect(row.note).toContain('***');
		expect(Object.keys(row)[2]).toContain('***');
	});

	it(`an answer nested 100,000 deep is returned with nesting capped at ${MAX_OUTPUT_DEPTH}`, async () => {
		const depth = 100_000;
		server.handler = (_req, res) =>
			json(res, `{"data":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`);
		const answer = await request();
		let level: unknown = (answer as { data: unknown }).data;
		let levels = 1;
		while (typeof level === 'object' && level !== null) {
			level = (level as { a: unknown }).a;
			levels++;
		}
		expect(level).toBe(TOO_DEEP);
		expect(levels).toBe(MAX_OUTPUT_DEPTH);
		expect(() => deepCopy(answer as object)).not.toThrow();
	});
});
