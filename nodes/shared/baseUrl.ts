/**
 * The credential's Base URL: how it is normalised, and which Base URLs are refused before any
 * request carries the API key. A query or fragment silently sends requests elsewhere (`?x` swallows
 * the API path, `#x` drops it), user-info adds a second credential and is printed in every error,
 * and plain http to a host on the internet sends the key unencrypted. The credential (its test
 * request and its authenticate step) and the node (every API call) use these same functions.
 */
import { nonPublicHostReason } from './hostReach';

export const DEFAULT_BASE_URL = 'https://portal.intellixent.ai';

/** `https://x.ai/`, `https://x.ai/api` and `https://x.ai/api/` all mean `https://x.ai`. */
export function normalizeBaseUrl(raw: string | undefined): string {
	const trimmed = (raw ?? '').trim() || DEFAULT_BASE_URL;
	return trimmed.replace(/\/+$/, '').replace(/\/api$/i, '');
}

/** A URL as it may appear in a message: any `user:password@` is removed. */
export function withoutUserInfo(url: string): string {
	return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\\]*@/i, '$1');
}

const FIX = `Use the portal address only, like ${DEFAULT_BASE_URL}.`;

/**
 * What is wrong with a Base URL, as a sentence for the user; undefined when it can be used.
 * Takes the raw credential value (empty means the default).
 */
export function baseUrlProblem(raw: string | undefined): string | undefined {
	const value = normalizeBaseUrl(raw);
	const shown = withoutUserInfo(value);
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return `The Base URL of the Intellixent API credential is not a valid URL (${shown}). ${FIX}`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `The Base URL of the Intellixent API credential must start with https:// (it is ${shown}). ${FIX}`;
	}
	if (url.username || url.password || /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*@/i.test(value)) {
		return `The Base URL of the Intellixent API credential contains a user name or password (${shown} with "…@" before the host). Remove it: Intellixent needs only the API key. ${FIX}`;
	}
	if (value.includes('?')) {
		return `The Base URL of the Intellixent API credential contains a query ("?…"), which would send every request to another address. Remove it. ${FIX}`;
	}
	if (value.includes('#')) {
		return `The Base URL of the Intellixent API credential contains a fragment ("#…"), which would drop the API path from every request. Remove it. ${FIX}`;
	}
	if (url.protocol === 'http:' && nonPublicHostReason(url.hostname) === undefined) {
		return `The Base URL of the Intellixent API credential uses plain http:// to ${url.host}, a host on the internet: the API key would travel unencrypted. Use https://. Plain http:// is accepted only for a host on this machine or a private network (an emulator, a test server).`;
	}
	return undefined;
}
