/**
 * Checks the agent suite (agent.e2e.test.ts) makes of one run: success, the tool results the model
 * got, what a refused send led to, and that the API key is nowhere; plus the script of the model
 * sending the welcome template, which several cases use. Separate from the suite only for size.
 */
import { type Emulator } from '../../tools/emulator';
import { tool, toolName } from './agentTools';
import { type Execution } from './harness';
import {
	latestToolResults,
	quoteToolResults,
	type OpenAiScript,
	type ScriptStep,
} from './harness/openaiScript';

/** Success, or the execution's error message in the failure. */
export function expectSuccess(execution: Execution) {
	expect({ status: execution.status, error: execution.error?.message }).toEqual({
		status: 'success',
		error: undefined,
	});
}

/** The tool results a model call carried (its latest, which in these scripts are all of them). */
export const resultsOf = (body: unknown) => latestToolResults(body).map((m) => m.content);

/** The key as it might leak: as is, base64 (also of "Bearer <key>"), hex, URL-encoded. */
function secretForms(secret: string): string[] {
	const b64 = (s: string) => Buffer.from(s).toString('base64');
	return [
		secret,
		b64(secret),
		b64(secret).replace(/=+$/, ''),
		Buffer.from(secret).toString('base64url'),
		b64(`Bearer ${secret}`),
		Buffer.from(secret).toString('hex'),
		encodeURIComponent(secret),
	];
}

/** What a refused send led to: at the emulator, at the model, in the execution. */
export function refusalOutcome(execution: Execution, emulator: Emulator, model: OpenAiScript) {
	const [, second] = model.completions();
	return {
		sends: emulator.whatsappSends().length,
		attempts: emulator
			.requests()
			.filter((r) => r.path === '/api/user/whatsapp/send')
			.map((r) => r.status),
		modelCalls: model.completions().length,
		status: execution.status,
		error: execution.error?.message as string | undefined,
		result: second ? resultsOf(second).join('') : '',
	};
}

/**
 * `key` is in no request the model server got (headers included), nor in the execution, nor in the
 * answer. `presentKey` (the model credential's key, sent in a header) proves the haystack holds
 * the headers.
 */
export function expectNoKey(
	key: string,
	presentKey: string,
	model: OpenAiScript,
	execution: Execution,
	output: string | undefined,
) {
	const everything = [
		...model.requests().map((r) => `${JSON.stringify(r.headers)}\n${r.raw}`),
		JSON.stringify(execution),
		output ?? '',
	].join('\n');
	expect(everything).toContain(presentKey);
	for (const form of secretForms(key)) expect(everything).not.toContain(form);
}

export const TEMPLATE = toolName(tool('sendTemplate').name);

/** The model sends the welcome template (sender 12, template 501) to `phone`, then quotes the result. */
export const templateScript = (phone: string, prefix: string): ScriptStep[] => [
	{
		toolCalls: [
			{
				name: TEMPLATE,
				arguments: { sender_id: '12', template_id: 501, phone, customer_name: 'Ana' },
			},
		],
	},
	quoteToolResults(prefix),
];
