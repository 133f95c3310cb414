/**
 * A poll context (IPollFunctions) for the Call Trigger whose HTTP helpers are n8n-core's real ones
 * (`getRequestHelperFunctions`: n8n's axios stack, error wrapping, timeouts), talking to the
 * emulator. Static data is a plain object the test keeps, so a "restart" is a JSON round trip.
 */
import type { IDataObject, INode, IPollFunctions } from 'n8n-workflow';

import {
	credentialGetter,
	fakeLogger,
	readParameter,
	realRequestHelpers,
	staticDataGetter,
} from './core';

export interface PollSetup {
	baseUrl: string;
	apiKey: string;
	parameters?: Record<string, unknown>;
	mode?: 'trigger' | 'manual';
	staticData: IDataObject;
	/** The n8n instance's time zone (getTimezone); UTC unless given. */
	timezone?: string;
	/** What getPollBudgetMs() answers; absent: the context has no getPollBudgetMs (n8n 1.x). */
	budgetMs?: number;
	/** Collects what the node logs, by level. */
	logs?: { level: string; message: string }[];
	workflowId?: string;
	/** HTTP helpers instead of n8n-core's real ones (an in-process fake API). */
	helpers?: object;
}

const NODE: INode = {
	id: 'c0a1b2c3-0000-4000-8000-000000000001',
	name: 'Intellixent Call Trigger',
	type: 'n8n-nodes-intellixent.intellixentCallTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export const DEFAULT_CALL_PARAMETERS: Record<string, unknown> = {
	assistant: '',
	callType: 'all',
	campaignId: '',
	endStates: ['completed', 'ended', 'ended_by_customer', 'ended_by_assistant'],
	outputShape: 'call',
	options: {},
};

export function pollContext(setup: PollSetup): IPollFunctions {
	const parameters = { ...DEFAULT_CALL_PARAMETERS, ...(setup.parameters ?? {}) } as IDataObject;
	const ctx = {
		getNode: () => NODE,
		getMode: () => setup.mode ?? 'trigger',
		getActivationMode: () => 'trigger',
		getWorkflowStaticData: staticDataGetter(setup.staticData),
		getCredentials: credentialGetter({ apiKey: setup.apiKey, baseUrl: setup.baseUrl }, NODE.name),
		getNodeParameter: (name: string, fallback?: unknown, options?: { extractValue?: boolean }) =>
			readParameter(parameters, name, fallback, options),
		getTimezone: () => setup.timezone ?? 'UTC',
		getWorkflow: () => ({ id: setup.workflowId ?? 'wf-calls', name: 'calls', active: true }),
		logger: fakeLogger((level, message) => setup.logs?.push({ level, message })),
		...(setup.budgetMs === undefined ? {} : { getPollBudgetMs: () => setup.budgetMs }),
	} as unknown as IPollFunctions;
	(ctx as unknown as { helpers: unknown }).helpers = setup.helpers ?? realRequestHelpers(ctx, NODE);
	return ctx;
}
