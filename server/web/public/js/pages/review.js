/**
 * 文档审核: the page image beside the extracted fields. Focusing a field highlights where it was
 * read on the page (boxes are fractions of the page); low-confidence and flagged fields are marked;
 * corrections are saved through the API, which re-verifies, and the correction history is listed.
 */
import { findRoute, get, hasRoute, request } from '../api.js';
import { fmtTime, h, mount, notice, pill, show, svg, toast, unavailable } from '../dom.js';
import { DOC_KIND_LABELS, fieldLabel, label } from '../labels.js';
import {
  FIELDS,
  LOW_CONFIDENCE,
  ROWS,
  fromInputValue,
  getPath,
  locate,
  sameValue,
  toInputValue,
} from '../extraction.js';
import { FINISHED, progressText, statusPill } from '../status.js';
import { findingList } from '../findings.js';

const POLL_MS = 1500;

export async function render(view, { params, session, query }) {
  document.title = '文档审核 - 双送检核验';
  const detailPath = findRoute('get', '/api/documents/{id}');
  if (!detailPath) {
    mount(view, h('h1', { text: '文档审核' }), unavailable('文档审核'));
    return undefined;
  }
  const id = params.id;
  const url = (p) => p.replace('{id}', encodeURIComponent(id));
  let timer = null;
  let stopped = false;

  async function load() {
    const doc = await get(url(detailPath));
    if (!FINISHED.has(doc.status)) {
      mount(view, head(doc), notice('info', `文档正在处理：${progressText(doc)}。完成后本页自动显示结果。`));
      timer = setTimeout(() => {
        if (!stopped) void load().catch((e) => mount(view, head(doc), notice('error', e.message)));
      }, POLL_MS);
      return;
    }
    if (doc.status === 'failed') {
      mount(view, head(doc), notice('error', `文档处理失败：${doc.failureReason ?? '原因未知'}`));
      return;
    }
    await renderReview(doc);
  }

  function head(doc) {
    document.title = `${doc.originalName ?? '文档'} - 文档审核 - 双送检核验`;
    return h(
      'div',
      { class: 'page-head' },
      h('h1', {}, doc.originalName ?? '文档审核', ' ', statusPill(doc)),
      h(
        'div',
        { class: 'actions' },
        h('span', { class: 'hint', text: doc.kindLabel ?? label(DOC_KIND_LABELS, doc.kind) }),
        h('a', { class: 'btn', href: '#/documents', text: '返回列表' }),
      ),
    );
  }

  async function renderReview(doc) {
    const extraction = doc.extraction ?? {};
    const effective = doc.effective ?? extraction;
    const kind = doc.kind ?? effective.kind;
    const canCorrect = ['school_staff', 'bureau'].includes(session.user.role) && Boolean(correctionRoute());
    const flagged = new Map((doc.reviewFields ?? effective.review ?? []).map((f) => [f.path, f]));
    const pageCount = doc.pageCount ?? effective.pages ?? extraction.pages ?? 0;
    const imageRoute = hasRoute('get', '/api/documents/{id}/pages/{n}/image') && pageCount > 0;
    const history =
      doc.corrections ??
      (hasRoute('get', '/api/documents/{id}/corrections')
        ? await get(url('/api/documents/{id}/corrections')).catch(() => [])
        : []);

    // Page view with the box overlay.
    let page = 1;
    let activePath = null;
    const img = h('img', { alt: '', decoding: 'async' });
    const overlay = svg('svg', {
      class: 'boxes',
      viewBox: '0 0 1 1',
      preserveAspectRatio: 'none',
      'aria-hidden': 'true',
    });
    const pageLabel = h('span', { class: 'hint' });
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
    const boxesOnPage = (n) => {
      const out = [];
      const add = (path) => {
        const loc = locate(extraction, path);
        if (loc?.box && (loc.page ?? 1) === n) out.push({ path, box: loc.box });
      };
      for (const [path] of FIELDS[kind] ?? []) add(path);
      const rows = ROWS[kind];
      (effective[rows?.key] ?? []).forEach((_r, i) => add(`${rows.key}.${i}`));
      return out;
    };
    function drawBoxes() {
      overlay.replaceChildren(
        ...boxesOnPage(page).map(({ path, box }) =>
          svg('rect', {
            class:
              activePath && (activePath === path || activePath.startsWith(path + '.')) ? 'box active' : 'box',
            x: box.x0,
            y: box.y0,
            width: Math.max(0, box.x1 - box.x0),
            height: Math.max(0, box.y1 - box.y0),
            'data-path': path,
          }),
        ),
      );
    }
    function showPage(n) {
      if (!imageRoute || n < 1 || n > pageCount) return;
      if (n !== page || !img.getAttribute('src')) {
        page = n;
        img.src = `/api/documents/${encodeURIComponent(id)}/pages/${n}/image`;
        img.alt = `第 ${n} 页`;
      }
      pageLabel.textContent = `第 ${page} / ${pageCount} 页`;
      prev.disabled = page <= 1;
      next.disabled = page >= pageCount;
      drawBoxes();
    }
    function setActive(path) {
      activePath = path;
      for (const row of fieldsEl.querySelectorAll('.frow, tr[data-path]')) {
        row.classList.toggle(
          'active',
          row.dataset.path === path || (path && path.startsWith(row.dataset.path + '.')),
        );
      }
      const loc = locate(extraction, path);
      if (loc?.page && loc.page !== page) showPage(loc.page);
      else drawBoxes();
    }

    const pageView = imageRoute
      ? h(
          'section',
          { class: 'page-view', 'aria-label': '原件页面' },
          h('div', { class: 'page-nav' }, prev, pageLabel, next),
          h('div', { class: 'page-frame' }, img, overlay),
          h('p', { class: 'hint', text: '选中右侧字段时，原件上对应的位置以橙色框标出。' }),
        )
      : h('section', { class: 'page-view' }, notice('warn', '原件页面图像暂不可用。'));

    // Fields.
    const inputs = [];
    const makeInput = (path, type, options, value, compact) => {
      let input;
      const labelText = fieldLabel(path);
      if (type === 'enum') {
        input = h(
          'select',
          { name: path, disabled: !canCorrect, 'aria-label': compact ? labelText : null },
          h('option', { value: '', text: '（空）', selected: value === null || value === undefined }),
          Object.entries(options).map(([k, v]) => h('option', { value: k, text: v, selected: value === k })),
        );
      } else {
        input = h('input', {
          name: path,
          type: type === 'date' ? 'text' : 'text',
          inputmode: type === 'number' ? 'decimal' : null,
          placeholder: type === 'date' ? 'YYYY-MM-DD' : type === 'list' ? '多个用；分隔' : '',
          value: toInputValue(value, type),
          readonly: !canCorrect,
          'aria-label': compact ? labelText : null,
        });
      }
      input.addEventListener('focus', () => setActive(path));
      inputs.push({ path, type, input, original: value });
      return input;
    };
    const confidenceOf = (path) => locate(extraction, path)?.confidence;
    const isLow = (path) => {
      const c = confidenceOf(path);
      return flagged.has(path) || (typeof c === 'number' && c < LOW_CONFIDENCE);
    };
    const lowNote = (path) => {
      if (!isLow(path)) return h('span');
      const f = flagged.get(path);
      const c = confidenceOf(path);
      const text = f?.message ?? (typeof c === 'number' ? `置信度 ${Math.round(c * 100)}%` : '需核对');
      return h('span', { class: 'conf', title: text, text: `⚠ ${text}` });
    };

    const scalarRows = (FIELDS[kind] ?? []).map(([path, type, options]) => {
      const input = makeInput(path, type, options, getPath(effective, path), false);
      const row = h(
        'div',
        { class: ['frow', isLow(path) ? 'low' : null], dataset: { path } },
        h('label', { for: `f-${path}`, text: fieldLabel(path) }),
        input,
        lowNote(path),
      );
      input.id = `f-${path}`;
      row.addEventListener('mouseenter', () => setActive(path));
      return row;
    });

    const rowsDef = ROWS[kind];
    const rowList = rowsDef ? (effective[rowsDef.key] ?? []) : [];
    const rowTable = rowsDef
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'edit-table' },
            h('caption', { class: 'sr-only', text: rowsDef.title }),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { text: '#' }),
                rowsDef.columns.map(([c]) => h('th', { text: fieldLabel(c) })),
              ),
            ),
            h(
              'tbody',
              {},
              rowList.length
                ? rowList.map((r, i) => {
                    const rowPath = `${rowsDef.key}.${i}`;
                    const tr = h(
                      'tr',
                      { dataset: { path: rowPath }, class: isLow(rowPath) ? 'low' : null },
                      h('td', { class: 'num', text: String(i + 1) }),
                      rowsDef.columns.map(([c, type, options]) => {
                        const p = `${rowPath}.${c}`;
                        return h(
                          'td',
                          { class: isLow(p) ? 'low' : null },
                          makeInput(p, type, options, r[c], true),
                        );
                      }),
                    );
                    tr.addEventListener('mouseenter', () => setActive(rowPath));
                    return tr;
                  })
                : h(
                    'tr',
                    {},
                    h('td', { colspan: rowsDef.columns.length + 1, class: 'empty', text: '未识别到明细' }),
                  ),
            ),
          ),
        )
      : null;

    const message = h('div', { 'aria-live': 'polite' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', text: '保存更正' });
    const fieldsEl = h(
      'form',
      {
        class: 'field-list',
        onsubmit: async (e) => {
          e.preventDefault();
          const changes = inputs
            .map(({ path, type, input, original }) => ({
              path,
              value: fromInputValue(input.value, type),
              original,
            }))
            .filter((c) => !sameValue(c.value, c.original ?? (c.path === 'standards' ? [] : null)));
          if (!changes.length) {
            mount(message, notice('info', '没有需要保存的更改。'));
            return;
          }
          save.disabled = true;
          try {
            const route = correctionRoute();
            await request(route.method, url(route.path), {
              corrections: changes.map(({ path, value }) => ({ path, value })),
            });
            toast(`已保存 ${changes.length} 处更正，已重新核验`);
            await load();
          } catch (err) {
            mount(message, notice('error', err.message));
            save.disabled = false;
          }
        },
      },
      h('div', { class: 'panel' }, h('h2', { text: '提取的字段' }), scalarRows),
      rowsDef ? h('div', { class: 'panel' }, h('h2', { text: rowsDef.title }), rowTable) : null,
      message,
      canCorrect
        ? h(
            'div',
            { class: 'actions sticky-actions' },
            save,
            h('span', { class: 'hint', text: '保存后系统按更正后的数据重新核验。' }),
          )
        : null,
    );

    const lowCount = inputs.filter(({ path }) => isLow(path)).length;
    mount(
      view,
      head(doc),
      lowCount
        ? notice('warn', `有 ${lowCount} 个字段识别置信度较低或需要核对（已用 ⚠ 标出），请对照原件确认。`)
        : null,
      !canCorrect && ['school_staff', 'bureau'].includes(session.user.role)
        ? notice('warn', '字段更正功能暂不可用。')
        : null,
      h('div', { class: 'review' }, pageView, h('div', {}, fieldsEl)),
      verificationSection(doc),
      historySection(history),
    );
    showPage(Math.min(Math.max(Number(query?.page) || 1, 1), pageCount || 1));
  }

  await load();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** The correction route this service offers: { method, path }. */
function correctionRoute() {
  for (const [method, path] of [
    ['post', '/api/documents/{id}/corrections'],
    ['patch', '/api/documents/{id}/fields'],
    ['patch', '/api/documents/{id}'],
  ]) {
    if (hasRoute(method, path)) return { method: method.toUpperCase(), path };
  }
  return null;
}

/** Verification results the document takes part in (contract lines with their findings). */
function verificationSection(doc) {
  const lines = doc.lines ?? doc.verification?.lines ?? null;
  const findings = doc.findings ?? null;
  if (!lines && !findings) return null;
  return h(
    'section',
    { class: 'panel', 'aria-label': '核验结果' },
    h('h2', { text: '核验结果' }),
    lines
      ? lines.length
        ? h(
            'ul',
            { class: 'line-results' },
            lines.map((l) =>
              h(
                'li',
                {},
                h('a', {
                  href: `#/contracts/${l.contractId ?? l.contract?.id ?? ''}`,
                  text: `${l.contractNumber ?? l.contract?.contractNumber ?? '合同'} 第 ${l.lineNo} 行：${l.product}`,
                }),
                ' ',
                pill(
                  l.statusLabel ?? (l.compliant ? '合规' : '存在问题'),
                  l.status === 'compliant' || l.compliant
                    ? 'ok'
                    : l.status === 'awaiting_reports'
                      ? 'neutral'
                      : 'bad',
                ),
                findingList(l.findings ?? []),
              ),
            ),
          )
        : h('p', { class: 'hint', text: '该文档尚未关联到合同明细。' })
      : findingList(findings),
  );
}

function historySection(history) {
  return h(
    'section',
    { class: 'panel history', 'aria-label': '更正记录' },
    h('h2', { text: '更正记录' }),
    history.length
      ? h(
          'ol',
          {},
          history.map((c) =>
            h(
              'li',
              {},
              `${fmtTime(c.createdAt)} ${c.userName ?? c.user?.displayName ?? ''} 更正了「${fieldLabel(c.path)}」：`,
              h('span', { class: 'diff-before', text: show(c.before) }),
              ' → ',
              h('span', { class: 'diff-after', text: show(c.after) }),
            ),
          ),
        )
      : h('p', { class: 'hint', text: '暂无更正。' }),
  );
}
