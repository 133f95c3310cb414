/**
 * Return All / Limit, the pair every Get Many operation shows, and reading them for one item. The
 * properties are built per operation (each shows them for itself) but read the same way everywhere.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PagingOptions } from '../../shared/paging';
import type { Show } from '../../shared/sharedProperties';

export function returnAllAndLimit(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions: { show },
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { ...show, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export function pagingOf(
	this: IExecuteFunctions,
	i: number,
): Pick<PagingOptions, 'returnAll' | 'limit'> {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', i, 50) as number);
	return { returnAll, limit };
}
