'use strict';
/** results.svg, the chart of RESULTS.md, from the figures run.js collected (report.js writes the text). */
const { bytes, fixed, pct, ratio, us } = require('./format');
const { TARGETS, mainCase } = require('./report');

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function renderSvg(results) {
	const W = 960;
	const H = 440;
	const parts = [];
	const text = (x, y, s, attrs = '') =>
		parts.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(s)}</text>`);
	const rect = (x, y, w, h, fill) =>
		parts.push(
			`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" fill="${fill}" rx="2"/>`,
		);
	const line = (x1, y1, x2, y2, attrs) =>
		parts.push(
			`<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" ${attrs}/>`,
		);
	const GREY = '#9aa5b1';
	const BLUE = '#2f6fde';
	const GREEN = '#2f9e5b';
	const RED = '#d64545';

	parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
	text(20, 28, 'n8n-nodes-intellixent benchmark', 'font-size="18" font-weight="bold"');
	text(
		20,
		48,
		`${results.meta.date} · ${results.meta.cores} cores · Node ${results.meta.node}${results.e2e && results.e2e.n8nVersion ? ` · n8n ${results.e2e.n8nVersion}` : ''}${results.meta.quick ? ' · QUICK RUN' : ''}`,
		'font-size="12" fill="#555"',
	);

	// Left panel: in-process time per delivery relative to JSON.parse.
	const L = { x: 60, y: 90, w: 470, h: 270 };
	text(
		L.x - 40,
		L.y - 18,
		'In-process time per delivery (p50), JSON.parse = 1',
		'font-size="14" font-weight="bold"',
	);
	const sizes = [8, 1000, 10000];
	const cases = sizes.map((n) => mainCase(results, n));
	const maxRatio = Math.max(3, ...cases.filter(Boolean).map((c) => c.ratioP50));
	const yMax = Math.ceil(maxRatio);
	const yOf = (v) => L.y + L.h - (v / yMax) * L.h;
	for (let v = 0; v <= yMax; v++) {
		line(L.x, yOf(v), L.x + L.w, yOf(v), 'stroke="#e6e9ee" stroke-width="1"');
		text(L.x - 8, yOf(v) + 4, `${v}×`, 'font-size="11" text-anchor="end" fill="#555"');
	}
	line(
		L.x,
		yOf(TARGETS.inProcessRatio),
		L.x + L.w,
		yOf(TARGETS.inProcessRatio),
		`stroke="${RED}" stroke-width="1.5" stroke-dasharray="6 4"`,
	);
	text(
		L.x + L.w,
		yOf(TARGETS.inProcessRatio) - 5,
		`target for large payloads: ${TARGETS.inProcessRatio}×`,
		`font-size="11" text-anchor="end" fill="${RED}"`,
	);
	const groupW = L.w / sizes.length;
	sizes.forEach((n, i) => {
		const c = cases[i];
		const gx = L.x + i * groupW + groupW / 2;
		const bw = 52;
		text(
			gx,
			L.y + L.h + 18,
			`${n.toLocaleString('en-US')} messages`,
			'font-size="12" text-anchor="middle"',
		);
		if (!c) {
			text(gx, L.y + L.h - 10, 'not measured', 'font-size="11" text-anchor="middle" fill="#888"');
			return;
		}
		text(gx, L.y + L.h + 33, bytes(c.bodyBytes), 'font-size="11" text-anchor="middle" fill="#666"');
		rect(gx - bw - 4, yOf(1), bw, L.h - (yOf(1) - L.y), GREY);
		text(gx - bw / 2 - 4, yOf(1) - 5, us(c.parse.p50), 'font-size="11" text-anchor="middle"');
		rect(gx + 4, yOf(c.ratioP50), bw, L.h - (yOf(c.ratioP50) - L.y), BLUE);
		text(
			gx + bw / 2 + 4,
			yOf(c.ratioP50) - 18,
			us(c.trigger.p50),
			'font-size="11" text-anchor="middle"',
		);
		text(
			gx + bw / 2 + 4,
			yOf(c.ratioP50) - 5,
			ratio(c.ratioP50),
			'font-size="11" font-weight="bold" text-anchor="middle"',
		);
	});
	rect(L.x, H - 40, 12, 12, GREY);
	text(L.x + 18, H - 30, 'JSON.parse only (n8n does this anyway)', 'font-size="12"');
	rect(L.x + 260, H - 40, 12, 12, BLUE);
	text(L.x + 278, H - 30, 'trigger path incl. parse', 'font-size="12"');

	// Right panel: real n8n sustained deliveries/s.
	const R = { x: 640, y: 90, w: 280, h: 270 };
	text(R.x - 40, R.y - 18, 'Real n8n: sustained deliveries/s', 'font-size="14" font-weight="bold"');
	const e = results.e2e;
	if (!e || e.error) {
		text(
			R.x + R.w / 2,
			R.y + R.h / 2,
			e && e.error ? 'end-to-end part failed' : 'skipped (--skip-n8n)',
			'font-size="13" text-anchor="middle" fill="#888"',
		);
	} else {
		const vals = [
			['built-in Webhook', e.builtin.sustainedPerSecond, GREY],
			...(e.diy ? [['Webhook + Code', e.diy.sustainedPerSecond, GREY]] : []),
			['Intellixent Trigger', e.trigger.sustainedPerSecond, GREEN],
		];
		// The target line: the do-it-yourself workflow when measured, else the bare Webhook node.
		const [base, share, baseLabel] = e.diy
			? [e.diy, TARGETS.diyShare, 'Webhook + Code']
			: [e.builtin, TARGETS.e2eShare, 'built-in'];
		const vmax = Math.max(...vals.map((v) => v[1])) * 1.15 || 1;
		const yR = (v) => R.y + R.h - (v / vmax) * R.h;
		line(R.x, R.y + R.h, R.x + R.w, R.y + R.h, 'stroke="#999" stroke-width="1"');
		const target = base.sustainedPerSecond * share;
		line(
			R.x,
			yR(target),
			R.x + R.w,
			yR(target),
			`stroke="${RED}" stroke-width="1.5" stroke-dasharray="6 4"`,
		);
		text(
			R.x + R.w,
			yR(target) + 14,
			`target: ${pct(share)} of ${baseLabel}`,
			`font-size="11" text-anchor="end" fill="${RED}"`,
		);
		vals.forEach(([label, v, color], i) => {
			const bx = R.x + 10 + i * 92;
			rect(bx, yR(v), 72, R.y + R.h - yR(v), color);
			text(
				bx + 36,
				yR(v) - 6,
				`${fixed(v)}/s`,
				'font-size="12" font-weight="bold" text-anchor="middle"',
			);
			text(bx + 36, R.y + R.h + 18, label, 'font-size="11" text-anchor="middle"');
		});
		text(
			R.x + R.w / 2,
			R.y + R.h + 36,
			`trigger / built-in: ${pct(e.ratio.sustained)}${e.ratioDiy ? ` · trigger / Webhook + Code: ${pct(e.ratioDiy.sustained)}` : ''}`,
			'font-size="11" text-anchor="middle" fill="#444"',
		);
	}
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">\n${parts.join('\n')}\n</svg>\n`;
}

module.exports = { renderSvg };
