/**
 * What every fake n8n context in this folder is built from, so the execute, hook / load-options,
 * webhook and poll contexts read parameters, credentials, static data and the logger the same
 * way, the way n8n does:
 * - parameters: dotted paths (`options.limit`), `extractValue` on resource locators, the fallback
 *   when the parameter is absent, and n8n's "Could not get parameter" error without one;
 * - the `intellixentApi` credential, n8n's error for any other type or for a node without one;
 * - `getWorkflowStaticData('node')`: the object the test handed in, every time;
 * - a logger of jest fns, and everything logged as text;
 * - n8n-core's real `httpRequestWithAuthentication` / `httpRequest`, with the credential's own
 *   `authenticate` applied, for contexts that talk to the emulator.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { IntellixentApi } from '../../../credentials/IntellixentApi.credentials';

const REQUEST_HELPERS =
	'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/factory';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getRequestHelperFunctions } = require(REQUEST_HELPERS);

export const CREDENTIAL_TYPE = 'intellixentApi';

/** How a saved node refers to its credential. */
export const NODE_CREDENTIALS: INode['credentials'] = {
	intellixentApi: { id: 'cred-1', name: 'Intellixent account' },
};

export function isResourceLocator(
	value: unknown,
): value is { __rl: true; mode: string; value: unknown } {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;
}

/** `parameters` at a dotted path, own properties only; undefined when any step is missing. */
export function lookup(parameters: IDataObject, path: string): unknown {
	let current: unknown = parameters;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

/** n8n's getNodeParameter after the item index: the value, else the fallback, else an error. */
export function readParameter(
	parameters: IDataObject,
	name: string,
	fallback?: unknown,
	options?: { extractValue?: boolean },
): unknown {
	const value = lookup(parameters, name);
	if (value === undefined) {
		if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
		return fallback;
	}
	return options?.extractValue && isResourceLocator(value) ? value.value : value;
}

/** getCredentials: a copy of `credentials` for `intellixentApi`; n8n's error otherwise. */
export function credentialGetter(credentials: IDataObject | null, nodeName: string) {
	return jest.fn(async (type: string) => {
		if (type !== CREDENTIAL_TYPE || credentials === null) {
			throw new Error(`Node "${nodeName}" does not have any credentials of type "${type}" set`);
		}
		return { ...credentials };
	});
}

/** getWorkflowStaticData: `nodeData` for 'node', one object of its own for 'global'. */
export function staticDataGetter(nodeData: IDataObject) {
	const globalData: IDataObject = {};
	return jest.fn((type: string) => (type === 'node' ? nodeData : globalData));
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type FakeLogger = Record<LogLevel, jest.Mock>;
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** A logger of jest fns; `sink`, if given, also gets each message as it is logged. */
export function fakeLogger(sink?: (level: LogLevel, message: string) => void): FakeLogger {
	const make = (level: LogLevel) =>
		jest.fn((message: string) => {
			sink?.(level, message);
		});
	return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}

/** Everything `logger` was given, one string per call (message plus any metadata as JSON). */
export function loggedLines(logger: FakeLogger, level?: LogLevel): string[] {
	return (level ? [level] : LEVELS).flatMap((l) =>
		logger[l].mock.calls.map((call: unknown[]) =>
			call.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '),
		),
	);
}

/** n8n-workflow's `sleep`, which test/setup/recordedSleep.ts made a jest fn for every test file. */
function mockedSleep(): jest.Mock {
	const mocked = sleep as unknown as jest.Mock;
	if (!jest.isMockFunction(mocked))
		throw new Error(
			'fakeContext: sleep from n8n-workflow is not mocked (see test/setup/recordedSleep.ts)',
		);
	return mocked;
}

/** The waits the code under test asked `sleep` for. */
export function requestedWaits(): number[] {
	return mockedSleep().mock.calls.map((call) => Number(call[0]));
}

/** From now on in this test file, `sleep` resolves at once (still recorded): retries take no time. */
export function instantSleep(): void {
	mockedSleep().mockImplementation(async () => undefined);
}

/**
 * n8n-core's own `httpRequestWithAuthentication` and `httpRequest`, bound to `context`, with the
 * Intellixent credential's `authenticate` applied as n8n's CredentialsHelper applies it.
 */
export function realRequestHelpers(context: object, node: INode) {
	const additionalData = {
		credentialsHelper: {
			getParentTypes: () => [],
			preAuthentication: async () => undefined,
			authenticate: async (
				credentials: ICredentialDataDecryptedObject,
				_type: string,
				requestOptions: IHttpRequestOptions,
			) =>
				(
					new IntellixentApi().authenticate as (
						c: ICredentialDataDecryptedObject,
						o: IHttpRequestOptions,
					) => Promise<IHttpRequestOptions>
				)(credentials, requestOptions),
		},
	};
	const helpers = getRequestHelperFunctions({}, node, additionalData);
	return {
		httpRequestWithAuthentication: helpers.httpRequestWithAuthentication.bind(context),
		httpRequest: helpers.httpRequest.bind(context),
	};
}
