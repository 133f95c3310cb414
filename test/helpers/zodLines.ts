/**
 * The payload schema on both zod lines a host n8n may hand the node. payloadSchema.ts imports
 * `zod/v4`, which resolves to the host n8n's zod at run time: zod 3.25.x today (the `zod`
 * devDependency, as in n8n 1.123 and 2.40), zod 4 in a later n8n (the `zod4` devDependency, an
 * alias of the newest zod 4). The second copy of the module is loaded in an isolated module
 * registry with `zod/v4` pointed at zod 4's, so both copies run side by side in one test.
 */
import { isDeepStrictEqual } from 'node:util';

import * as onZod3 from '../../nodes/IntellixentTrigger/payloadSchema';
import type { PayloadParseResult } from '../../nodes/IntellixentTrigger/payloadSchema';

type PayloadSchemaModule = typeof onZod3;

export interface ZodLine {
	/** e.g. `zod 3.25.76` */
	name: string;
	/** The version of the zod package the copy was loaded with. */
	packageVersion: string;
	schema: PayloadSchemaModule;
}

const SCHEMA_MODULE = '../../nodes/IntellixentTrigger/payloadSchema';

function loadOnZod4(): PayloadSchemaModule {
	let loaded: PayloadSchemaModule | undefined;
	jest.isolateModules(() => {
		jest.doMock('zod/v4', () => jest.requireActual('zod4/v4'));
		loaded = jest.requireActual<PayloadSchemaModule>(SCHEMA_MODULE);
	});
	jest.dontMock('zod/v4');
	if (!loaded) throw new Error('payloadSchema.ts did not load on zod 4');
	return loaded;
}

const versionOf = (pkg: 'zod' | 'zod4') =>
	jest.requireActual<{ version: string }>(`${pkg}/package.json`).version;

export const ZOD_LINES: ZodLine[] = [
	{ name: `zod ${versionOf('zod')}`, packageVersion: versionOf('zod'), schema: onZod3 },
	{ name: `zod ${versionOf('zod4')}`, packageVersion: versionOf('zod4'), schema: loadOnZod4() },
];

/**
 * `parseConversationEndedPayload(body)` on every zod line; the result (the same on all of them),
 * or an error naming the first line that differs. Equal means deeply and strictly equal,
 * prototypes included.
 */
export function parseOnEveryZodLine(body: unknown): PayloadParseResult {
	const [first, ...others] = ZOD_LINES.map((line) => ({
		line,
		result: line.schema.parseConversationEndedPayload(body),
	}));
	for (const other of others) {
		if (!isDeepStrictEqual(first.result, other.result)) {
			throw new Error(
				`the payload schema answers differently on ${first.line.name} and ${other.line.name}:\n` +
					`${summarize(first.result)}\n${summarize(other.result)}`,
			);
		}
	}
	return first.result;
}

function summarize(result: PayloadParseResult): string {
	const text = JSON.stringify(result.ok ? { ok: true, keys: Object.keys(result.payload) } : result);
	return text.length > 1000 ? `${text.slice(0, 1000)}...` : text;
}
