/**
 * The mutation run's file list (stryker.config.mjs here) stays true to the code: Stryker mutates
 * nothing in a line range that lies past a file's end, and says nothing about it, so a range left
 * behind by a shorter file would drop that file from the run without a word. Each entry must name
 * an existing file; each range must lie within it and start and end on a line of code (not blank,
 * not only a comment), which a range shifted by an edit rarely does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const config = readFileSync(join(__dirname, 'stryker.config.mjs'), 'utf8');
const mutateList = config.slice(
	config.indexOf('mutate: ['),
	config.indexOf('],', config.indexOf('mutate: [')),
);
const entries = [...mutateList.matchAll(/^\s*'([^']+)',/gm)].map((m) => m[1]);

const isCode = (line: string | undefined) =>
	line !== undefined && line.trim() !== '' && !/^\s*(\/\/|\/\*|\*)/.test(line);

it('the list is read: files of all three nodes and the shared layer', () => {
	expect(entries.length).toBeGreaterThan(10);
	for (const folder of [
		'IntellixentTrigger/',
		'IntellixentCallTrigger/',
		'Intellixent/',
		'shared/',
	])
		expect(entries.some((e) => e.includes(`nodes/${folder}`))).toBe(true);
});

it.each(entries)('%s exists and its range is lines of code within it', (entry) => {
	const [file, range] = entry.split(':');
	expect(existsSync(join(root, file))).toBe(true);
	if (!range) return;
	const lines = readFileSync(join(root, file), 'utf8').split('\n');
	const [first, last] = range.split('-').map(Number);
	expect(first).toBeGreaterThanOrEqual(1);
	expect(last).toBeGreaterThanOrEqual(first);
	expect(last).toBeLessThanOrEqual(lines.length);
	expect([isCode(lines[first - 1]), isCode(lines[last - 1])]).toEqual([true, true]);
});
