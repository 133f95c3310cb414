'use strict';
/**
 * Resource: campaigns. `POST /api/user/campaigns/update-status {campaign_id, action: start|stop}`
 * with the documented answer `{message, success: true, data: {campaign_id, status}}` (status
 * `in-progress` or `stopped`). Assumed: 422 with Laravel's wording for a bad body, 404
 * `{"message":"Campaign not found"}`, and 422 "Campaign has no leads." when starting a campaign
 * without leads (the docs say a campaign needs leads). Campaigns 7 and 8 match the calls resource.
 */

const { defineResource } = require('../core/resource.js');
const { sliceOf } = require('../core/state.js');
const { isPlainObject, parseLoosely } = require('../core/util.js');

/** @typedef {{ id: number, name: string, leads: number, status: string }} Campaign */
/** @typedef {{ campaigns: Campaign[] }} CampaignsState */

const DEFAULT_CAMPAIGNS = Object.freeze([
	Object.freeze({ id: 7, name: 'Spring renewals', leads: 25, status: 'draft' }),
	Object.freeze({ id: 8, name: 'Webinar follow-up', leads: 0, status: 'draft' }),
]);

/** @param {import('../types').Ctx} ctx */
const slice = (ctx) => /** @type {CampaignsState} */ (sliceOf(ctx, 'campaigns'));
const fresh = () => DEFAULT_CAMPAIGNS.map((c) => ({ ...c }));

/**
 * @param {string} field
 * @param {string} message
 */
const invalid = (field, message) => ({
	status: 422,
	body: { message, errors: { [field]: [message] } },
});

/** @type {import('../types').Route['handle']} */
function updateStatus({ ctx, text }) {
	const parsed = parseLoosely(text);
	const body = isPlainObject(parsed) ? parsed : {};
	const id = body.campaign_id;
	if (id === undefined || id === null || id === '')
		return invalid('campaign_id', 'The campaign id field is required.');
	if (!/^\d+$/.test(String(id)))
		return invalid('campaign_id', 'The campaign id field must be an integer.');
	if (body.action !== 'start' && body.action !== 'stop')
		return invalid('action', 'The selected action is invalid.');
	const campaign = slice(ctx).campaigns.find((c) => c.id === Number(id));
	if (!campaign) return { status: 404, body: { message: 'Campaign not found' } };
	if (body.action === 'start' && campaign.leads === 0)
		return { status: 422, body: { message: 'Campaign has no leads.', success: false } };
	campaign.status = body.action === 'start' ? 'in-progress' : 'stopped';
	return {
		status: 200,
		body: {
			message: `Campaign ${body.action === 'start' ? 'started' : 'stopped'} successfully.`,
			success: true,
			data: { campaign_id: campaign.id, status: campaign.status },
		},
	};
}

const campaigns = defineResource({
	name: 'campaigns',
	/** @returns {CampaignsState} */
	createState: () => ({ campaigns: fresh() }),
	reset: (ctx) => {
		slice(ctx).campaigns = fresh();
	},
	routes: [
		{
			endpoint: 'campaignStatus',
			method: 'POST',
			pattern: /^\/api\/user\/campaigns\/update-status$/,
			handle: updateStatus,
		},
	],
	api: (ctx) => ({
		/** Copies of the campaigns with their current status. */
		campaigns: () => slice(ctx).campaigns.map((c) => ({ ...c })),
	}),
	snapshot: (ctx) => ({ campaigns: slice(ctx).campaigns.map((c) => ({ ...c })) }),
});

module.exports = { campaigns, DEFAULT_CAMPAIGNS };
