/**
 * A failed publish reaches the user differently in each n8n line (read in their source):
 * - n8n 2.40 answers the editor with the error's message and description, and the editor shows the
 *   message only (the toast's title);
 * - n8n 1.123 answers with a NodeApiError's description only (`workflow.service.js`:
 *   `message = error.description`), and with a NodeOperationError's message only.
 * Whichever of the two is shown must say both what failed and what to do (which setting, which
 * value), so an error thrown while publishing carries the whole text in both fields. The server log
 * line of a failed activation quotes the message, so the advice is logged too.
 * A test listen is left alone: the editor's node view shows the message and the description.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export function withAdviceInBoth(error: unknown): unknown {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	const { message, description } = error;
	if (typeof description !== 'string' || !description.trim() || message.includes(description)) {
		return error;
	}
	const whole = `${message.replace(/[\s.]+$/, '')}. ${description.trim()}`;
	error.message = whole;
	error.description = whole;
	return error;
}
