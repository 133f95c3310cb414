/**
 * The delivery token and its digest on their own (deliveryToken.ts): values that must not change
 * between versions, and what a received token may be. Found missing by the mutation run
 * (test/mutation/): other tests compute tokens with the same functions, so they cannot notice a
 * changed derivation, and none compared an empty token with the empty token's digest.
 */
import {
	deliveryToken,
	matchesDigest,
	tokenDigest,
	withToken,
} from '../../../../nodes/IntellixentTrigger/deliveryToken';

const BOUND_TO = { webhookId: 'a-webhook-id', assistantId: 'f9e8d7c6-b5a4-3210-fedc-ba9876543210' };

describe('values that must survive an upgrade', () => {
	// Registered webhook URLs carry the token and static data keeps the digest: a change in either
	// derivation would refuse every delivery (401) until each workflow is published again.
	it('the token of a key, node and assistant keeps its known value', () => {
		expect(deliveryToken('an-api-key', BOUND_TO)).toBe(
			'_Udbpnz5iSLz5axRY5SCYItviRSLDBnTk9Si-w_expo',
		);
	});

	it('the digest of a token keeps its known value', () => {
		expect(tokenDigest('a-delivery-token')).toBe('aR77pX92F1bOtZB4bknQMhv15AWN5eweePyJtvTdtvs');
	});
});

describe('matchesDigest', () => {
	const token = deliveryToken('an-api-key', BOUND_TO);

	it('matches the token whose digest it is, and no other', () => {
		expect(matchesDigest(tokenDigest(token), token)).toBe(true);
		expect(matchesDigest(tokenDigest(token), `${token}x`)).toBe(false);
		expect(matchesDigest(tokenDigest(token), token.slice(1))).toBe(false);
	});

	it('never accepts an empty token, even against the digest of the empty string', () => {
		// Static data comes with imported workflows: a digest there is not to be trusted.
		expect(matchesDigest(tokenDigest(''), '')).toBe(false);
	});

	it.each<[string, unknown]>([
		['missing', undefined],
		['null', null],
		['a number', 42],
		['a repeated parameter (array)', [token, token]],
		['an array of one', [token]],
		['a bracketed parameter (object)', { a: token }],
		['an object with a length', { length: 0 }],
	])('refuses a received token that is %s, without throwing', (_name, received) => {
		expect(matchesDigest(tokenDigest(token), received)).toBe(false);
	});

	it('refuses a digest of another length without throwing (damaged static data)', () => {
		expect(matchesDigest('short', token)).toBe(false);
		expect(matchesDigest('', token)).toBe(false);
	});
});

describe('withToken', () => {
	it('adds the token as the `token` query parameter, keeping the URL', () => {
		expect(withToken('https://n8n.example.com/webhook/id/webhook', 'abc')).toBe(
			'https://n8n.example.com/webhook/id/webhook?token=abc',
		);
	});

	it('replaces a token already in the URL, and keeps other parameters', () => {
		expect(withToken('https://n8n.example.com/webhook/id/webhook?a=1&token=old', 'new')).toBe(
			'https://n8n.example.com/webhook/id/webhook?a=1&token=new',
		);
	});
});
