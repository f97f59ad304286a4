/**
 * The page image of a document with the extracted fields' boxes drawn over it (boxes are fractions
 * 0..1 of the page, so they scale with the image). One box is "active": the field being reviewed.
 */
import { h, notice, svg } from './dom.js';
import { fieldLabel } from './labels.js';

/** 'items.3.result' → 'items.3' (a table row), else null. */
export const rowOf = (path) => /^((?:items|lines)\.\d+)\./.exec(path ?? '')?.[1] ?? null;

/**
 * fields: [{ path, label, page, box }]. Returns { el, showPage(n), highlight(path), currentPage() }.
 * Without page images (no route, no pages) it shows a notice and does nothing else.
 */
export function pageViewer({ documentId, name, pageCount, fields, available }) {
  if (!available) {
    return {
      el: h('section', { class: 'page-view' }, notice('warn', '原件页面图像暂不可用。')),
      showPage: () => undefined,
      highlight: () => undefined,
      currentPage: () => 1,
    };
  }
  const byPath = new Map(fields.map((f) => [f.path, f]));
  let page = 0;
  let activePath = null;
  let zoomed = false;
  const src = (n) =>
    `/api/documents/${encodeURIComponent(documentId)}/pages/${n}/image${zoomed ? '?size=full' : ''}`;
  const img = h('img', { alt: '', decoding: 'async' });
  const overlay = svg('svg', {
    class: 'boxes',
    viewBox: '0 0 1 1',
    preserveAspectRatio: 'none',
    'aria-hidden': 'true',
  });
  // The frame keeps an A4 shape while a page renders; boxes are drawn over the loaded image.
  const frame = h('div', { class: 'page-frame loading' }, img);
  const scroller = h('div', { class: 'page-scroll' }, frame);
  const zoom = h('button', {
    type: 'button',
    class: 'btn btn-small',
    text: '放大查看',
    'aria-pressed': 'false',
    onclick: () => {
      zoomed = !zoomed;
      zoom.textContent = zoomed ? '适应宽度' : '放大查看';
      zoom.setAttribute('aria-pressed', String(zoomed));
      scroller.classList.toggle('zoomed', zoomed);
      if (page) {
        frame.classList.add('loading');
        overlay.remove();
        img.src = src(page);
      }
    },
  });
  img.addEventListener('load', () => {
    frame.classList.remove('loading', 'failed');
    frame.append(overlay);
  });
  img.addEventListener('error', () => frame.classList.replace('loading', 'failed'));
  const pageLabel = h('span', { class: 'hint', 'aria-live': 'polite' });
  const where = h('p', { class: 'hint where', 'aria-live': 'polite' });
  const prev = h('button', {
    type: 'button',
    class: 'btn btn-small',
    text: '上一页',
    onclick: () => showPage(page - 1),
  });
  const next = h('button', {
    type: 'button',
    class: 'btn btn-small',
    text: '下一页',
    onclick: () => showPage(page + 1),
  });

  function drawBoxes() {
    const activeRow = rowOf(activePath);
    const seen = new Set();
    const rects = [];
    for (const f of fields) {
      if (!f.box || (f.page ?? 1) !== page) continue;
      const key = JSON.stringify(f.box);
      const active = f.path === activePath || (activeRow !== null && rowOf(f.path) === activeRow);
      if (seen.has(key) && !active) continue;
      seen.add(key);
      // The outline is drawn just outside the box, so it never covers the value it points at.
      const padX = active ? 0.006 : 0;
      const padY = active ? 0.004 : 0;
      rects.push(
        svg('rect', {
          class: active ? 'box active' : 'box',
          x: f.box.x0 - padX,
          y: f.box.y0 - padY,
          width: Math.max(0, f.box.x1 - f.box.x0 + 2 * padX),
          height: Math.max(0, f.box.y1 - f.box.y0 + 2 * padY),
        }),
      );
    }
    // The active boxes last, so that they are drawn on top.
    rects.sort((a, b) => Number(a.classList.contains('active')) - Number(b.classList.contains('active')));
    overlay.replaceChildren(...rects);
  }

  function showPage(n) {
    if (n < 1 || n > pageCount) return;
    if (n !== page) {
      page = n;
      frame.classList.add('loading');
      overlay.remove();
      img.src = src(n);
      img.alt = `${name} 第 ${n} 页`;
    }
    pageLabel.textContent = `第 ${page} / ${pageCount} 页`;
    prev.disabled = page <= 1;
    next.disabled = page >= pageCount;
    drawBoxes();
  }

  function highlight(path) {
    activePath = path;
    const f = byPath.get(path);
    if (f?.page && f.page !== page) showPage(f.page);
    else drawBoxes();
    const name = f ? fieldLabel(f.path, f.label) : '';
    where.textContent = !f
      ? ''
      : f.box
        ? `「${name}」在第 ${f.page ?? 1} 页的橙色框处。`
        : f.page
          ? `「${name}」读自第 ${f.page} 页（该字段未记录页面位置）。`
          : `「${name}」未记录页面位置。`;
  }

  const el = h(
    'section',
    { class: 'page-view', 'aria-label': '原件页面' },
    h('div', { class: 'page-nav' }, prev, pageLabel, next, zoom),
    scroller,
    h('p', { class: 'hint', text: '选中右侧字段时，原件上对应的位置以橙色框标出。' }),
    where,
  );
  return { el, showPage, highlight, currentPage: () => page || 1 };
}
