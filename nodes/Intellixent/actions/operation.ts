/**
 * What one operation of the action node is (a `<operation>.operation.ts` module), and how a
 * resource's Operation selector is built from its `operations` map, so that what the editor offers
 * and what the router runs come from the one map and cannot disagree. An operation's value (saved
 * in workflows) is its key in that map.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

export interface Operation {
	/** Its entry in the Operation selector, without the value (the map key is the value). */
	option: Omit<INodePropertyOptions, 'value'>;
	/** The fields only this operation shows (displayOptions for its resource and operation). */
	description: INodeProperties[];
	/** True for an operation that sends a WhatsApp message: the router paces it (pacing.ts). */
	paced?: boolean;
	/** Runs it for item i: the output items' JSON. */
	execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]>;
}

export type OperationMap = Record<string, Operation>;

/** The operation values in the selector's order: alphabetical by their names, as n8n lists options. */
export function operationValues(operations: OperationMap): string[] {
	return Object.keys(operations).sort((a, b) =>
		operations[a].option.name.localeCompare(operations[b].option.name),
	);
}

/** A resource's Operation selector (shown for that resource only). */
export function operationSelector<M extends OperationMap>(
	resource: string,
	operations: M,
	defaultOperation: keyof M & string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operationValues(operations).map((value) => {
			const { name, ...rest } = operations[value].option;
			return { name, value, ...rest };
		}),
		default: defaultOperation,
	};
}

/** The fields of every operation of a map, in the map's order (the order the editor shows them in). */
export function operationFields(operations: OperationMap): INodeProperties[] {
	return Object.values(operations).flatMap((operation) => operation.description);
}
