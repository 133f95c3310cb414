/**
 * One Intellixent tool node per operation, as a user would attach them to an AI Agent: named as
 * n8n's editor names a new tool node ("<the operation's action> in Intellixent"), Tool
 * Description "Set Automatically", and the values the model should choose as `$fromAI()`
 * expressions (n8n builds the tool's parameter schema from exactly those). agent.e2e.test.ts
 * attaches them all and records what the model receives for each; the parameter names are the
 * node's saved ones.
 */
export const TOOL_TYPE = 'n8n-nodes-intellixent.intellixentTool';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
/**
 * The description in double quotes: n8n's $fromAI parser ends a single-quoted argument at an
 * unescaped apostrophe ("the customer's phone" in single quotes fails every run of the agent with
 * "Unbalanced parentheses while parsing $fromAI call").
 */
const fromAi = (key: string, description: string, type = 'string') => {
	if (description.includes('"')) throw new Error(`fromAi: no double quotes in "${description}"`);
	return `={{ $fromAI('${key}', "${description}", '${type}') }}`;
};

export interface ToolSpec {
	/** The node's name, which is also what the tool is called (with spaces as `_`). */
	name: string;
	resource: string;
	operation: string;
	/** Parameters besides resource and operation. */
	parameters: Record<string, unknown>;
}

const SENDER = fromAi(
	'sender_id',
	'The numeric id of the WhatsApp sender from List the WhatsApp senders, not a phone number',
);
const PHONE = fromAi(
	'phone',
	"The customer's phone number in E.164 format: + and country code, digits only",
);
const ASSISTANT = fromAi(
	'assistant_id',
	'The integer id of the assistant from List the assistants, not its UUID',
);
const ASSISTANT_UUID = fromAi(
	'assistant_uuid',
	'The uuid of the assistant from List the assistants, not its integer id',
);

export const INTELLIXENT_TOOLS: ToolSpec[] = [
	{
		name: 'Delete an assistant permanently by its ID in Intellixent',
		resource: 'assistant',
		operation: 'delete',
		parameters: { assistant: rl(ASSISTANT) },
	},
	{
		name: 'List the assistants with their ID, UUID and name in Intellixent',
		resource: 'assistant',
		operation: 'getAll',
		parameters: {
			search: fromAi('search', 'Part of the assistant name to look for'),
			returnAll: false,
			limit: fromAi('limit', 'How many assistants to return at most', 'number'),
		},
	},
	{
		name: 'Get a voice call by ID in Intellixent',
		resource: 'call',
		operation: 'get',
		parameters: { callId: fromAi('call_id', 'The numeric id of the call from List voice calls') },
	},
	{
		name: 'List voice calls by status, phone number or date in Intellixent',
		resource: 'call',
		operation: 'getAll',
		parameters: {
			returnAll: false,
			limit: fromAi('limit', 'How many calls to return at most', 'number'),
			filters: {
				status: fromAi('status', 'Only calls in this status, e.g. completed or no-answer'),
				phoneNumber: fromAi('phone_number', "Only calls with this customer's phone number"),
			},
		},
	},
	{
		name: 'Start an outbound calling campaign by ID in Intellixent',
		resource: 'campaign',
		operation: 'start',
		parameters: { campaignId: fromAi('campaign_id', 'The numeric ID of the campaign', 'number') },
	},
	{
		name: 'Stop an outbound calling campaign by ID in Intellixent',
		resource: 'campaign',
		operation: 'stop',
		parameters: { campaignId: fromAi('campaign_id', 'The numeric ID of the campaign', 'number') },
	},
	{
		name: 'Stop sending ended conversations of an assistant in Intellixent',
		resource: 'conversationEndedWebhook',
		operation: 'disable',
		parameters: { webhookAssistant: rl(ASSISTANT_UUID) },
	},
	{
		name: 'Send ended conversations of an assistant to a URL in Intellixent',
		resource: 'conversationEndedWebhook',
		operation: 'enable',
		parameters: {
			webhookAssistant: rl(ASSISTANT_UUID),
			webhookUrl: fromAi('webhook_url', 'The https URL Intellixent posts ended conversations to'),
		},
	},
	{
		name: 'List the WhatsApp senders in Intellixent',
		resource: 'whatsapp',
		operation: 'getSenders',
		parameters: {
			includeOffline: fromAi('include_offline', 'Whether to list offline senders too', 'boolean'),
		},
	},
	{
		name: 'Send a free-form WhatsApp text to a phone number in Intellixent',
		resource: 'whatsapp',
		operation: 'sendFreeForm',
		parameters: {
			sender: rl(SENDER),
			recipientPhone: PHONE,
			message: fromAi('message', 'The text to send'),
		},
	},
	{
		name: 'Send a WhatsApp template to a phone number in Intellixent',
		resource: 'whatsapp',
		operation: 'sendTemplate',
		parameters: {
			sender: rl(SENDER),
			templateId: fromAi('template_id', 'The numeric ID of an approved template', 'number'),
			recipientPhone: PHONE,
			variables: {
				variable: [{ name: '1', value: fromAi('customer_name', "The customer's first name") }],
			},
		},
	},
];

/** The tool name n8n gives a node (n8n-workflow's nodeNameToToolName). */
export const toolName = (nodeName: string) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

/** A tool by its operation, e.g. `tool('sendTemplate')`. */
export function tool(operation: string, resource?: string): ToolSpec {
	const found = INTELLIXENT_TOOLS.find(
		(t) => t.operation === operation && (!resource || t.resource === resource),
	);
	if (!found) throw new Error(`no Intellixent tool for ${resource ?? ''} ${operation}`);
	return found;
}
