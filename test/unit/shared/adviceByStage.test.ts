/**
 * The advice of an API error fits the situation the request was made in: a failed poll tells
 * that the next poll retries by itself (never to publish again), a picker to open the list again,
 * an action to run the node again, a publish to publish again.
 */
import type { INode } from 'n8n-workflow';

import type { RequestStage } from '../../../nodes/shared/apiErrors';
import { apiError } from '../../../nodes/shared/apiErrors';

const node = { name: 'Intellixent', type: 'intellixent', typeVersion: 1 } as unknown as INode;
const same = (text: string) => text;

function advice(stage: RequestStage, status: number): string {
	const error = apiError(
		node,
		{ action: 'list the calls', stage },
		'https://portal.intellixent.ai',
		{ status, body: { message: 'busy' } },
		3,
		same,
	);
	return String(error.description);
}

describe('advice by stage', () => {
	it.each([503, 429])('a poll that met %i says the next poll retries by itself', (status) => {
		const text = advice('poll', status);
		expect(text).toContain('the next poll retries by itself');
		expect(text).not.toMatch(/publish the workflow|run the node/);
	});

	it.each([
		['publish', 'publish the workflow again', /run the node|next poll|open the list/],
		['picker', 'open the list again', /publish the workflow|run the node|next poll/],
		['run', 'run the node again', /publish the workflow|next poll|open the list/],
	] as const)('a %s that met a 503 says "%s" and nothing else', (stage, said, notSaid) => {
		for (const status of [503, 429]) {
			const text = advice(stage, status);
			expect(text).toContain(said);
			expect(text).not.toMatch(notSaid);
		}
	});

	it('a 422 outside a publish never mentions the webhook URL', () => {
		for (const stage of ['poll', 'picker', 'run'] as const)
			expect(advice(stage, 422)).not.toContain('N8N_WEBHOOK_URL');
		expect(advice('publish', 422)).toContain('N8N_WEBHOOK_URL');
	});
});
