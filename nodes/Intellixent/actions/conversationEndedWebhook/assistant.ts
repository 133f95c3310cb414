/**
 * The assistant whose conversation-ended webhook Enable or Disable changes: its picker (shown for
 * both), the notice above it when enabling (an assistant sends to one URL only, so enabling takes
 * its conversations over from any published Intellixent Trigger), reading its UUID, and the switch
 * both operations make (recorded against a trigger that held the assistant in this process).
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assistantLocator } from '../../../shared/sharedProperties';
import type { WebhookSwitch } from '../../../shared/webhookRegistration';
import { CONVERSATION_ENDED } from '../../../shared/webhookEvents';
import { locatorValue } from '../parameters';

const show = { resource: ['conversationEndedWebhook'] };

export const assistantFields: INodeProperties[] = [
	{
		displayName:
			'An assistant sends its conversations to one URL only: this takes them over from any published Intellixent Trigger of the same assistant.',
		name: 'takeoverNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, operation: ['enable'] } },
	},
	{
		...assistantLocator({
			key: 'uuid',
			searchListMethod: 'searchAssistantsByUuid',
			show,
			// Not 'assistant': n8n validates a parameter against the first property of that name, and
			// Assistant > Delete's takes an integer id, not a UUID.
			name: 'webhookAssistant',
			description:
				'The assistant whose conversation-ended webhook is changed: its UUID, as Get Many Assistants returns it as "uuid" (not its integer ID)',
		}),
		builderHint: {
			propertyHint:
				'The assistant UUID (the "uuid" an Assistant Get Many returns), not its integer ID. An Intellixent Trigger of the same assistant registers this webhook itself: use these operations only when no trigger does.',
		},
	},
];

export function assistantUuid(this: IExecuteFunctions, i: number): string {
	const uuid = locatorValue.call(this, 'webhookAssistant', i);
	if (uuid) return uuid;
	throw new NodeOperationError(
		this.getNode(),
		'No assistant chosen: give the assistant\'s UUID (the "uuid" from Assistant > Get Many)',
		{
			description: 'Choose the assistant from the list, or give its UUID.',
			itemIndex: i,
		},
	);
}

/** The conversation-ended webhook of `assistant`, switched by this action node. */
export function switchedBy(this: IExecuteFunctions, assistant: string): WebhookSwitch {
	return {
		event: CONVERSATION_ENDED,
		assistantId: assistant,
		by: { actionNode: { workflowId: this.getWorkflow().id ?? '?', nodeName: this.getNode().name } },
		stage: 'run',
	};
}
