/** The trigger's settings with their defaults: one place, used by the node description and code. */
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { OutputShape } from './outputShapes';

type ChannelFilter = 'all' | 'widget' | 'whatsapp';

interface TriggerOptions {
	verifyDeliveryToken: boolean;
	ignoreDuplicates: boolean;
	includeRawPayload: boolean;
	recordRejected: boolean;
	/** Flat Row only: prefix cells that a spreadsheet would run as a formula (formulaCells.ts). */
	escapeFormulas: boolean;
}

export const OPTION_DEFAULTS: TriggerOptions = {
	verifyDeliveryToken: true,
	ignoreDuplicates: false,
	includeRawPayload: false,
	recordRejected: true,
	escapeFormulas: true,
};

/** The one event Intellixent sends to this trigger (its "Event" parameter, for the nodes panel). */
export const CONVERSATION_ENDED = 'conversationEnded';
export const DEFAULT_CHANNEL: ChannelFilter = 'all';
export const DEFAULT_OUTPUT_SHAPE: OutputShape = 'conversation';

export interface TriggerSettings extends TriggerOptions {
	assistantId: string;
	channel: ChannelFilter;
	outputShape: OutputShape;
}

export function readTriggerSettings(this: IHookFunctions | IWebhookFunctions): TriggerSettings {
	const assistant = this.getNodeParameter('assistant', '', { extractValue: true });
	const options = this.getNodeParameter('options', {}) as Partial<TriggerOptions>;
	return {
		...OPTION_DEFAULTS,
		...options,
		assistantId: typeof assistant === 'string' ? assistant.trim() : String(assistant ?? ''),
		channel: this.getNodeParameter('channel', DEFAULT_CHANNEL) as ChannelFilter,
		outputShape: this.getNodeParameter('outputShape', DEFAULT_OUTPUT_SHAPE) as OutputShape,
	};
}
