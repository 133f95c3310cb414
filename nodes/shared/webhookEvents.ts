/**
 * The webhook events Intellixent sends: one URL per assistant for each. The trigger offers them as
 * its Event parameter; registration (webhookRegistration.ts) switches the API that belongs to each.
 */
export const CONVERSATION_ENDED = 'conversationEnded';
export const CALL_ENDED = 'callEnded';
export type TriggerEvent = typeof CONVERSATION_ENDED | typeof CALL_ENDED;
