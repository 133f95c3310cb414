/**
 * Keeps the API key and the delivery token out of every message, description, log line and
 * output item.
 *
 * A server (or a proxy in front of it) may echo what it received in any form: the token raw, in
 * the webhook URL, percent-encoded once or twice, after `&amp;`, inside JSON, and the key in an
 * echoed `Authorization` header, or encoded (base64, base64url, hex, `\u` escapes, every character
 * percent-encoded, or a mix of these). So secrets are removed by value, in every form an echo can
 * take, and anything that looks like a `token=` parameter is removed by pattern as well (that also
 * catches a token the server truncated or re-encoded in a way not listed here).
 *
 * Every pattern is a list of fixed strings, or a sequence with one group per character of the
 * secret whose alternatives are fixed strings none of which starts another: at each position of a
 * text at most one way through can match, so redaction takes time linear in the text (times the
 * secret's length), whatever the text holds.
 */

const MASK = '***';
/** Shorter values are not secrets worth hunting for, and would mangle ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** The query parameter of the webhook URL that carries the delivery token (one home for the name). */
export const TOKEN_PARAMETER = 'token';

const TOKEN_IN_TEXT =
	/((?:^|(?<=[?&;#\s"'/=(\\])|(?<=%3F)|(?<=%26)|(?<=%253F)|(?<=%2526))token(?:=|%3D|%253D))[^&#\s"'<>\\]*/gi;

/** Removes the value of any `token` query parameter from a text (raw or percent-encoded). */
export function redactUrl(text: string): string {
	return text.replace(TOKEN_IN_TEXT, `$1${MASK}`);
}

function htmlEscaped(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** Every form in which `secret` may come back in an echo. */
function echoForms(secret: string): string[] {
	const once = encodeURIComponent(secret);
	return [
		secret,
		once,
		encodeURI(secret),
		once.replace(/%20/g, '+'),
		encodeURIComponent(once),
		JSON.stringify(secret).slice(1, -1),
		JSON.stringify(JSON.stringify(secret)).slice(2, -2),
		htmlEscaped(secret),
	];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Shorter encoded cores are too likely in ordinary text to be masked. */
const MIN_ENCODED_LENGTH = 8;

/**
 * The part of the base64 text of `secret` that depends on its bytes alone, for each of the three
 * offsets it may have in a longer encoded text (`Basic user:key`, `Bearer key`, a JSON document).
 */
function base64Cores(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const text = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const core = text.slice(
			Math.ceil((8 * offset) / 6),
			Math.floor((8 * (offset + bytes.length)) / 6),
		);
		if (core.length < MIN_ENCODED_LENGTH) continue;
		cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

function hex4(unit: number): string {
	return unit.toString(16).padStart(4, '0');
}

/** The ways one character may be written in an echo: raw, escaped for JSON, URL or HTML. */
function characterForms(char: string): string[] {
	const units = [...Array(char.length).keys()].map((i) => char.charCodeAt(i));
	const jsonEscape = JSON.stringify(char).slice(1, -1);
	const forms = [
		char,
		jsonEscape,
		JSON.stringify(jsonEscape).slice(1, -1),
		units.map((u) => `\\u${hex4(u)}`).join(''),
		units.map((u) => `\\\\u${hex4(u)}`).join(''),
		htmlEscaped(char),
		`&#${char.codePointAt(0)};`,
	];
	const utf8 = [...Buffer.from(char, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
	forms.push(utf8.map((h) => `%${h}`).join(''), utf8.map((h) => `%25${h}`).join(''));
	if (char === ' ') forms.push('+');
	// Keep the group prefix-free (see the header): a form that extends another is dropped.
	const unique = [...new Set(forms.map((f) => f.toLowerCase()))];
	return unique.filter((form) => !unique.some((other) => other !== form && form.startsWith(other)));
}

/** The secret with each character in any of its forms (a mixed echo, every character encoded). */
function perCharacterPattern(secret: string): string {
	return [...secret]
		.map((char) => `(?:${characterForms(char).map(escapeRegExp).join('|')})`)
		.join('');
}

/**
 * A function that removes `secrets` from a text, in every echo form, case-insensitively (which
 * also covers `%2f` against `%2F` and hex in either case).
 */
export function valueRedactor(secrets: Array<string | undefined>): (text: string) => string {
	const forms = new Set<string>();
	const sequences: string[] = [];
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of echoForms(secret)) forms.add(form);
		for (const core of base64Cores(secret)) forms.add(core);
		forms.add(Buffer.from(secret, 'utf8').toString('hex'));
		sequences.push(perCharacterPattern(secret));
	}
	// Longest first, so a longer form is never left half-masked by a shorter one.
	const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
	const all = [...sorted, ...sequences];
	const pattern = all.length ? new RegExp(all.join('|'), 'gi') : undefined;
	return (text: string) => (pattern ? text.replace(pattern, MASK) : text);
}

/** valueRedactor's secrets, and any `token=` value, removed from a text. */
export function secretRedactor(secrets: Array<string | undefined>): (text: string) => string {
	const byValue = valueRedactor(secrets);
	return (text: string) => redactUrl(byValue(text));
}
