/** The trigger's settings with their defaults: one place, used by the node description and code. */
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { TriggerEvent } from '../shared/webhookEvents';
import { CALL_ENDED, CONVERSATION_ENDED } from '../shared/webhookEvents';
import type { CallOutputShape } from './callShapes';
import type { OutputShape } from './outputShapes';

type ChannelFilter = 'all' | 'widget' | 'whatsapp';
/** Call Ended: completed calls only, or every call Intellixent sends (busy, failed, no answer…). */
export type CallStatusFilter = 'completed' | 'all';
/** Call Ended: the node enables the post-call webhook on publish, or the user pastes the URL. */
export type RegistrationMode = 'automatic' | 'manual';

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

export const DEFAULT_CHANNEL: ChannelFilter = 'all';
export const DEFAULT_OUTPUT_SHAPE: OutputShape = 'conversation';
export const DEFAULT_CALL_OUTPUT_SHAPE: CallOutputShape = 'call';
export const DEFAULT_CALL_STATUS_FILTER: CallStatusFilter = 'completed';
export const DEFAULT_REGISTRATION_MODE: RegistrationMode = 'automatic';

export interface TriggerSettings extends TriggerOptions {
	event: TriggerEvent;
	assistantId: string;
	channel: ChannelFilter;
	outputShape: OutputShape;
	/** The Call Ended event's settings; their defaults for the conversation event. */
	callOutputShape: CallOutputShape;
	callStatusFilter: CallStatusFilter;
	registrationMode: RegistrationMode;
}

export function readTriggerSettings(this: IHookFunctions | IWebhookFunctions): TriggerSettings {
	const assistant = this.getNodeParameter('assistant', '', { extractValue: true });
	const options = this.getNodeParameter('options', {}) as Partial<TriggerOptions>;
	const event =
		this.getNodeParameter('event', CONVERSATION_ENDED) === CALL_ENDED
			? CALL_ENDED
			: CONVERSATION_ENDED;
	const forCalls = event === CALL_ENDED;
	return {
		...OPTION_DEFAULTS,
		...options,
		event,
		assistantId: typeof assistant === 'string' ? assistant.trim() : String(assistant ?? ''),
		channel: forCalls
			? DEFAULT_CHANNEL
			: (this.getNodeParameter('channel', DEFAULT_CHANNEL) as ChannelFilter),
		outputShape: forCalls
			? DEFAULT_OUTPUT_SHAPE
			: (this.getNodeParameter('outputShape', DEFAULT_OUTPUT_SHAPE) as OutputShape),
		callOutputShape: forCalls
			? (this.getNodeParameter('callOutputShape', DEFAULT_CALL_OUTPUT_SHAPE) as CallOutputShape)
			: DEFAULT_CALL_OUTPUT_SHAPE,
		callStatusFilter: forCalls
			? (this.getNodeParameter('callStatusFilter', DEFAULT_CALL_STATUS_FILTER) as CallStatusFilter)
			: DEFAULT_CALL_STATUS_FILTER,
		registrationMode: forCalls
			? (this.getNodeParameter('registrationMode', DEFAULT_REGISTRATION_MODE) as RegistrationMode)
			: DEFAULT_REGISTRATION_MODE,
	};
}
