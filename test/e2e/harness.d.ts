/** Types for harness.js (the harness itself is CommonJS so plain Node scripts can require it). */

export declare const REPO_ROOT: string;
export declare const DEFAULT_N8N_VERSION: string;

export interface Provisioned {
	version: string;
	nodeBin: string;
	n8nRoot: string;
	n8nBin: string;
}
export declare function provision(version?: string): Promise<Provisioned>;
export declare function packPackage(options?: {
	repoDir?: string;
	build?: boolean;
}): Promise<string>;
export declare function installCommunityPackage(
	nodesDir: string,
	tgz: string,
): Promise<{ name: string; version: string; packageDir: string }>;

export interface StartOptions {
	version?: string;
	port?: number;
	packageTgz?: string;
	env?: Record<string, string>;
	readyTimeoutMs?: number;
	/** Reuse this N8N_USER_FOLDER (restart the same n8n); stop() never deletes it. */
	userFolder?: string;
}
export interface N8nHandle {
	version: string;
	url: string;
	port: number;
	userFolder: string;
	logFile: string;
	pid: number;
	installed?: { name: string; version: string; packageDir: string };
	client: N8nClient;
	logs(lines?: number): string;
	stop(options?: { keepUserFolder?: boolean }): Promise<void>;
}
export declare function startN8n(options?: StartOptions): Promise<N8nHandle>;
export declare function findFreePortPair(): Promise<number>;

export interface RawResponse {
	status: number;
	headers: Headers;
	body: any;
}
export interface WebhookResponse {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}
export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}
export interface PublishResult extends PublicationStatus {
	errorMessage: string | null;
	workflow: any;
}
export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	[key: string]: any;
}
export interface Execution extends ExecutionSummary {
	data: any;
	runData: Record<string, any[]>;
	error?: any;
	lastNodeExecuted?: string;
}

export declare class N8nApiError extends Error {
	status: number;
	body: any;
}
export declare class N8nClient {
	constructor(url: string);
	url: string;
	cookie: string | null;
	raw(
		method: string,
		urlPath: string,
		body?: unknown,
		options?: { timeoutMs?: number; headers?: Record<string, string> },
	): Promise<RawResponse>;
	request(
		method: string,
		urlPath: string,
		body?: unknown,
		options?: { timeoutMs?: number; headers?: Record<string, string> },
	): Promise<any>;
	setupOwner(owner?: {
		email?: string;
		firstName?: string;
		lastName?: string;
		password?: string;
	}): Promise<any>;
	login(user?: { email?: string; password?: string }): Promise<any>;
	createCredential(
		type: string,
		name: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string; [key: string]: any }>;
	createWorkflow(
		def: Record<string, unknown>,
	): Promise<{ id: string; versionId: string; [key: string]: any }>;
	getWorkflow(id: string): Promise<any>;
	publicationStatus(id: string): Promise<PublicationStatus>;
	publish(
		id: string,
		options?: { versionId?: string; timeoutMs?: number; expect?: string },
	): Promise<PublishResult>;
	unpublish(
		id: string,
		options?: { timeoutMs?: number },
	): Promise<PublicationStatus & { workflow: any }>;
	listenForTestEvent(id: string, triggerName: string): Promise<RawResponse>;
	stopListening(id: string): Promise<RawResponse>;
	listExecutions(workflowId: string, options?: { limit?: number }): Promise<ExecutionSummary[]>;
	getExecution(id: string): Promise<Execution>;
	waitForExecutions(workflowId: string, n: number, timeoutMs?: number): Promise<Execution[]>;
	postWebhook(
		urlPath: string,
		body: unknown,
		options?: { headers?: Record<string, string>; timeoutMs?: number },
	): Promise<WebhookResponse>;
}

export declare function postJson(
	url: string,
	body: unknown,
	options?: { headers?: Record<string, string>; timeoutMs?: number },
): Promise<WebhookResponse>;
export declare function nodeOutput(
	execution: Execution,
	nodeName: string,
	outputIndex?: number,
	runIndex?: number,
): any[] | undefined;

export interface BuiltWorkflow {
	productionPath: string;
	testPath: string;
	definition: {
		name: string;
		nodes: any[];
		connections: Record<string, any>;
		settings: Record<string, any>;
	};
}
export declare function builtinWebhookWorkflow(options?: {
	name?: string;
	path?: string;
}): BuiltWorkflow;
export declare function intellixentWorkflow(options: {
	name?: string;
	credential: { id: string; name: string };
	assistantId: string;
	channel?: 'all' | 'widget' | 'whatsapp';
	outputShape?: 'conversation' | 'flatRow' | 'messages';
	options?: Record<string, unknown>;
	webhookId?: string;
	triggerName?: string;
}): BuiltWorkflow & { webhookId: string; triggerName: string };
export declare function pidsMatching(needle: string): Promise<number[]>;
export declare function sleep(ms: number): Promise<void>;
