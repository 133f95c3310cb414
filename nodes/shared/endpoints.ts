/**
 * Every Intellixent endpoint path, in one place, built from segments validated at run time.
 *
 * A path segment may come from the editor, an expression, an AI agent's tool call or an API answer
 * (a call id read from the calls list). URL parsing resolves `.` and `..` even after
 * `encodeURIComponent`, so a segment such as `..` would send the request to another endpoint.
 * Each builder therefore accepts only what its endpoint takes (a positive integer id or a UUID)
 * and refuses anything else with an error that names the parameter, before any request is made.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longest piece of a refused value quoted in the error (one line, no control characters). */
const MAX_QUOTED = 60;

/** A value as an error quotes it: one line (control characters as spaces), trimmed, bounded. */
export function quotedValue(value: unknown, maxLength = MAX_QUOTED): string {
	const text = String(value ?? '')
		.replace(/\p{Cc}+/gu, ' ')
		.trim();
	return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

/** A positive whole number (number or numeric text), as a path segment. */
export function idSegment(node: INode, value: unknown, label: string): string {
	const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
	if (Number.isSafeInteger(id) && id > 0) return String(id);
	throw new NodeOperationError(node, `${label} must be a positive whole number`, {
		description: text
			? `It is "${quotedValue(value)}". Use the numeric ID shown in the Intellixent portal.`
			: 'It is empty. Use the numeric ID shown in the Intellixent portal.',
	});
}

/** An assistant UUID (8-4-4-4-12 hexadecimal digits, either case, as given), as a path segment. */
export function uuidSegment(node: INode, value: unknown, label: string): string {
	const text = String(value ?? '').trim();
	if (UUID.test(text)) return text;
	throw new NodeOperationError(node, `${label} must be an assistant UUID`, {
		description: text
			? `It is "${quotedValue(value)}". An assistant UUID looks like 9b2c4e1a-0f3d-4c8e-a1b2-c3d4e5f60718: choose the assistant from the list, or copy the UUID from the assistant's page in the Intellixent portal.`
			: 'It is empty. Choose the assistant from the list.',
	});
}

export type WebhookSwitch = 'enable' | 'disable';

/** The documented endpoints (see intellixent-api-docs.md), by what they do. */
export const endpoints = {
	assistants: () => '/api/user/assistants/get',
	assistant: (node: INode, id: unknown) =>
		`/api/user/assistant/${idSegment(node, id, 'Assistant ID')}`,
	calls: () => '/api/user/calls',
	call: (node: INode, id: unknown) => `/api/user/calls/${idSegment(node, id, 'Call ID')}`,
	campaignStatus: () => '/api/user/campaigns/update-status',
	whatsappSenders: () => '/api/user/whatsapp/senders',
	whatsappSendTemplate: () => '/api/user/whatsapp/send',
	whatsappSendFreeForm: () => '/api/user/whatsapp/send-freeform',
	/** The conversation-ended webhook, with the assistant UUID in the path. */
	conversationEndedWebhookByPath: (node: INode, operation: WebhookSwitch, assistantUuid: unknown) =>
		`/api/assistants/${uuidSegment(node, assistantUuid, 'Assistant')}/${operation}-conversation-ended-webhook`,
	/** The same, in the sister platforms' form: the assistant's integer id goes in the body. */
	conversationEndedWebhookByBody: (operation: WebhookSwitch) =>
		`/api/user/assistants/${operation}-conversation-ended-webhook`,
	/**
	 * The post-call webhook (voice calls), in the only form documented (by the sister platforms):
	 * no path segment, the assistant's integer id goes in the body.
	 */
	postCallWebhook: (operation: WebhookSwitch) => `/api/user/assistants/${operation}-webhook`,
} as const;
