/**
 * Intellixent Call Trigger: a polling trigger that starts the workflow once for each voice call
 * that ended. The parameters are in callTriggerProperties.ts, the poll in pollCalls.ts, the exactly-once
 * cursor in callCursor.ts.
 */
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { callTriggerProperties } from './callTriggerProperties';
import { searchAssistantsById } from '../shared/assistantSearch';
import { CREDENTIAL_TYPE } from '../shared/intellixentApi';
import { pollCalls } from './pollCalls';

export class IntellixentCallTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intellixent Call Trigger',
		name: 'intellixentCallTrigger',
		icon: { light: 'file:intellixent.svg', dark: 'file:intellixent.dark.svg' },
		group: ['trigger'],
		version: 1,
		// The name picked from the list is only in the raw parameters ($parameter.toJSON()).
		subtitle:
			'={{"Call ended: " + ($parameter.toJSON().assistant?.cachedResultName || $parameter["assistant"] || "any assistant")}}',
		description:
			'Starts the workflow when an Intellixent voice call ends (checks for new calls on a schedule)',
		defaults: { name: 'Intellixent Call Trigger' },
		builderHint: {
			searchHint:
				'Starts a workflow for each Intellixent voice call that ended (polls on a schedule), with status, duration, phone numbers and transcript. For ended WhatsApp or web-widget conversations use Intellixent Trigger.',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: callTriggerProperties,
	};

	methods = { listSearch: { searchAssistants: searchAssistantsById } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCalls.call(this);
	}
}
