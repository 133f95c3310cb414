/**
 * Intellixent signs nothing, so the trigger registers its webhook URL with a secret `token` query
 * parameter and refuses deliveries without it. The token is derived with HMAC-SHA256 from the
 * credential's API key, so nothing secret is stored in the workflow (which users export and share)
 * and every n8n process (main, webhook, worker) can recompute it.
 */
import { createHmac, timingSafeEqual } from 'crypto';

import { TOKEN_PARAMETER } from '../shared/secretRedaction';

const DERIVATION_LABEL = 'n8n-nodes-intellixent/delivery-token/v1';

/**
 * The token of one trigger node for one assistant: `boundTo.webhookId` is the trigger node's id
 * (registration.ts `triggerNodeId`), so another node, or the same node listening to another
 * assistant, gets another token.
 */
export function deliveryToken(
	apiKey: string,
	boundTo: { webhookId: string; assistantId: string },
): string {
	return createHmac('sha256', apiKey)
		.update(`${DERIVATION_LABEL}\n${boundTo.webhookId}\n${boundTo.assistantId}`)
		.digest('base64url');
}

/**
 * A one-way digest of a token (HMAC-SHA256 under a fixed label). Registration keeps the digest of
 * the registered token in the node's static data, so that each delivery is checked without
 * loading and decrypting the credential; the digest cannot be turned back into the token.
 */
export function tokenDigest(token: string): string {
	return createHmac('sha256', DERIVATION_LABEL).update(token).digest('base64url');
}

/** Constant-time comparison of a received token with a digest; also hides the expected length. */
export function matchesDigest(expectedDigest: string, received: unknown): boolean {
	if (typeof received !== 'string' || received.length === 0) return false;
	const a = Buffer.from(expectedDigest, 'base64url');
	const b = Buffer.from(tokenDigest(received), 'base64url');
	return a.length === b.length && timingSafeEqual(a, b);
}

export function withToken(webhookUrl: string, token: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(TOKEN_PARAMETER, token);
	return url.toString();
}
