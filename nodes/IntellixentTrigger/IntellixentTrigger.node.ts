import type {
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { handleDelivery } from './delivery';
import { searchAssistantsByUuid } from '../shared/assistantSearch';
import { CREDENTIAL_TYPE } from '../shared/intellixentApi';
import { assistantLocator, escapeFormulasOption } from '../shared/sharedProperties';
import { UNTRUSTED_PREFIX_LENGTH } from './refusedBody';
import { checkExists, registerWebhook, unregisterWebhook } from './registration';
import { UNPROVEN_REJECTIONS_PER_MINUTE } from './rejectionLimit';
import { callEndedProperties } from './callProperties';
import { manualDeliveryToken } from './callRegistration';
import { CALL_ENDED, CONVERSATION_ENDED } from '../shared/webhookEvents';
import { DEFAULT_CHANNEL, DEFAULT_OUTPUT_SHAPE } from './triggerOptions';

const FOR_CONVERSATIONS = { show: { event: [CONVERSATION_ENDED] } };

export class IntellixentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intellixent Trigger',
		name: 'intellixentTrigger',
		icon: { light: 'file:intellixent.svg', dark: 'file:intellixent.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n evaluates `$parameter.options.binaryData` in an expression isolate
		// for every delivery to a version-1 webhook node (parseRequestBody in webhook-helpers.js);
		// from 1.1 on it does not (docs/performance.md). Version 1 stays for saved workflows.
		version: [1, 1.1],
		defaultVersion: 1.1,
		// n8n's $parameter["assistant"] is a resource locator's value (the UUID); the name picked from
		// the list (cachedResultName) is only in the raw parameters, which $parameter.toJSON() gives.
		subtitle:
			'={{($parameter["event"] === "callEnded" ? "Call ended: " : "Conversation ended: ") + ($parameter.toJSON().assistant?.cachedResultName || $parameter["assistant"] || "no assistant chosen")}}',
		description:
			'Starts the workflow when a conversation with an Intellixent assistant ends (WhatsApp or web widget), or when one of its voice calls ends',
		defaults: { name: 'Intellixent Trigger' },
		builderHint: {
			searchHint:
				'Starts a workflow when an Intellixent WhatsApp or web-widget conversation ends, with the transcript, extracted variables and customer phone. Publishing registers its URL with the assistant, which sends to one URL only: use one trigger per assistant. For ended voice calls use Intellixent Call Trigger.',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Conversation', 'Rejected'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Without this, n8n 2.40 answers the literal default 'firstEntryJson'; empty lets
				// the node's own webhookResponse ({received, processed, ...}) through.
				responseData: '',
				path: 'webhook',
			},
		],
		eventTriggerDescription: 'Waiting for a conversation or a call with the assistant to end',
		activationMessage:
			'Intellixent now sends the conversations (or calls) of this assistant to this workflow when they end.',
		properties: [
			{
				displayName:
					"Intellixent sends the conversations of an assistant to one URL only. Publishing this workflow takes them over from any other workflow or tool using the same assistant, and you can't listen for a test event while this workflow is published.",
				name: 'oneUrlNotice',
				type: 'notice',
				default: '',
				displayOptions: FOR_CONVERSATIONS,
			},
			{
				// n8n's nodes panel lists a trigger's events from a property named "Event" (its
				// option's `action`); without one it says "On new Intellixent event".
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: CONVERSATION_ENDED,
				options: [
					{
						name: 'Call Ended',
						value: CALL_ENDED,
						action: 'On call ended',
						description: "A voice call of the assistant ended (Intellixent's post-call webhook)",
					},
					{
						name: 'Conversation Ended',
						value: CONVERSATION_ENDED,
						action: 'On conversation ended',
						description: 'A WhatsApp or web widget conversation with the assistant ended',
					},
				],
			},
			assistantLocator({
				key: 'uuid',
				description: 'The assistant whose ended conversations (or calls) start this workflow',
				searchListMethod: 'searchAssistants',
			}),
			...callEndedProperties,
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				default: DEFAULT_CHANNEL,
				displayOptions: FOR_CONVERSATIONS,
				description:
					'Which conversations start the workflow. Others are acknowledged to Intellixent and start nothing.',
				options: [
					{ name: 'All Channels', value: 'all' },
					{ name: 'Web Widget', value: 'widget' },
					{ name: 'WhatsApp', value: 'whatsapp' },
				],
			},
			{
				displayName: 'Output',
				name: 'outputShape',
				type: 'options',
				default: DEFAULT_OUTPUT_SHAPE,
				displayOptions: FOR_CONVERSATIONS,
				options: [
					{
						name: 'Flat Row (for Sheets and CRMs)',
						value: 'flatRow',
						description:
							'One item of plain columns: conversation details, then each extracted variable as its own column',
					},
					{
						name: 'Full Conversation',
						value: 'conversation',
						description:
							'One item per conversation with every field, plus duration and message counts',
					},
					{
						name: 'One Item per Message',
						value: 'messages',
						description: 'One item per transcript message, with the conversation ID on each',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					escapeFormulasOption,
					{
						displayName: 'Ignore Duplicate Deliveries',
						name: 'ignoreDuplicates',
						type: 'boolean',
						default: false,
						description:
							'Whether a conversation that was already delivered (same conversation ID) is acknowledged without starting another execution. Remembers the last 1,000 conversations.',
					},
					{
						displayName: 'Include Raw Payload',
						name: 'includeRawPayload',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the payload exactly as Intellixent sent it, as raw_payload (in One Item per Message: on the first message)',
					},
					{
						displayName: 'Output Rejected Deliveries',
						name: 'recordRejected',
						type: 'boolean',
						default: true,
						description: `Whether a refused delivery (wrong token, invalid payload, other assistant) starts an execution on the Rejected output, so you can see it and alert on it. It is refused to the sender either way. Refusals of senders without the token: at most ${UNPROVEN_REJECTIONS_PER_MINUTE} a minute, with the first ${UNTRUSTED_PREFIX_LENGTH} characters of the body.`,
					},
					{
						displayName: 'Verify Delivery Token',
						name: 'verifyDeliveryToken',
						type: 'boolean',
						default: true,
						description:
							'Whether to register the webhook URL with a secret token derived from the API key and refuse deliveries without it. Intellixent does not sign deliveries, so this is what stops others from posting fake conversations.',
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchAssistants: searchAssistantsByUuid },
		loadOptions: {
			async manualDeliveryToken(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await manualDeliveryToken.call(this);
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await unregisterWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
