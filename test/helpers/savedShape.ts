/**
 * What of a node's properties a saved workflow relies on: each property's name, type, default,
 * required, noDataExpression, typeOptions, displayOptions, option values and resource-locator
 * mode names, nested properties included, in order. Display names, descriptions, placeholders
 * and hints are left out: they can be reworded without touching a saved workflow, and a rename of
 * anything kept here breaks one.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

const KEPT = ['name', 'type', 'default', 'required', 'noDataExpression', 'typeOptions'] as const;

function shapeOf(entry: IDataObject): IDataObject {
	const shape: IDataObject = {};
	for (const key of KEPT) if (entry[key] !== undefined) shape[key] = entry[key];
	if (entry.displayOptions !== undefined) shape.displayOptions = entry.displayOptions;
	if (Array.isArray(entry.modes))
		shape.modes = (entry.modes as IDataObject[]).map((mode) => ({
			name: mode.name,
			type: mode.type,
		}));
	if (Array.isArray(entry.values)) shape.values = (entry.values as IDataObject[]).map(shapeOf);
	if (Array.isArray(entry.options))
		shape.options = (entry.options as IDataObject[]).map((option) =>
			// An options list holds values; a collection holds properties; a fixedCollection holds groups.
			'value' in option ? option.value : shapeOf(option),
		);
	return shape;
}

export function savedShape(properties: INodeProperties[]): IDataObject[] {
	return JSON.parse(JSON.stringify(properties.map((p) => shapeOf(p as unknown as IDataObject))));
}
