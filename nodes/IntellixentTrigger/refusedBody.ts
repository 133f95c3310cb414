/**
 * What a Rejected item keeps of a refused request's body.
 *
 * Intellixent signs nothing, so only a valid delivery token shows that a body came from
 * Intellixent. Such a body is kept whole, to debug the payload problem it was refused for. Any
 * other body (a missing or wrong token, or any refusal while token verification is off) may come
 * from anyone who learnt the URL, up to n8n's request size limit (16 MB by default), and would
 * fill the execution database: of it only the first UNTRUSTED_PREFIX_LENGTH characters are kept,
 * with its size and SHA-256 so that copies can still be told apart. Only that prefix is decoded.
 */
import { createHash } from 'crypto';

export const UNTRUSTED_PREFIX_LENGTH = 256;
/** A character is at most 4 bytes of UTF-8: enough bytes to decode the prefix. */
const PREFIX_BYTES = UNTRUSTED_PREFIX_LENGTH * 4;

interface BodyRecord {
	/** The body as text: whole when trusted, else its first characters (null: no body seen). */
	raw_body: string | null;
	/** True when `raw_body` holds only the beginning of the body. */
	raw_body_truncated: boolean;
	raw_body_bytes: number | null;
	raw_body_sha256: string | null;
}

/** The request's raw bytes as n8n kept them (`req.rawBody`), without copying. */
export function rawBodyBytes(request: unknown): Buffer | undefined {
	const raw = (request as { rawBody?: unknown }).rawBody;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
	return undefined;
}

export function bodyRecord(bytes: Buffer | undefined, trusted: boolean): BodyRecord {
	if (bytes === undefined) {
		return {
			raw_body: null,
			raw_body_truncated: false,
			raw_body_bytes: null,
			raw_body_sha256: null,
		};
	}
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	if (trusted || bytes.length <= UNTRUSTED_PREFIX_LENGTH) {
		return {
			raw_body: bytes.toString('utf8'),
			raw_body_truncated: false,
			raw_body_bytes: bytes.length,
			raw_body_sha256: sha256,
		};
	}
	const prefix = textPrefix(bytes);
	return {
		raw_body: prefix,
		raw_body_truncated: Buffer.byteLength(prefix, 'utf8') < bytes.length,
		raw_body_bytes: bytes.length,
		raw_body_sha256: sha256,
	};
}

function textPrefix(bytes: Buffer): string {
	let text = bytes.subarray(0, PREFIX_BYTES).toString('utf8').slice(0, UNTRUSTED_PREFIX_LENGTH);
	const last = text.charCodeAt(text.length - 1);
	// Never end on the first half of a surrogate pair cut by the slice.
	if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1);
	return text;
}
