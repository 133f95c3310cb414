/**
 * Values from a delivery (assistant and conversation IDs, messages that quote them) reach n8n's
 * log. A newline or an ANSI escape in such a value would let a sender forge log lines or
 * recolour a terminal, so every logged value goes through `logText` first: control characters
 * (C0, DEL, C1) and the Unicode line, paragraph and direction-override characters are written as
 * `\n`, `\u001b`…, and a value longer than `maxLength` is cut, saying how much was left out.
 * Linear in the value's length.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export const LOG_VALUE_MAX_LENGTH = 500;

function escapeCharacter(character: string): string {
	return NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function logText(value: unknown, maxLength = LOG_VALUE_MAX_LENGTH): string {
	const text = typeof value === 'string' ? value : String(value);
	const kept = text.length > maxLength ? text.slice(0, maxLength) : text;
	const escaped = kept.replace(UNSAFE_CHARACTERS, escapeCharacter);
	return text.length > maxLength ? `${escaped}… (${text.length - maxLength} more characters)` : escaped;
}
