/**
 * What the nodes hand to n8n from an Intellixent answer: a plain copy whose nesting is capped and
 * whose strings carry no secret. n8n copies items recursively (deepCopy), so an answer nested
 * 100,000 levels deep made n8n itself throw; and as an AI tool the node's output goes to the model
 * provider, so a key the API echoes in a successful answer must not reach it in any form.
 *
 * Values deeper than MAX_OUTPUT_DEPTH become a marker text (nothing Intellixent documents is nested
 * more than a few levels); `__proto__` keys are renamed `_proto_` (itemKeys.ts); every string, key
 * or value, goes through the request's redactor. The copy takes time linear in the answer.
 */
import type { IDataObject } from 'n8n-workflow';

import { setKey } from './itemKeys';

export const MAX_OUTPUT_DEPTH = 32;
export const TOO_DEEP = `[nested deeper than ${MAX_OUTPUT_DEPTH} levels: not shown]`;

/** JSON's objects: a Buffer, a Date or a class instance is passed on as it is. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/** `value` copied with nesting capped and `redact` applied to every string. */
export function outputData(value: unknown, redact: (text: string) => string, depth = 0): unknown {
	if (typeof value === 'string') return redact(value);
	if (!Array.isArray(value) && !isJsonObject(value)) return value;
	if (depth >= MAX_OUTPUT_DEPTH) return TOO_DEEP;
	if (Array.isArray(value)) return value.map((child) => outputData(child, redact, depth + 1));
	const out: IDataObject = {};
	for (const [key, child] of Object.entries(value))
		setKey(out, redact(key), outputData(child, redact, depth + 1));
	return out;
}
