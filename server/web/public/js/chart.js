/**
 * Small inline-SVG charts (no library): horizontal bars with labels and values. Each chart has a
 * text alternative (role="img" + aria-label + <title>), and the numbers are also in a table on the page.
 */
import { svg } from './dom.js';

const WIDTH = 640;
const ROW = 26;
const LABEL_W = 210;
const VALUE_W = 64;

function truncate(text, max) {
  const s = String(text);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/**
 * data: [{ label, value, kind?: 'ok'|'bad'|'warn' }]; opts: { title, max?, unit? ('%' or ''), empty? }
 */
export function barChart(data, { title, max, unit = '', empty = '暂无数据' } = {}) {
  const rows = data.length ? data : [];
  const height = Math.max(1, rows.length) * ROW + 16;
  const top = Math.max(max ?? 0, ...rows.map((d) => d.value), 1);
  const scale = (v) => ((WIDTH - LABEL_W - VALUE_W) * v) / top;
  const summary = rows.map((d) => `${d.label} ${d.value}${unit}`).join('，');
  const el = svg('svg', {
    class: 'chart',
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    'aria-label': `${title}：${summary || empty}`,
  });
  el.append(svg('title', { text: title }));
  if (!rows.length) {
    el.append(
      svg('text', { x: WIDTH / 2, y: height / 2 + 4, 'text-anchor': 'middle', class: 'muted', text: empty }),
    );
    return el;
  }
  rows.forEach((d, i) => {
    const y = 8 + i * ROW;
    const w = Math.max(d.value > 0 ? 2 : 0, scale(d.value));
    el.append(
      svg(
        'text',
        {
          x: LABEL_W - 8,
          y: y + ROW / 2 + 1,
          'text-anchor': 'end',
          'dominant-baseline': 'middle',
          text: truncate(d.label, 16),
        },
        svg('title', { text: d.label }),
      ),
      svg('rect', {
        class: `bar ${d.kind ?? ''}`.trim(),
        x: LABEL_W,
        y: y + 4,
        width: w,
        height: ROW - 8,
        rx: 2,
      }),
      svg('text', {
        x: LABEL_W + w + 6,
        y: y + ROW / 2 + 1,
        'dominant-baseline': 'middle',
        class: 'muted',
        text: `${d.value}${unit}`,
      }),
    );
  });
  el.append(svg('line', { class: 'axis', x1: LABEL_W, x2: LABEL_W, y1: 4, y2: height - 4 }));
  return el;
}
