/**
 * An IExecuteFunctions for the Intellixent action node whose HTTP goes through n8n-core's real
 * request helpers (`getRequestHelperFunctions`: the axios stack, error wrapping and timeouts n8n
 * uses at run time) to a running emulator, with the credential's own `authenticate` applied as
 * n8n's CredentialsHelper would. Parameters are given per item (a function of the item index), so
 * a test can send 50 items with different values, as expressions would give them.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { credentialGetter, NODE_CREDENTIALS, readParameter, realRequestHelpers } from './core';

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
		credentials: NODE_CREDENTIALS,
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
		getCredentials: credentialGetter(
			{ apiKey: options.apiKey, baseUrl: options.baseUrl },
			node.name,
		),
		getNodeParameter: (
			name: string,
			i: number,
			fallback?: unknown,
			parameterOptions?: { extractValue?: boolean },
		) => readParameter(options.parameters(i), name, fallback, parameterOptions),
	};
	(context as IDataObject).helpers = realRequestHelpers(context, node);
	return context as unknown as IExecuteFunctions;
}
