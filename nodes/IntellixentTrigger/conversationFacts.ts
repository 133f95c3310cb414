/**
 * Facts computed from a conversation, shared by every output shape: its duration, its message
 * counts, and its transcript as text.
 */
import type { ConversationEndedPayload } from './payloadSchema';

/** Values computed from the payload, added to every shape. */
interface ConversationFacts {
	duration_seconds: number | null;
	user_message_count: number;
	assistant_message_count: number;
}

export function conversationFacts(payload: ConversationEndedPayload): ConversationFacts {
	let user = 0;
	let assistant = 0;
	for (const message of payload.transcript) {
		if (message.role === 'user') user++;
		else if (message.role === 'assistant') assistant++;
	}
	return {
		duration_seconds: durationSeconds(payload.created_at, payload.ended_at),
		user_message_count: user,
		assistant_message_count: assistant,
	};
}

function durationSeconds(start?: string | null, end?: string | null): number | null {
	if (!start || !end) return null;
	const ms = Date.parse(end) - Date.parse(start);
	if (!Number.isFinite(ms) || ms < 0) return null;
	return Math.round(ms / 1000);
}

/** A transcript as text, the way Intellixent formats it (`AI:` / `Customer:` prefixes). */
export function transcriptText(payload: ConversationEndedPayload): string {
	if (typeof payload.formatted_transcript === 'string') return payload.formatted_transcript;
	return payload.transcript
		.map(
			(m) =>
				`${m.role === 'assistant' ? 'AI' : m.role === 'user' ? 'Customer' : m.role}: ${m.content ?? ''}`,
		)
		.join('\n');
}
