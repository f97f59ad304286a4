/**
 * 文档审核: the page image beside the extracted fields. Focusing a field highlights where it was
 * read on the page (boxes are fractions 0..1 of the page); low-confidence and flagged fields are
 * marked; corrections go to PATCH /api/documents/:id/fields (the service re-verifies), and the
 * correction history and the verification of the contract lines the document serves are shown.
 */
import { get, hasRoute, patch, post } from '../api.js';
import { h, mount, notice, pill, toast, unavailable } from '../dom.js';
import { may } from '../may.js';
import { pageViewer, rowOf } from '../page-viewer.js';
import { COLUMN_LABELS, DOC_KIND_LABELS, fieldLabel, label } from '../labels.js';
import {
  FIELDS,
  LOW_CONFIDENCE,
  ROWS,
  fieldType,
  fromInputValue,
  sameValue,
  toInputValue,
} from '../extraction.js';
import { FINISHED, progressText, statusPill } from '../status.js';
import { contractLineIds, historySection, linkedLines, verificationSection } from '../review-sections.js';

const POLL_MS = 1500;

export async function render(view, { params, query }) {
  document.title = '文档审核 - 双送检核验';
  if (!hasRoute('get', '/api/documents/{id}')) {
    mount(view, h('h1', { text: '文档审核' }), unavailable('文档审核'));
    return undefined;
  }
  const id = encodeURIComponent(params.id);
  let timer = null;
  let stopped = false;
  let firstPage = Math.max(Number(query?.page) || 1, 1);

  async function load() {
    const doc = await get(`/api/documents/${id}`);
    if (stopped) return;
    if (!FINISHED.has(doc.status)) {
      mount(view, head(doc), notice('info', `文档正在处理：${progressText(doc)}。完成后本页自动显示结果。`));
      timer = setTimeout(
        () => void load().catch((e) => mount(view, head(doc), notice('error', e.message))),
        POLL_MS,
      );
      return;
    }
    if (doc.status === 'failed') {
      mount(view, head(doc), notice('error', `文档处理失败：${progressText(doc)}`));
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
        h('span', { class: 'hint', text: label(DOC_KIND_LABELS, doc.kind) }),
        hasRoute('get', '/api/documents/{id}/file')
          ? h('a', { class: 'btn', href: `/api/documents/${id}/file`, text: '下载原件' })
          : null,
        h('a', { class: 'btn', href: '#/documents', text: '返回列表' }),
      ),
    );
  }

  async function renderReview(doc) {
    const kind = doc.kind;
    const fields = doc.fields ?? [];
    const byPath = new Map(fields.map((f) => [f.path, f]));
    const canCorrect = may('document.correct') && hasRoute('patch', '/api/documents/{id}/fields');
    const pageCount = doc.progress?.pageCount ?? doc.effective?.pages ?? 0;
    const history = hasRoute('get', '/api/documents/{id}/corrections')
      ? await get(`/api/documents/${id}/corrections`)
      : [];
    const lines = await linkedLines(
      kind === 'contract' ? await contractLineIds(doc.id) : (doc.links ?? []).map((l) => l.lineId),
    );

    const viewer = pageViewer({
      documentId: doc.id,
      name: doc.originalName,
      pageCount,
      fields,
      available: hasRoute('get', '/api/documents/{id}/pages/{n}/image') && pageCount > 0,
    });
    function setActive(path) {
      for (const el of form.querySelectorAll('[data-path]')) {
        el.classList.toggle(
          'active',
          el.dataset.path === path || (rowOf(path) !== null && el.dataset.path === rowOf(path)),
        );
      }
      viewer.highlight(path);
    }

    // Inputs.
    const inputs = [];
    const isLow = (f) =>
      Boolean(f?.review) || (typeof f?.confidence === 'number' && f.confidence < LOW_CONFIDENCE);
    const makeInput = (path, compact) => {
      const f = byPath.get(path);
      const { type, options } = fieldType(kind, path);
      const value = f?.value ?? null;
      const labelText = fieldLabel(path, f?.label);
      let input;
      if (type === 'enum') {
        input = h(
          'select',
          { name: path, disabled: !canCorrect, 'aria-label': compact ? labelText : null },
          h('option', { value: '', text: '（空）', selected: value === null }),
          Object.entries(options).map(([k, v]) => h('option', { value: k, text: v, selected: value === k })),
        );
      } else {
        input = h('input', {
          name: path,
          type: 'text',
          inputmode: type === 'number' ? 'decimal' : null,
          placeholder:
            type === 'date'
              ? '如 2024-09-06、2024/9/6 或 2024年9月6日'
              : type === 'list'
                ? '多个用；分隔'
                : '',
          value: toInputValue(value, type),
          readonly: !canCorrect,
          'aria-label': compact ? labelText : null,
          'aria-invalid': isLow(f) ? 'true' : null,
        });
      }
      input.addEventListener('focus', () => setActive(path));
      inputs.push({ path, type, input, original: value });
      return input;
    };
    const marks = (f) => {
      const out = [];
      if (isLow(f)) {
        const text = f.review?.message ?? `置信度 ${Math.round(f.confidence * 100)}%`;
        out.push(h('span', { class: 'conf', title: text, text: `⚠ ${text}` }));
      }
      if (f?.corrected) out.push(pill('已更正', 'info'));
      return h('span', { class: 'marks' }, out);
    };

    const scalarRows = (FIELDS[kind] ?? [])
      .filter(([path]) => byPath.has(path))
      .map(([path]) => {
        const f = byPath.get(path);
        const input = makeInput(path, false);
        input.id = `f-${path.replace(/\W/g, '-')}`;
        const row = h(
          'div',
          { class: ['frow', isLow(f) ? 'low' : null], dataset: { path } },
          h('label', { for: input.id, text: fieldLabel(path, f.label) }),
          input,
          marks(f),
        );
        row.addEventListener('mouseenter', () => setActive(path));
        return row;
      });

    const rowsDef = ROWS[kind];
    const rowCount = rowsDef ? (doc.effective?.[rowsDef.key] ?? []).length : 0;
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
                h('th', { scope: 'col', text: '#' }),
                rowsDef.columns.map(([c]) => h('th', { scope: 'col', text: COLUMN_LABELS[c] ?? c })),
                canCorrect ? h('th', { scope: 'col', text: '操作' }) : null,
              ),
            ),
            h(
              'tbody',
              {},
              rowCount
                ? Array.from({ length: rowCount }, (_x, i) => {
                    const rowPath = `${rowsDef.key}.${i}`;
                    const cells = rowsDef.columns.map(([c]) => `${rowPath}.${c}`);
                    const low = cells.some((p) => isLow(byPath.get(p)));
                    const tr = h(
                      'tr',
                      { dataset: { path: rowPath }, class: low ? 'low' : null },
                      h(
                        'td',
                        { class: 'num', text: String(i + 1) },
                        low ? h('span', { class: 'conf', title: '需核对', text: ' ⚠' }) : null,
                      ),
                      cells.map((p) =>
                        h(
                          'td',
                          {
                            class: [
                              isLow(byPath.get(p)) ? 'low' : null,
                              byPath.get(p)?.corrected ? 'corrected' : null,
                            ],
                          },
                          makeInput(p, true),
                        ),
                      ),
                      canCorrect ? h('td', {}, deleteRowButton(i)) : null,
                    );
                    tr.addEventListener('mouseenter', () => setActive(`${rowPath}.${rowsDef.columns[0][0]}`));
                    return tr;
                  })
                : h(
                    'tr',
                    {},
                    h('td', {
                      colspan: rowsDef.columns.length + (canCorrect ? 2 : 1),
                      class: 'empty',
                      text: '未识别到明细',
                    }),
                  ),
            ),
          ),
        )
      : null;

    const message = h('div', { 'aria-live': 'polite' });
    const save = h('button', { type: 'submit', class: 'btn btn-primary', text: '保存更正' });
    /** The edited inputs as field changes (unchanged ones left out). */
    const pendingChanges = () =>
      inputs
        .map(({ path, type, input, original }) => ({
          path,
          value: fromInputValue(input.value, type),
          original,
        }))
        .filter((c) => !sameValue(c.value, c.original ?? (c.path === 'standards' ? [] : null)))
        .map(({ path, value }) => ({ path, value }));

    /** Saves the pending edits together with `extra` changes (a row added or deleted), then reloads. */
    async function saveWith(extra, done) {
      try {
        await patch(`/api/documents/${id}/fields`, [...pendingChanges(), ...extra]);
        toast(done);
        firstPage = viewer.currentPage();
        await load();
      } catch (err) {
        mount(message, notice('error', err.message));
      }
    }

    /** Deleting a row asks once more on the button itself (no browser dialog). */
    function deleteRowButton(i) {
      const what = `${rowsDef.title}第 ${i + 1} 行`;
      const btn = h('button', {
        type: 'button',
        class: 'btn btn-small',
        text: '删除本行',
        'aria-label': `删除${what}`,
        onclick: async () => {
          if (btn.dataset.armed !== 'yes') {
            btn.dataset.armed = 'yes';
            btn.textContent = '确认删除？';
            btn.classList.add('btn-danger');
            return;
          }
          btn.disabled = true;
          await saveWith([{ path: `${rowsDef.key}.${i}`, value: null }], `已删除${what}，已重新核验`);
        },
      });
      return btn;
    }

    /** 添加一行: a small form for a row the reading missed (e.g. an item lost on a photo). */
    function addRowForm() {
      if (!rowsDef || !canCorrect) return null;
      const cells = rowsDef.columns.map(([c, type, options]) => {
        const labelText = COLUMN_LABELS[c] ?? c;
        const input =
          type === 'enum'
            ? h(
                'select',
                { name: `new-${c}`, id: `new-${c}` },
                h('option', { value: '', text: '（空）' }),
                Object.entries(options).map(([k, v]) => h('option', { value: k, text: v })),
              )
            : h('input', {
                name: `new-${c}`,
                id: `new-${c}`,
                type: 'text',
                inputmode: type === 'number' ? 'decimal' : null,
              });
        return {
          c,
          type,
          input,
          el: h('div', { class: 'field' }, h('label', { for: input.id, text: labelText }), input),
        };
      });
      const box = h('div', { class: 'add-row', hidden: true });
      const open = h('button', {
        type: 'button',
        class: 'btn',
        text: `添加一行${rowsDef.key === 'items' ? '检验项目' : '合同明细'}`,
        onclick: () => {
          box.hidden = false;
          open.hidden = true;
          cells[0].input.focus();
        },
      });
      const add = h('button', {
        type: 'button',
        class: 'btn btn-primary',
        text: '添加',
        onclick: async () => {
          const row = Object.fromEntries(
            cells.map(({ c, type, input }) => [c, fromInputValue(input.value, type)]),
          );
          add.disabled = true;
          await saveWith(
            [{ path: `${rowsDef.key}.${rowCount}`, value: row }],
            `已添加${rowsDef.title}第 ${rowCount + 1} 行，已重新核验`,
          );
          add.disabled = false;
        },
      });
      box.append(
        h(
          'div',
          { class: 'add-row-fields' },
          cells.map((x) => x.el),
        ),
        h(
          'div',
          { class: 'actions' },
          add,
          h('button', {
            type: 'button',
            class: 'btn',
            text: '取消',
            onclick: () => {
              box.hidden = true;
              open.hidden = false;
            },
          }),
        ),
      );
      return h('div', { class: 'add-row-wrap' }, open, box);
    }

    const complete = h('button', {
      type: 'button',
      class: 'btn',
      text: '核对完成',
      onclick: async () => {
        complete.disabled = true;
        try {
          const changes = pendingChanges();
          if (changes.length) await patch(`/api/documents/${id}/fields`, changes);
          await post(`/api/documents/${id}/review-complete`);
          toast('已核对完成，已记录核对人和时间');
          firstPage = viewer.currentPage();
          await load();
        } catch (err) {
          mount(message, notice('error', err.message));
          complete.disabled = false;
        }
      },
    });
    const form = h(
      'form',
      {
        class: 'field-list',
        novalidate: true,
        onsubmit: async (e) => {
          e.preventDefault();
          const changes = pendingChanges();
          if (!changes.length) {
            mount(message, notice('info', '没有需要保存的更改。'));
            return;
          }
          save.disabled = true;
          try {
            await patch(`/api/documents/${id}/fields`, changes);
            toast(`已保存 ${changes.length} 处更正，已重新核验`);
            firstPage = viewer.currentPage();
            await load();
          } catch (err) {
            mount(message, notice('error', err.message));
            save.disabled = false;
          }
        },
      },
      h('div', { class: 'panel' }, h('h2', { text: '识别的字段' }), scalarRows),
      rowsDef
        ? h(
            'div',
            { class: 'panel' },
            h('h2', { text: rowsDef.title }),
            // flags on the table as a whole (a required item missing from what was read)
            (doc.reviewFields ?? [])
              .filter((r) => r.path === rowsDef.key)
              .map((r) => notice('warn', r.message)),
            rowTable,
            addRowForm(),
          )
        : null,
      message,
      canCorrect
        ? h(
            'div',
            { class: 'actions form-actions' },
            save,
            hasRoute('post', '/api/documents/{id}/review-complete') ? complete : null,
            h('span', {
              class: 'hint',
              text: '保存后系统按更正后的数据重新核验。对照原件核对完全部字段后，点击“核对完成”清除待核对标记。',
            }),
          )
        : null,
    );

    const lowCount = fields.filter(isLow).length;
    mount(
      view,
      head(doc),
      lowCount
        ? notice('warn', `有 ${lowCount} 个字段识别置信度较低或需要核对（已用 ⚠ 标出），请对照原件确认。`)
        : null,
      h('div', { class: 'review' }, viewer.el, h('div', {}, form)),
      verificationSection(kind, lines),
      historySection(history, doc.reviewed),
    );
    viewer.showPage(Math.min(firstPage, pageCount || 1));
    // Opened from a finding's evidence: highlight the item it names.
    const item =
      query?.item && fields.find((f) => /^items\.\d+\.name$/.test(f.path) && f.value === query.item);
    if (item) {
      setActive(item.path);
      form.querySelector(`[data-path="${rowOf(item.path)}"]`)?.scrollIntoView({ block: 'center' });
    }
  }

  await load();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
