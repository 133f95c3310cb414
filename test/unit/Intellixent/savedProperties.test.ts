/**
 * What users' saved workflows rely on stays as it was: the action node's properties (names, types,
 * defaults, option values, display conditions, locator modes, in order) against a fixture captured
 * from the node before its files were rearranged into actions/<resource>/<operation>.operation.ts.
 * A rename of a resource, operation, field or option value fails here; rewording a label does not.
 * Every workflow saved then is a version 1 node, so the comparison is of the properties a version 1
 * node has: those a later version adds (shown only from that version on) are left out, and a
 * version condition that admits version 1 is dropped from the display conditions.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';
import saved from '../../fixtures/action-node-properties.json';
import { savedShape } from '../../helpers/savedShape';

const properties = new Intellixent().description.properties;

type VersionCondition = number | { _cnd: { gte?: number; lte?: number; eq?: number } };

/** Whether a `@version` display condition lets `version` through. */
function admits(conditions: VersionCondition[], version: number): boolean {
	return conditions.some((c) =>
		typeof c === 'number'
			? c === version
			: (c._cnd.gte === undefined || version >= c._cnd.gte) &&
				(c._cnd.lte === undefined || version <= c._cnd.lte) &&
				(c._cnd.eq === undefined || version === c._cnd.eq),
	);
}

/** The properties as a node of `version` has them, without the version conditions. */
function asVersion(list: INodeProperties[], version: number): INodeProperties[] {
	return list.flatMap((p): INodeProperties[] => {
		const show = p.displayOptions?.show;
		const condition = show?.['@version'] as VersionCondition[] | undefined;
		if (!show || !condition) return [p];
		if (!admits(condition, version)) return [];
		const rest = { ...show };
		delete rest['@version'];
		return [{ ...p, displayOptions: { ...p.displayOptions, show: rest } }];
	});
}

it('the properties a version 1 node has are, in what a saved workflow relies on, the ones captured before', () => {
	expect(savedShape(asVersion(properties, 1))).toEqual(saved);
});

it('version 1.1 differs from version 1 only by Output and Fields, which replace Call > Simplify', () => {
	const names = (list: INodeProperties[]) => list.map((p) => p.name);
	const v1 = names(asVersion(properties, 1));
	const v11 = names(asVersion(properties, 1.1));
	expect(v1.filter((n) => !v11.includes(n))).toEqual(['simple']);
	expect([...new Set(v11.filter((n) => !v1.includes(n)))]).toEqual(['output', 'fields']);
	expect(v11.filter((n) => n === 'output')).toHaveLength(3);
});

it('the comparison sees a renamed option value, a changed default and a moved field', () => {
	const renamed = savedShape(asVersion(properties, 1));
	(renamed[0].options as string[])[0] = 'assistants';
	expect(renamed).not.toEqual(saved);
	const defaulted = savedShape(asVersion(properties, 1));
	defaulted[0].default = 'call';
	expect(defaulted).not.toEqual(saved);
	const moved = savedShape(asVersion(properties, 1));
	moved.push(moved.splice(1, 1)[0]);
	expect(moved).not.toEqual(saved);
});

it('the version filter drops what version 1 does not have and keeps the rest', () => {
	const only11 = {
		...properties[0],
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	};
	const only1 = { ...properties[0], displayOptions: { show: { '@version': [1] } } };
	expect(asVersion([only11 as INodeProperties, only1 as INodeProperties], 1)).toEqual([
		{ ...properties[0], displayOptions: { show: {} } },
	]);
	expect(asVersion([only11 as INodeProperties, only1 as INodeProperties], 1.1)).toHaveLength(1);
});
