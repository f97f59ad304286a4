/**
 * Small inline-SVG charts (no library): horizontal bars with labels and values. The chart is laid
 * out for the screen it is drawn on (1366×768 office screen or a phone), so text stays 12 px.
 * Each chart has a text alternative (role="img" + aria-label + <title>); the numbers are also in a
 * table on the page.
 */
import { svg } from './dom.js';

const ROW = 26;
const FONT = 12;

function truncate(text, max) {
  const s = String(text);
  return s.length > max ? s.slice(0, Math.max(1, max - 1)) + '…' : s;
}

/**
 * data: [{ label, value, kind?: 'ok'|'bad'|'warn' }]; opts: { title, max?, unit? ('%' or ''), empty? }
 */
export function barChart(data, { title, max, unit = '', empty = '暂无数据' } = {}) {
  const width = Math.max(280, Math.min(560, (window.innerWidth || 560) - 64));
  const labelW = Math.round(width * 0.34);
  const valueW = 56;
  const rows = data.length ? data : [];
  const height = Math.max(1, rows.length) * ROW + 16;
  const top = Math.max(max ?? 0, ...rows.map((d) => d.value), 1);
  const scale = (v) => ((width - labelW - valueW) * v) / top;
  const summary = rows.map((d) => `${d.label} ${d.value}${unit}`).join('，');
  const el = svg('svg', {
    class: 'chart',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': `${title}：${summary || empty}`,
  });
  el.append(svg('title', { text: title }));
  if (!rows.length) {
    el.append(
      svg('text', { x: width / 2, y: height / 2 + 4, 'text-anchor': 'middle', class: 'muted', text: empty }),
    );
    return el;
  }
  const maxChars = Math.floor((labelW - 10) / FONT);
  rows.forEach((d, i) => {
    const y = 8 + i * ROW;
    const w = Math.max(d.value > 0 ? 2 : 0, scale(d.value));
    el.append(
      svg(
        'text',
        {
          x: labelW - 8,
          y: y + ROW / 2 + 1,
          'text-anchor': 'end',
          'dominant-baseline': 'middle',
          text: truncate(d.label, maxChars),
        },
        svg('title', { text: d.label }),
      ),
      svg('rect', {
        class: `bar ${d.kind ?? ''}`.trim(),
        x: labelW,
        y: y + 4,
        width: w,
        height: ROW - 8,
        rx: 2,
      }),
      svg('text', {
        x: labelW + w + 6,
        y: y + ROW / 2 + 1,
        'dominant-baseline': 'middle',
        class: 'muted',
        text: `${d.value}${unit}`,
      }),
    );
  });
  el.append(svg('line', { class: 'axis', x1: labelW, x2: labelW, y1: 4, y2: height - 4 }));
  return el;
}
