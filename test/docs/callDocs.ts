/**
 * The generated parts of docs/call-ended-event.md, from the real code: the post-call payload's
 * field table (callPayloadSchema.ts) and a Flat Row sample of test/fixtures/call.json
 * (callShapes.ts). Same markers and same `npm run docs` / drift check as the README's parts
 * (render-samples.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

import {
	callEndedPayloadSchema,
	parseCallEndedPayload,
} from '../../nodes/IntellixentTrigger/callPayloadSchema';
import { shapeCall } from '../../nodes/IntellixentTrigger/callShapes';
import { describePayloadFields } from '../../nodes/IntellixentTrigger/payloadSchema';
import { cell, jsonBlock, readSection, replaceSection } from './render-samples';

// Not render-samples' REPO_ROOT: the two files import each other, and this one may load first.
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CALL_DOC_PATH = path.join(REPO_ROOT, 'docs', 'call-ended-event.md');

function callFixture(): unknown {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'call.json'), 'utf8'));
}

export function renderCallSections(): Record<string, string> {
	const rows = describePayloadFields(callEndedPayloadSchema).map(
		(f) => `| \`${f.field}\` | ${f.required ? 'yes' : 'no'} | ${cell(f.description)} |`,
	);
	const parsed = parseCallEndedPayload(callFixture());
	if (!parsed.ok) throw new Error('test/fixtures/call.json does not pass the post-call schema');
	const [row] = shapeCall(parsed.payload, { shape: 'flatRow', escapeFormulas: true });
	return {
		'call-fields': ['| Field | Required | Description |', '| --- | --- | --- |', ...rows].join(
			'\n',
		),
		'call-sample-flat-row': jsonBlock(JSON.parse(JSON.stringify(row))),
	};
}

/** Which sections of docs/call-ended-event.md differ from the code. */
export function callDocDrift(): string[] {
	const doc = fs.readFileSync(CALL_DOC_PATH, 'utf8');
	return Object.entries(renderCallSections())
		.filter(([name, content]) => readSection(doc, name) !== content)
		.map(([name]) => `docs/call-ended-event.md section "${name}"`);
}

/** Rewrites the generated sections of docs/call-ended-event.md; returns what changed. */
export function writeCallDoc(): string[] {
	const changed = callDocDrift();
	let doc = fs.readFileSync(CALL_DOC_PATH, 'utf8');
	for (const [name, content] of Object.entries(renderCallSections())) {
		doc = replaceSection(doc, name, content);
	}
	if (changed.length) fs.writeFileSync(CALL_DOC_PATH, doc, 'utf8');
	return changed;
}
