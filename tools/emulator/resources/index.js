'use strict';
/**
 * THE list of resources the emulator serves. Adding a resource = writing resources/<name>.js
 * (see README.md, "Adding a resource") and adding it here. Order matters only for the order in
 * which routes are matched and fields appear in GET /__emulator/state.
 */

const { assistants } = require('./assistants.js');
const { webhooks } = require('./webhooks.js');
const { conversations } = require('./conversations.js');
const { postCall } = require('./postCall.js');
const { calls } = require('./calls.js');
const { assistantDelete } = require('./assistantDelete.js');
const { campaigns } = require('./campaigns.js');
const { whatsapp } = require('./whatsapp.js');

const RESOURCES = /** @type {const} */ ([
	assistants,
	webhooks,
	conversations,
	postCall,
	calls,
	assistantDelete,
	campaigns,
	whatsapp,
]);

module.exports = { RESOURCES };
