/**
 * docs/call-ended-event.md must stay true to the code: its field table and Flat Row sample are
 * generated (callDocs.ts; fix with `npm run docs`), and the facts it states by hand are checked
 * against the source.
 */
import * as fs from 'fs';
import * as path from 'path';

import { callDocDrift, renderCallSections } from './callDocs';
import { CALL_FLAT_ROW_COLUMNS } from '../../nodes/IntellixentTrigger/callShapes';
import { COMPLETED_CALL_STATUSES } from '../../nodes/IntellixentTrigger/callDelivery';
import { PASTE_PLACE } from '../../nodes/IntellixentTrigger/callRegistration';
import { DUPLICATE_WINDOW } from '../../nodes/IntellixentTrigger/duplicates';
import { MAX_FLAT_ROW_COLUMNS } from '../../nodes/IntellixentTrigger/flatRow';

const doc = fs.readFileSync(
	path.join(__dirname, '..', '..', 'docs', 'call-ended-event.md'),
	'utf8',
);

describe('docs/call-ended-event.md', () => {
	it('its generated sections match the code (fix: npm run docs)', () => {
		expect(callDocDrift()).toEqual([]);
		expect(Object.keys(renderCallSections())).toEqual(['call-fields', 'call-sample-flat-row']);
	});

	it('names every Flat Row call column, the completed statuses, the paste place and the bounds', () => {
		for (const column of CALL_FLAT_ROW_COLUMNS) expect(doc).toContain(`\`${column}\``);
		for (const status of COMPLETED_CALL_STATUSES) expect(doc).toContain(`\`${status}\``);
		expect(doc.replace(/\*\*/g, '')).toContain(PASTE_PLACE);
		expect(doc).toContain(`last ${DUPLICATE_WINDOW.toLocaleString('en-US')} per trigger node`);
		expect(doc).toContain(`At most ${MAX_FLAT_ROW_COLUMNS} columns`);
	});
});
