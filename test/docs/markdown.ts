/**
 * Reading the repository's Markdown as GitHub shows it, for the docs tests: the pages, their
 * headings' anchors, their links and the pictures they show. Links are checked the way GitHub
 * resolves them: relative to the page's own folder.
 */
import * as fs from 'fs';
import * as path from 'path';

import { REPO_ROOT } from './render-samples';

/** Every user-facing page: the README, the pages in docs/ and the examples' README. */
export const PAGES = [
	'README.md',
	...fs
		.readdirSync(path.join(REPO_ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
	'examples/README.md',
];

export function readPage(page: string): string {
	return fs.readFileSync(path.join(REPO_ROOT, page), 'utf8');
}

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
	return heading
		.replace(/`/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

export function anchors(markdown: string): Set<string> {
	return new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

/** Links of a page that lead nowhere: a missing file, or a heading the target does not have. */
export function brokenLinks(page: string): string[] {
	const text = readPage(page);
	const dir = path.dirname(page);
	const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
	return targets
		.filter((t) => !/^(https?:|mailto:)/.test(t))
		.filter((target) => {
			const [file, anchor] = target.split('#');
			const resolved = file ? path.join(dir, file) : page;
			const full = path.join(REPO_ROOT, resolved);
			if (!fs.existsSync(full)) return true;
			if (anchor === undefined) return false;
			return !resolved.endsWith('.md') || !anchors(readPage(resolved)).has(anchor);
		});
}

/** The pictures a page shows, as repository paths. */
export function pictures(page: string): string[] {
	const dir = path.dirname(page);
	return [...readPage(page).matchAll(/(?:src|srcset)="([^"]+\.png)"/g)].map((m) =>
		path.join(dir, m[1]),
	);
}
