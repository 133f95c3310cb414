/**
 * Values from a delivery (assistant and conversation IDs, messages that quote them) reach n8n's
 * log. A newline or an ANSI escape in such a value would let a sender forge log lines or
 * recolour a terminal, so every logged value goes through `logText` first: control characters
 * (C0, DEL, C1) and the Unicode line, paragraph and direction-override characters are written as
 * `\n`, `\u001b`…, and a value longer than `maxLength` is cut, saying how much was left out.
 * Linear in the value's length.
 */
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0 and C1 controls, DEL, line and paragraph separators, direction embeddings and isolates. */
function isUnsafe(code: number): boolean {
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x2028 ||
		code === 0x2029 ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

export const LOG_VALUE_MAX_LENGTH = 500;

function escapeCharacter(character: string): string {
	return NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function logText(value: unknown, maxLength = LOG_VALUE_MAX_LENGTH): string {
	const text = typeof value === 'string' ? value : String(value);
	const kept = text.length > maxLength ? text.slice(0, maxLength) : text;
	let escaped = '';
	for (let i = 0; i < kept.length; i++) {
		escaped += isUnsafe(kept.charCodeAt(i)) ? escapeCharacter(kept[i]) : kept[i];
	}
	return text.length > maxLength
		? `${escaped}… (${text.length - maxLength} more characters)`
		: escaped;
}
