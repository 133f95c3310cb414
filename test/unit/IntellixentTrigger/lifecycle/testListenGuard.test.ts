/**
 * The test listen's probe of the production URL (testListenGuard.ts), answer by answer: only a
 * 200 from an Intellixent Trigger that names itself and says "same assistant" refuses the test
 * listen; anything else lets it go ahead, and only a failed probe is logged. The refusals
 * themselves, and the guard's process memory, are in registration.test.ts.
 */
import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import type { HookContextOptions, ScriptedAnswer } from '../../../helpers/fakeContext';
import {
	answer,
	hookContext,
	networkError,
	NODE_WEBHOOK_ID,
	ok,
	PRODUCTION_URL,
	TEST_URL,
} from '../../../helpers/fakeContext';

const { create } = new IntellixentTrigger().webhookMethods.default;
const REFUSAL = "Can't listen for a test event while this workflow is published";
const SAME = { probe: 'intellixent-trigger', same_assistant: true };

/** A test listen as n8n 2.40 runs it, in a workflow this process never published. */
let workflowCounter = 0;
function testListen(options: HookContextOptions = {}) {
	return hookContext({
		activationMode: 'manual',
		workflowActive: false,
		webhookUrl: TEST_URL,
		workflowId: `guard-${++workflowCounter}`,
		staticData: {},
		http: [ok()],
		...options,
	});
}

async function listenAfterProbe(probeAnswer: ScriptedAnswer) {
	const context = testListen({ plainHttp: [probeAnswer] });
	const outcome = await create.call(context).then(
		() => 'registered',
		(error: Error) => error.message,
	);
	expect(context.mock.plainRequests.map((r) => r.url)).toEqual([PRODUCTION_URL]);
	return { context, outcome };
}

describe('the answer to the probe', () => {
	it('refuses on a 200 from a trigger of the same assistant', async () => {
		const { context, outcome } = await listenAfterProbe(answer(200, SAME));
		expect(outcome).toBe(REFUSAL);
		expect(context.mock.requests).toHaveLength(0);
	});

	it.each<[string, ScriptedAnswer]>([
		['a 500 whose body looks like a trigger of the same assistant', answer(500, SAME)],
		['a 404 whose body looks like a trigger of the same assistant', answer(404, SAME)],
		[
			'a 200 that says "same assistant" without naming the trigger',
			answer(200, { same_assistant: true }),
		],
		[
			'a 200 from another node type with the same words',
			answer(200, { probe: 'another-trigger', same_assistant: true }),
		],
		[
			'a 200 whose "same assistant" is not the value true',
			answer(200, { probe: 'intellixent-trigger', same_assistant: 'true' }),
		],
	])('goes ahead on %s', async (_name, probeAnswer) => {
		const { context, outcome } = await listenAfterProbe(probeAnswer);
		expect(outcome).toBe('registered');
		expect(context.mock.requests).toHaveLength(1);
	});

	it('goes ahead on a 200 without a body, and logs nothing: that is an answer, not a failure', async () => {
		const { context, outcome } = await listenAfterProbe(answer(200));
		expect(outcome).toBe('registered');
		expect(context.mock.logged('debug')).toEqual([]);
	});

	it('goes ahead when the probe fails, and says why at debug level', async () => {
		const { context, outcome } = await listenAfterProbe(
			networkError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:443'),
		);
		expect(outcome).toBe('registered');
		expect(context.mock.logged('debug')).toEqual([
			'Intellixent Trigger: could not check whether the workflow is published (connect ECONNREFUSED 10.0.0.5:443)',
		]);
	});
});

describe('which URL is probed', () => {
	it.each([
		['custom webhook paths', `https://n8n.example.com/hooks-test/${NODE_WEBHOOK_ID}/webhook`],
		['a path with more segments', `https://n8n.example.com/webhook-test/x/${NODE_WEBHOOK_ID}/a/b`],
	])('probes nothing with %s (no production URL to derive)', async (_name, webhookUrl) => {
		const context = testListen({ webhookUrl });
		await expect(create.call(context)).resolves.toBe(true);
		expect(context.mock.plainRequests).toHaveLength(0);
		expect(context.mock.requests).toHaveLength(1);
	});

	it('probes the production URL under a path prefix (n8n behind a reverse proxy)', async () => {
		const context = testListen({
			webhookUrl: `https://example.com/n8n/webhook-test/${NODE_WEBHOOK_ID}/webhook`,
			plainHttp: [answer(404)],
		});
		await expect(create.call(context)).resolves.toBe(true);
		expect(context.mock.plainRequests.map((r) => r.url)).toEqual([
			`https://example.com/n8n/webhook/${NODE_WEBHOOK_ID}/webhook`,
		]);
	});
});
