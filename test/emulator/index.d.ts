/** Types for index.js (the local Intellixent API emulator). */

export type Sample = 'widget' | 'whatsapp';
export type FaultEndpoint = 'enable' | 'disable' | 'list' | 'calls' | 'call' | 'any';
export type FaultKind = 'status' | 'delay' | 'drop' | 'redirect';
export type DeliveryState = 'pending' | 'delivered' | 'failed';
/** Which shapes of enable/disable-conversation-ended-webhook are served (see apiForms.js). */
export type ApiForms = 'path' | 'body' | 'both';
export type UnknownRouteStyle = 'not-found' | 'laravel' | 'html';

export interface Assistant {
	id: number;
	uuid: string;
	name: string;
	type: string;
	mode: string;
	status: string;
	user_id: number;
	created_at: string;
	updated_at: string;
	[extra: string]: unknown;
}

export interface EmulatorOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 'test-api-key'. */
	apiKey?: string;
	/** Default: the 12 DEFAULT_ASSISTANTS. Missing fields get defaults. */
	assistants?: Array<Partial<Assistant> & { id: number; uuid: string; name: string }>;
	/** Delay before each retry. Default [30000, 60000, 120000] (so up to 4 attempts). */
	retryDelaysMs?: number[];
	/** How long one delivery attempt may take. Default 10000. */
	deliveryTimeoutMs?: number;
	/** true prints to the console; a function receives each line. Default false. */
	log?: boolean | ((line: string) => void);
	/** Default 'path' (Intellixent's documented form); change later with setApiForms(). */
	apiForms?: ApiForms;
	/** How unknown routes are answered. Default 'not-found' (JSON {"message":"Not Found"}). */
	unknownRoute?: UnknownRouteStyle;
}

export interface Registration {
	webhook_url: string;
	enabled_at: string;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The Authorization header as received, or null. */
	authorization: string | null;
	/** Parsed JSON body, the raw text when it is not JSON, or null when empty. */
	body: unknown;
	status: number | 'dropped' | null;
	at: string;
	/** Set when an injected fault handled the request. */
	fault?: FaultKind;
}

export interface DeliveryAttempt {
	n: number;
	/** HTTP status, or null when no answer came (network error, timeout before headers). */
	status: number | null;
	error: string | null;
	/** First 2 KB of the answer. */
	responseBody: string | null;
	at: string;
	durationMs: number;
}

export interface DeliveryRecord {
	id: string;
	assistant_id: string;
	conversation_id: string | null;
	url: string;
	state: DeliveryState;
	attempts: DeliveryAttempt[];
	/** The exact request body sent. */
	body: string;
	created_at: string;
	next_attempt_at: string | null;
	finished_at: string | null;
	error: string | null;
}

export interface EndConversationOptions {
	/** Fixture to start from (default 'widget'); gets the assistant's uuid and a fresh conversation_id. */
	sample?: Sample;
	/** Sent as is instead of a sample; a string is sent verbatim (may be invalid JSON). */
	payload?: string | Record<string, unknown> | unknown[] | number | boolean | null;
	/** Field overrides (`a.b` sets nested fields, `undefined` deletes). */
	overrides?: Record<string, unknown>;
	/** Fields to delete (`a.b` for nested). */
	unset?: string[];
	/** Deliver here instead of the registered URL. */
	to?: string;
}

export interface FaultSpec {
	endpoint?: FaultEndpoint;
	kind: FaultKind;
	status?: number;
	retryAfter?: number | string;
	body?: unknown;
	contentType?: string;
	delayMs?: number;
	/** kind 'redirect': the Location header (status 301, 302 (default), 303, 307 or 308). */
	location?: string;
	/** Default 1; Infinity or -1: until cleared. */
	times?: number;
}

export interface ActiveFault {
	id: string;
	endpoint: FaultEndpoint;
	kind: FaultKind;
	/** Remaining uses; -1 means until cleared. */
	times: number;
	status?: number;
	retryAfter?: string;
	body?: unknown;
	contentType?: string;
	delayMs?: number;
	location?: string;
}

export interface EmulatorState {
	url: string;
	assistants: Assistant[];
	registrations: Record<string, Registration>;
	requests: RequestLogEntry[];
	deliveries: DeliveryRecord[];
	faults: ActiveFault[];
	retryDelaysMs: number[];
	deliveryTimeoutMs: number;
	apiForms: ApiForms;
	unknownRoute: UnknownRouteStyle;
}

/** A voice call as GET /api/user/calls/{id} shows it (resources/calls.js). */
export interface Call {
	id: number;
	assistant_id: number;
	assistant_name: string;
	campaign_id: number | null;
	campaign_name: string | null;
	type: string;
	status: string;
	duration: number;
	assistant_phone_number: string | null;
	client_phone_number: string | null;
	transcript: string;
	variables: Record<string, unknown>;
	evaluation: Record<string, unknown> | null;
	webhook_response: unknown;
	carrier_cost: number | null;
	total_cost: number | null;
	answered_by: string | null;
	recording_url: string | null;
	created_at: string;
	updated_at: string;
}

export interface StartCallOptions {
	/** Integer id or uuid; default the first assistant. */
	assistant?: number | string;
	type?: 'inbound' | 'outbound' | 'web';
	campaign_id?: number | null;
	client_phone_number?: string;
	status?: 'initiated' | 'ringing' | 'in-progress';
	/** Start time (default now). */
	at?: string | number;
}

export interface EndCallOptions {
	/** Default 'completed'. */
	status?: string;
	/** End time (default now). */
	at?: string | number;
	answered_by?: string;
}

export interface Emulator {
	/** Starts a call (in-progress); returns a copy. */
	startCall(options?: StartCallOptions): Call;
	/** Ends an open call; returns a copy. */
	endCall(id: number, options?: EndCallOptions): Call;
	/** Copies of every call, in the order they started. */
	calls(): Call[];
	readonly url: string;
	readonly port: number;
	readonly host: string;
	readonly apiKey: string;
	readonly assistants: Assistant[];
	readonly retryDelaysMs: number[];
	readonly deliveryTimeoutMs: number;
	readonly apiForms: ApiForms;
	readonly unknownRoute: UnknownRouteStyle;
	/** Switches the served forms at once (also POST /__emulator/api-forms {forms}). */
	setApiForms(forms: ApiForms): void;
	registrations(): Record<string, Registration>;
	requests(): RequestLogEntry[];
	deliveries(): DeliveryRecord[];
	delivery(id: string): DeliveryRecord | undefined;
	/** Resolves with the final record; rejects if the delivery is cancelled by reset()/close(). */
	waitForDelivery(id: string): Promise<DeliveryRecord>;
	/** Resolves once the delivery is delivered or finally failed. */
	endConversation(
		assistant?: string | number,
		options?: EndConversationOptions,
	): Promise<DeliveryRecord>;
	/** Same, but returns the pending record at once (throws for an unknown assistant or no URL). */
	startConversationDelivery(
		assistant?: string | number,
		options?: EndConversationOptions,
	): DeliveryRecord;
	injectFault(fault: FaultSpec): ActiveFault;
	faults(): ActiveFault[];
	clearFaults(): void;
	reset(): void;
	close(): Promise<void>;
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;
export function loadSample(name: Sample): Record<string, unknown>;

export const DEFAULT_ASSISTANTS: readonly Assistant[];
export const DEFAULT_API_KEY: string;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[];
export const SAMPLES: readonly Sample[];
export const USER_AGENT: string;
export const MESSAGES: Readonly<Record<string, string>>;
