/**
 * The parameter rules n8n's reviewers apply to community nodes that the installed lint plugin does
 * not check yet, read from the node descriptions as n8n loads them (so they hold whichever file a
 * parameter is written in, and also for lists built at run time such as the action node's
 * Operation selectors): options listed alphabetically by name, options of a collection listed
 * alphabetically by display name and never required, hints of at most 120 characters, and no
 * account-specific ID (a sender, template, assistant or campaign) as a default. One list keeps the
 * order n8n's own guidelines give it: a tool's Output (Simplified, Raw, Selected Fields).
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { IntellixentApi } from '../../../credentials/IntellixentApi.credentials';
import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';
import { IntellixentCallTrigger } from '../../../nodes/IntellixentCallTrigger/IntellixentCallTrigger.node';
import { IntellixentTrigger } from '../../../nodes/IntellixentTrigger/IntellixentTrigger.node';

const MAX_HINT_LENGTH = 120;
/** n8n's order for the Output option of nodes used as AI tools (its UX guidelines, its own nodes). */
const TOOL_OUTPUT_ORDER = ['simplified', 'raw', 'selectedFields'];

const sources: Array<[string, INodeProperties[]]> = [
	['Intellixent', new Intellixent().description.properties],
	['Intellixent Trigger', new IntellixentTrigger().description.properties],
	['Intellixent Call Trigger', new IntellixentCallTrigger().description.properties],
	['Intellixent API credential', new IntellixentApi().properties],
];

interface Found {
	path: string;
	property: INodeProperties;
	/** The parameter sits inside a collection or a fixed collection. */
	nested: boolean;
}

/** Every parameter, the ones inside collections and fixed collections included. */
function walk(properties: INodeProperties[], path: string, nested: boolean, out: Found[]): Found[] {
	for (const property of properties) {
		const here = `${path} › ${property.displayName || property.name}`;
		out.push({ path: here, property, nested });
		for (const option of property.options ?? []) {
			if ('values' in option) walk((option as INodePropertyCollection).values, here, true, out);
			else if ('type' in option) walk([option as INodeProperties], here, true, out);
		}
	}
	return out;
}

const all = sources.flatMap(([node, properties]) => walk(properties, node, false, []));
/** An Output option of n8n's tool shape (its values, in any order). */
function isToolOutput(property: INodeProperties): boolean {
	const values = ((property.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
	return (
		property.type === 'options' &&
		[...values].sort().join() === [...TOOL_OUTPUT_ORDER].sort().join()
	);
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
const isSorted = (names: string[]) =>
	names.every((name, i) => i === 0 || byName(names[i - 1], name) <= 0);

describe('parameter conventions of n8n reviews', () => {
	it('finds the parameters of every node and the credential', () => {
		expect(all.length).toBeGreaterThan(40);
		expect(all.some((found) => found.nested)).toBe(true);
	});

	it.each(
		all
			.filter(({ property }) => property.type === 'options' || property.type === 'multiOptions')
			.filter(({ property }) => Array.isArray(property.options) && property.options.length > 1)
			.filter(({ property }) => !isToolOutput(property))
			.map((found) => [found.path, found] as const),
	)('%s lists its options alphabetically', (_path, { property }) => {
		const names = (property.options as INodePropertyOptions[]).map((option) => option.name);
		expect(names).toEqual([...names].sort(byName));
	});

	it("keeps n8n's order for the Output of the operations an AI tool lists", () => {
		const outputs = all.filter(({ property }) => isToolOutput(property));
		expect(outputs.length).toBeGreaterThan(0);
		for (const { property } of outputs) {
			const values = (property.options as INodePropertyOptions[]).map((option) => option.value);
			expect(values).toEqual(TOOL_OUTPUT_ORDER);
		}
	});

	it.each(
		all
			.filter(({ property }) => property.type === 'collection')
			.map((found) => [found.path, found] as const),
	)('%s lists its options alphabetically, none required', (_path, { property }) => {
		const options = (property.options ?? []) as INodeProperties[];
		expect(isSorted(options.map((option) => option.displayName))).toBe(true);
		expect(options.filter((option) => option.required).map((option) => option.name)).toEqual([]);
	});

	it('keeps every hint at most 120 characters', () => {
		const long = all
			.filter(({ property }) => (property.hint ?? '').length > MAX_HINT_LENGTH)
			.map(({ path, property }) => `${path}: ${property.hint!.length}`);
		expect(long).toEqual([]);
	});

	it('has no account-specific ID as a default', () => {
		const idLike = all
			.filter(({ property }) => /id$|sender|template|assistant|campaign/i.test(property.name))
			.filter(({ property }) => {
				const value = property.default as unknown;
				if (typeof value === 'number') return value !== 0;
				if (typeof value === 'string') return /\d/.test(value) && !value.startsWith('=');
				if (value && typeof value === 'object' && 'value' in value)
					return /\d/.test(String((value as { value: unknown }).value));
				return false;
			})
			.map(({ path, property }) => `${path}: ${JSON.stringify(property.default)}`);
		expect(idLike).toEqual([]);
	});
});
