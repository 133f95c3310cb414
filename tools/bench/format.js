'use strict';
/** Number formats and the Markdown table shared by the RESULTS.md renderers and svg.js. */

const mark = (ok) => (ok === null || ok === undefined ? 'n/a' : ok ? '✓' : '✗');
const int = (n) => Math.round(n).toLocaleString('en-US');
const fixed = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const ratio = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');
const pct = (n) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : 'n/a');

/** Microseconds, readable: 12.3 µs, 4.21 ms, 1.20 s. */
function us(n) {
	if (!Number.isFinite(n)) return 'n/a';
	if (n < 1000) return `${n.toFixed(1)} µs`;
	if (n < 1e6) return `${(n / 1000).toFixed(2)} ms`;
	return `${(n / 1e6).toFixed(2)} s`;
}

function bytes(n) {
	if (!Number.isFinite(n)) return 'n/a';
	const sign = n < 0 ? '-' : '';
	const a = Math.abs(n);
	if (a < 1000) return `${sign}${a.toFixed(0)} B`;
	if (a < 1e6) return `${sign}${(a / 1000).toFixed(1)} kB`;
	if (a < 1e9) return `${sign}${(a / 1e6).toFixed(2)} MB`;
	return `${sign}${(a / 1e9).toFixed(1)} GB`;
}

function duration(ms) {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

function table(header, rows) {
	const line = (cells) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

module.exports = { bytes, duration, fixed, int, mark, pct, ratio, table, us };
