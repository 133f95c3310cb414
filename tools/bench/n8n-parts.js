'use strict';
/**
 * Which real-n8n runs `npm run bench` makes (each one n8n, e2e.js), and with what settings:
 *   e2e              as users get n8n: trigger (Flat Row), bare built-in Webhook, do-it-yourself
 *                    Webhook + Code;
 *   e2eEqualFooting  trigger and bare Webhook with N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP
 *                    off, so that both take the same isolate path;
 *   e2eVersions      the trigger at its default node version (1.1) and at version 1, as users get
 *                    n8n: what the version-1 expression n8n evaluates per delivery costs;
 *   e2eTuning        with --tuning only: the first run again under each setting an operator can
 *                    change (TUNINGS), for docs/performance.md.
 */
const { runEndToEnd } = require('./e2e');
const { versionPairText } = require('./report-n8n');

/** [label, n8n environment, workflow settings that differ from e2e.js's]. */
const TUNINGS = [
	['N8N_EXPRESSION_ENGINE_POOL_SIZE=4', { N8N_EXPRESSION_ENGINE_POOL_SIZE: '4' }, {}],
	['N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, {}],
	[
		'EXECUTIONS_DATA_SAVE_ON_SUCCESS=none',
		{ EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' },
		// The workflow setting would override the variable: left to the default.
		{ saveDataSuccessExecution: undefined },
	],
];

/**
 * Runs the parts through `part(name, fn)` (run.js times and logs them). An error in one run is
 * recorded as { error } and returned in `failure`; the other runs still happen.
 */
async function runN8nParts({ packageDir, quick, tuning, log, part }) {
	let failure = null;
	const endToEnd = (label, options) =>
		part(label, async () => {
			try {
				return await runEndToEnd({ packageDir, quick, log: (m) => log(`  ${m}`), ...options });
			} catch (error) {
				failure = error;
				return { error: error.message };
			}
		});
	const out = {};
	out.e2e = await endToEnd('real n8n', { workflows: ['trigger', 'builtin', 'diy'] });
	out.e2eEqualFooting = await endToEnd('real n8n, same isolate path', {
		workflows: ['trigger', 'builtin'],
		env: { N8N_EXPRESSION_ENGINE_ALLOW_WEBHOOK_ISOLATE_SKIP: 'false' },
	});
	out.e2eVersions = await endToEnd('real n8n, trigger version 1.1 vs 1', {
		workflows: ['trigger', 'triggerV1'],
	});
	log(`  trigger 1.1 / trigger 1: ${versionPairText(out.e2eVersions)}`);
	if (tuning) {
		out.e2eTuning = [];
		for (const [label, env, settings] of TUNINGS) {
			const e = await endToEnd(`real n8n, ${label}`, {
				workflows: ['trigger', 'builtin', 'diy'],
				// Shorter rounds than the first run's (20 s): one n8n per setting adds up.
				roundMs: quick ? undefined : 6000,
				env,
				settings,
			});
			out.e2eTuning.push({ ...e, tuning: label });
		}
	}
	return { ...out, failure };
}

module.exports = { runN8nParts };
