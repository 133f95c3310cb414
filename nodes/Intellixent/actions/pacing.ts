/**
 * Keeps one execution's WhatsApp sends (the operations that declare `paced`) under Intellixent's limit of 5 a second per user: each send
 * starts at least SEND_INTERVAL_MS after the previous one, waiting with n8n-workflow's `sleep`.
 * Sends from other executions with the same key can still meet a 429; the request core then
 * honours Retry-After. The pacer lives for one execute() call: no state outlives it.
 */
import { sleep } from 'n8n-workflow';

/** 5 a second is one per 200 ms; the margin absorbs up to 250 ms of jitter between n8n and the server
 * (at 220 ms a real n8n still met 4 429s in 50 sends). */
const SEND_INTERVAL_MS = 250;

interface Pacer {
	/** Resolves when the next send may start. */
	wait(): Promise<void>;
}

export function createPacer(intervalMs = SEND_INTERVAL_MS, now: () => number = Date.now): Pacer {
	let lastStart: number | undefined;
	return {
		async wait() {
			if (lastStart !== undefined) {
				const waitMs = lastStart + intervalMs - now();
				if (waitMs > 0) await sleep(waitMs);
			}
			lastStart = now();
		},
	};
}
