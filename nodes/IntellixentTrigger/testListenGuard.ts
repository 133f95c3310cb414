/**
 * Knowing, during "Listen for test event", whether this workflow is published.
 *
 * n8n builds the workflow for a test listen with `active: false` and empty static data (seen in
 * n8n 2.40.7, `test-webhooks.js`), so neither tells the test's create() that a published version
 * of the same trigger already receives the assistant's conversations. Two signals do:
 * - this process's record of the production registrations it made (publish and test listen both
 *   run on the main process, also in queue mode), kept in ../shared/registrationState.ts;
 * - a probe: a POST to the trigger's production URL with a header carrying the delivery token. A
 *   published Intellixent Trigger answers it without starting an execution, saying whether it
 *   listens to the same assistant. This survives restarts and reaches queue-mode webhook
 *   processes. It needs n8n's default webhook paths (`/webhook-test/` and `/webhook/`) to derive
 *   the production URL; with custom paths only the first signal applies.
 */
import { logText } from '../shared/logText';
import { hasProductionRegistration } from '../shared/registrationState';
import type { IHookFunctions, IWebhookResponseData } from 'n8n-workflow';

export const PROBE_HEADER = 'x-intellixent-trigger-probe';
const PROBE_NAME = 'intellixent-trigger';
const PROBE_TIMEOUT_MS = 5000;

/** `.../webhook-test/<id>/webhook` → `.../webhook/<id>/webhook`; undefined for other shapes. */
function productionUrlOf(testUrl: string): string | undefined {
	const production = testUrl.replace(/\/webhook-test\/([^/?#]+\/[^/?#]+)$/, '/webhook/$1');
	return production === testUrl ? undefined : production;
}

export async function isPublishedForAssistant(
	this: IHookFunctions,
	triggerKey: string,
	assistantId: string,
	testUrl: string,
	probeToken: string,
): Promise<boolean> {
	if (hasProductionRegistration(triggerKey, assistantId)) return true;
	const productionUrl = productionUrlOf(testUrl);
	if (!productionUrl) return false;
	try {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: productionUrl,
			headers: { [PROBE_HEADER]: probeToken },
			body: {},
			json: true,
			timeout: PROBE_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body?: { probe?: unknown; same_assistant?: unknown } };
		return (
			response.statusCode === 200 &&
			response.body?.probe === PROBE_NAME &&
			response.body?.same_assistant === true
		);
	} catch (error) {
		this.logger.debug(
			`Intellixent Trigger: could not check whether the workflow is published (${logText((error as Error).message)})`,
		);
		return false;
	}
}

/** The published trigger's answer to a probe: no execution, only whether the assistant matches. */
export function probeAnswer(sameAssistant: boolean): IWebhookResponseData {
	return { webhookResponse: { probe: PROBE_NAME, same_assistant: sameAssistant } };
}
