/**
 * Writing keys into the items the trigger emits, safely: a `__proto__` key from a payload never
 * reaches an item as such (it is renamed `_proto_`), a key already taken is never overwritten
 * (the next free `key_2`, `key_3`… is used), and nesting is capped so that a hostile payload
 * cannot exhaust the stack downstream.
 */
import type { IDataObject } from 'n8n-workflow';

/** A JSON key that would replace an object's prototype if assigned naively. */
const UNSAFE_KEY = '__proto__';
const SAFE_KEY = '_proto_';
/** Deeper values than this are kept as JSON text by safeCopy. */
const MAX_COPY_DEPTH = 64;

/**
 * For each base name, the first suffix not yet tried. Suffixes only grow, so n collisions on one
 * name cost O(n) in all, not O(n²).
 */
export type NextSuffixes = Map<string, number>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function safeKey(key: string): string {
	return key === UNSAFE_KEY ? SAFE_KEY : key;
}

/** Own keys only: `constructor`, `toString`… are free names, not taken by Object.prototype. */
export function hasColumn(target: IDataObject, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(target, key);
}

export function setKey(target: IDataObject, key: string, value: unknown) {
	target[safeKey(key)] = value as IDataObject[string];
}

/**
 * Writes `value` under `key`, or under the first free `key_2`, `key_3`… Pass one `suffixes` map
 * per target where many keys may collide; without it the search starts at `_2` each time.
 * Returns the key used.
 */
export function setUniqueKey(
	target: IDataObject,
	key: string,
	value: unknown,
	suffixes?: NextSuffixes,
): string {
	const base = safeKey(key);
	let name = base;
	if (hasColumn(target, name)) {
		let n = suffixes?.get(base) ?? 2;
		while (hasColumn(target, `${base}_${n}`)) n++;
		name = `${base}_${n}`;
		suffixes?.set(base, n + 1);
	}
	target[name] = value as IDataObject[string];
	return name;
}

/** A plain-data copy without `__proto__` keys (renamed `_proto_`) and with nesting capped. */
export function safeCopy(value: unknown, depth = 0): unknown {
	if (Array.isArray(value)) {
		return depth >= MAX_COPY_DEPTH
			? safeJsonString(value)
			: value.map((v) => safeCopy(v, depth + 1));
	}
	if (isPlainObject(value)) {
		if (depth >= MAX_COPY_DEPTH) return safeJsonString(value);
		const out: IDataObject = {};
		for (const [key, child] of Object.entries(value))
			setUniqueKey(out, key, safeCopy(child, depth + 1));
		return out;
	}
	return value;
}

export function safeJsonString(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '[value too deeply nested to serialise]';
	}
}
