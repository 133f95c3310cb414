'use strict';
/**
 * Resource: deleting assistants. `DELETE /api/user/assistant/{id}` (integer id) removes the
 * assistant from the list every other resource reads; `reset()` brings the deleted ones back.
 * Answers as documented: 200 `{"message":"Assistant deleted successfully"}`, 404
 * `{"message":"Assistant not found"}`. The action node's Assistant > Delete uses it.
 */

const { defineResource } = require('../core/resource.js');
const { sliceOf } = require('../core/state.js');

/** @typedef {import('../types').Assistant} Assistant */
/** @typedef {{ original: Assistant[], deleted: number[] }} AssistantDeleteState */

/** @param {import('../types').Ctx} ctx */
const slice = (ctx) => /** @type {AssistantDeleteState} */ (sliceOf(ctx, 'assistantDelete'));

/** @type {import('../types').Route['handle']} */
function deleteAssistant({ ctx, params }) {
	const list = ctx.settings.assistants;
	const index = list.findIndex((a) => String(a.id) === params[0]);
	if (index < 0) return { status: 404, body: { message: 'Assistant not found' } };
	const [removed] = list.splice(index, 1);
	slice(ctx).deleted.push(removed.id);
	return { status: 200, body: { message: 'Assistant deleted successfully' } };
}

const assistantDelete = defineResource({
	name: 'assistantDelete',
	/** @returns {AssistantDeleteState} */
	createState: (settings) => ({ original: [...settings.assistants], deleted: [] }),
	reset: (ctx) => {
		const list = ctx.settings.assistants;
		list.splice(0, list.length, ...slice(ctx).original);
		slice(ctx).deleted = [];
	},
	routes: [
		{
			endpoint: 'deleteAssistant',
			method: 'DELETE',
			pattern: /^\/api\/user\/assistant\/(\d+)$/,
			handle: deleteAssistant,
		},
	],
	api: (ctx) => ({
		/** Integer ids of the assistants deleted since the last reset, in order. */
		deletedAssistants: () => [...slice(ctx).deleted],
	}),
});

module.exports = { assistantDelete };
