/**
 * Keeps the API key and the delivery token out of every message, description and log line.
 *
 * A server (or a proxy in front of it) may echo what it received in any form: the token raw, in
 * the webhook URL, percent-encoded once or twice, after `&amp;`, inside JSON, and the key in an
 * echoed `Authorization` header. So secrets are removed by value, in every form an echo can take,
 * and anything that looks like a `token=` parameter is removed by pattern as well (that also
 * catches a token the server truncated or re-encoded in a way not listed here).
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

/**
 * A function that removes `secrets` (in every echo form, case-insensitively, which also covers
 * `%2f` against `%2F`) and any `token=` value from a text.
 */
export function secretRedactor(secrets: Array<string | undefined>): (text: string) => string {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of echoForms(secret)) forms.add(form);
	}
	// Longest first, so a longer form is never left half-masked by a shorter one.
	const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
	const pattern = sorted.length ? new RegExp(sorted.join('|'), 'gi') : undefined;
	return (text: string) => redactUrl(pattern ? text.replace(pattern, MASK) : text);
}
