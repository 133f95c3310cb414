/**
 * What users' saved workflows rely on stays as it was: the action node's properties (names, types,
 * defaults, option values, display conditions, locator modes, in order) against a fixture captured
 * from the node before its files were rearranged into actions/<resource>/<operation>.operation.ts.
 * A rename of a resource, operation, field or option value fails here; rewording a label does not.
 */
import { Intellixent } from '../../../nodes/Intellixent/Intellixent.node';
import saved from '../../fixtures/action-node-properties.json';
import { savedShape } from '../../helpers/savedShape';

const properties = new Intellixent().description.properties;

it('the properties are, in what a saved workflow relies on, the ones captured before', () => {
	expect(savedShape(properties)).toEqual(saved);
});

it('the comparison sees a renamed option value, a changed default and a moved field', () => {
	const renamed = savedShape(properties);
	(renamed[0].options as string[])[0] = 'assistants';
	expect(renamed).not.toEqual(saved);
	const defaulted = savedShape(properties);
	defaulted[0].default = 'call';
	expect(defaulted).not.toEqual(saved);
	const moved = savedShape(properties);
	moved.push(moved.splice(1, 1)[0]);
	expect(moved).not.toEqual(saved);
});
