/**
 * How much of Intellixent's answers the nodes read, and for how long. n8n's own JSON handling
 * reads an answer whole, however large, and its timeout only bounds a socket that stays silent: an
 * answer of 400 MB, or one that drips a few bytes every 100 ms, was read to the end (or until n8n ran
 * out of memory). So the request core asks n8n for the raw stream and reads it here, counting bytes
 * and checking the clock on every chunk, and parses the JSON itself.
 *
 * - One answer: at most MAX_ANSWER_BYTES. Intellixent's largest documented answers (a page of 100
 *   calls with transcripts) are a few MB; 16 MiB is several times that, and small enough that the
 *   parsed objects (two to four times the text) stay well inside a small n8n's memory.
 * - One node run (every request made with one n8n context, a Return All included): at most
 *   MAX_RUN_BYTES in all. Pages of 8 MB under Return All killed an n8n with 512 MB after 59
 *   requests; 64 MiB of text is the most such an n8n holds with the items n8n copies from it.
 * - Time: the request's timeout covers the whole answer, not only a silent socket. The clock is
 *   checked on every chunk and a wait for the next chunk ends at the deadline.
 */
import { sleep } from 'n8n-workflow';

export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
export const MAX_RUN_BYTES = 64 * 1024 * 1024;

export type AnswerLimit = 'answer' | 'run' | 'deadline';

/** An answer's body, or why it was not read to its end (and how many bytes had come). */
export type ReadResult = { body: unknown } | { limit: AnswerLimit; bytes: number };

/** Bytes read so far per n8n context, so that one node run shares one budget. */
const readPerContext = new WeakMap<object, number>();

/**
 * A write is not sent when less than this is left of the run's budget: its answer could not be
 * read, and a write done without its answer read has an unknown outcome. Write answers are small.
 */
const MIN_LEFT_FOR_WRITE = 1024 * 1024;

/** True when this run has too little left of its budget to send a write. */
export function runBudgetTooLowForWrite(context: object): boolean {
	return MAX_RUN_BYTES - (readPerContext.get(context) ?? 0) < MIN_LEFT_FOR_WRITE;
}

interface ByteStream extends AsyncIterable<unknown> {
	destroy?: (error?: Error) => void;
}

function isByteStream(body: unknown): body is ByteStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

function toBuffer(chunk: unknown): Buffer {
	if (Buffer.isBuffer(chunk)) return chunk;
	if (chunk instanceof Uint8Array) return Buffer.from(chunk);
	return Buffer.from(String(chunk), 'utf8');
}

/** JSON when the text is JSON, otherwise the text itself (as n8n's own parsing gives it). */
function parsed(text: string): unknown {
	if (text === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * The body of an answer, read within the limits: a stream is read chunk by chunk and parsed, as
 * are bytes; a body a helper already parsed is returned as it is (and counted by its own size,
 * when it is text). `deadline` is a Date.now() value. A stream not read to its end is closed; a
 * stream that fails (a reset) throws its error.
 */
export async function readAnswer(
	context: object,
	body: unknown,
	deadline: number,
): Promise<ReadResult> {
	const readBefore = readPerContext.get(context) ?? 0;
	const maxBytes = Math.min(MAX_ANSWER_BYTES, Math.max(0, MAX_RUN_BYTES - readBefore));
	const over = (bytes: number): ReadResult => ({
		limit: maxBytes === MAX_ANSWER_BYTES ? 'answer' : 'run',
		bytes,
	});
	if (!isByteStream(body)) {
		const isBytes = body instanceof Uint8Array;
		const bytes = isBytes ? body.length : typeof body === 'string' ? Buffer.byteLength(body) : 0;
		if (bytes > maxBytes) return over(bytes);
		readPerContext.set(context, readBefore + bytes);
		return { body: isBytes ? parsed(toBuffer(body).toString('utf8')) : body };
	}
	const chunks: Buffer[] = [];
	let bytes = 0;
	let outcome: ReadResult | undefined;
	const stop = new AbortController();
	const timedOut: Promise<typeof TIMED_OUT> = sleep(
		Math.max(0, deadline - Date.now()),
		stop.signal,
	).then(
		() => TIMED_OUT,
		() => TIMED_OUT,
	);
	const iterator = body[Symbol.asyncIterator]();
	try {
		while (outcome === undefined) {
			const next: IteratorResult<unknown> | typeof TIMED_OUT = await Promise.race([
				iterator.next(),
				timedOut,
			]);
			if (typeof next === 'symbol' || Date.now() > deadline) {
				outcome = { limit: 'deadline', bytes };
			} else if (next.done) {
				outcome = { body: parsed(Buffer.concat(chunks, bytes).toString('utf8')) };
			} else {
				const chunk = toBuffer(next.value);
				bytes += chunk.length;
				if (bytes > maxBytes) outcome = over(bytes);
				else chunks.push(chunk);
			}
		}
	} finally {
		stop.abort();
		readPerContext.set(context, readBefore + bytes);
		if (outcome === undefined || 'limit' in outcome) body.destroy?.();
	}
	return outcome;
}
