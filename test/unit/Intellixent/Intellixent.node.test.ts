/**
 * The action node's description: usable as an AI tool (the trigger is not), every operation
 * described for an agent, and each resource locator with its own name.
 */
import type { IDataObject } from 'n8n-workflow';

import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';
import { IntellixentTrigger } from '../../../nodes/IntellixentTrigger/IntellixentTrigger.node';

const node = new Intellixent();

describe('description', () => {
	it('is usable as an AI tool; the trigger is not', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(new IntellixentTrigger().description.usableAsTool).toBeUndefined();
	});

	it('describes every operation for an agent (description and action)', () => {
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		const options = operations.flatMap((p) => p.options ?? []) as unknown as IDataObject[];
		expect(options).toHaveLength(11);
		for (const option of options) {
			expect(String(option.description).length).toBeGreaterThan(30);
			expect(option.action).toBeTruthy();
		}
	});
});

it('each resource locator has its own name (n8n validates a value against the first property of its name)', () => {
	const locators = node.description.properties.filter((p) => p.type === 'resourceLocator');
	const names = locators.map((p) => p.name);
	expect(new Set(names).size).toBe(names.length);
});
