/**
 * An IExecuteFunctions for the Intellixent action node whose HTTP goes through n8n-core's real
 * request helpers (`getRequestHelperFunctions`: the axios stack, error wrapping and timeouts n8n
 * uses at run time) to a running emulator, with the credential's own `authenticate` applied as
 * n8n's CredentialsHelper would. Parameters are given per item (a function of the item index), so
 * a test can send 50 items with different values, as expressions would give them.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { IntellixentApi } from '../../credentials/IntellixentApi.credentials';
import { isResourceLocator, lookup } from './hookContext';

const REQUEST_HELPERS =
	'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/factory';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getRequestHelperFunctions } = require(REQUEST_HELPERS);

interface ExecuteContextOptions {
	baseUrl: string;
	apiKey: string;
	/** The node's parameters for item i. */
	parameters: (i: number) => IDataObject;
	items?: number;
	continueOnFail?: boolean;
	/** The node's version; 1 (what every saved workflow has) unless given. */
	typeVersion?: number;
}

export function executeContext(options: ExecuteContextOptions): IExecuteFunctions {
	const node: INode = {
		id: 'node-action',
		name: 'Intellixent',
		type: 'n8n-nodes-intellixent.intellixent',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		credentials: { intellixentApi: { id: 'cred-1', name: 'Intellixent account' } },
		parameters: options.parameters(0) as INode['parameters'],
	};
	const items: INodeExecutionData[] = Array.from({ length: options.items ?? 1 }, (_, i) => ({
		json: { index: i },
	}));
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: 'wf-action', name: 'Action workflow', active: false }),
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => ({ apiKey: options.apiKey, baseUrl: options.baseUrl }),
		getNodeParameter: (
			name: string,
			i: number,
			fallback?: unknown,
			parameterOptions?: { extractValue?: boolean },
		) => {
			const value = lookup(options.parameters(i), name);
			if (value === undefined) {
				if (fallback === undefined) throw new Error(`executeContext: no parameter "${name}"`);
				return fallback;
			}
			return parameterOptions?.extractValue && isResourceLocator(value) ? value.value : value;
		},
	};
	(context as IDataObject).helpers = realRequestHelpers(context, node);
	return context as unknown as IExecuteFunctions;
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
