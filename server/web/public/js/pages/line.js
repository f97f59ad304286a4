/**
 * 明细行核验证据: one contract line — its findings with their evidence (document, page, item), and
 * the reports handed in with the side (supplier / school) each counts for and how each was linked
 * (学校提交 / 自动匹配, undoable), the service's suggestions to confirm, and the school's checklist of
 * reports. The page refreshes by itself while the school's documents are being read.
 */
import { del, get, hasRoute, patch, post, put, uploadWithProgress, withQuery } from '../api.js';
import { dataTable } from '../table.js';
import { h, mount, notice, pill, show, toast, unavailable } from '../dom.js';
import { CATEGORY_LABELS, LINE_STATUS, SIDE_LABELS, VERDICT_LABELS, label } from '../labels.js';
import { findingList } from '../findings.js';
import { may } from '../may.js';

const LINK_SOURCE = { school: '学校提交', auto: '自动匹配', proposed: '系统推测' };
/** Poll while documents of the school are still being read, slowly otherwise. */
const POLL_BUSY_MS = 2500;
const POLL_IDLE_MS = 15000;

export async function render(view, { params }) {
  document.title = '明细行核验证据 - 双送检核验';
  if (!hasRoute('get', '/api/compliance/lines/{id}')) {
    mount(view, h('h1', { text: '明细行核验证据' }), unavailable('核验证据'));
    return undefined;
  }
  const lineId = encodeURIComponent(params.id);
  // Handing in reports for a line (link, decide, confirm the client, accepted date) is the school's.
  const staff = may('document.link');
  const canLink = staff && hasRoute('put', '/api/contract-lines/{id}/reports');
  const canDecide = staff && hasRoute('delete', '/api/contract-lines/{id}/reports/{documentId}');
  const canList = staff && hasRoute('get', '/api/contract-lines/{id}/report-candidates');
  const canConfirmClient =
    staff && hasRoute('put', '/api/contract-lines/{id}/reports/{documentId}/client-confirmation');

  const canSetAccepted = staff && hasRoute('patch', '/api/contract-lines/{id}');

  /** 验收/到货日期: a date field and a save button for school staff, the date for everyone else. */
  function acceptedDateField(l) {
    if (!canSetAccepted) return l.acceptedDate ?? '未填写（按合同交货日期计算）';
    const input = h('input', { type: 'date', value: l.acceptedDate ?? '', 'aria-label': '验收/到货日期' });
    return h(
      'span',
      {},
      input,
      ' ',
      h('button', {
        type: 'button',
        class: 'btn btn-small',
        text: '保存',
        onclick: async () => {
          try {
            await patch(`/api/contract-lines/${lineId}`, { acceptedDate: input.value || null });
            toast('已保存验收日期，已重新核验');
            await reload();
          } catch (err) {
            toast(err.message);
          }
        },
      }),
      h('div', { class: 'hint', text: '学校方送检时间从验收日期起算；未填写时按合同交货日期。' }),
    );
  }

  async function confirmClient(e) {
    try {
      await put(
        `/api/contract-lines/${lineId}/reports/${encodeURIComponent(e.documentId)}/client-confirmation`,
      );
      toast(`已确认“${e.confirmClient.client}”为${e.confirmClient.role}，已重新核验`);
      await reload();
    } catch (err) {
      toast(err.message);
    }
  }
  let showAll = false;
  let timer = null;
  let stopped = false;
  let signature = '';
  let dirty = false;

  async function fetchAll() {
    const [l, candidates] = await Promise.all([
      get(`/api/compliance/lines/${lineId}`),
      canList
        ? get(withQuery(`/api/contract-lines/${lineId}/report-candidates`, { all: showAll ? 'true' : '' }))
        : null,
    ]);
    return { l, candidates };
  }

  /** What the page shows depends on: a change means a document finished or a match changed. */
  const signatureOf = ({ l, candidates }) =>
    JSON.stringify([
      l.status,
      l.findings?.map((f) => f.id),
      l.reports?.map((r) => [r.documentId, r.linkedBy]),
      l.suggestions?.map((x) => x.documentId),
      candidates?.items.map((i) => [i.documentId, i.status, i.linkedHere, Boolean(i.suggestion)]),
      candidates?.pending,
    ]);

  async function reload() {
    const data = await fetchAll();
    if (stopped) return;
    signature = signatureOf(data);
    dirty = false;
    draw(data);
    schedule(data);
  }

  function schedule(data) {
    if (stopped || !canList) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => void poll().catch(() => schedule(data)),
      data.candidates?.pending ? POLL_BUSY_MS : POLL_IDLE_MS,
    );
  }

  async function poll() {
    const data = await fetchAll();
    if (stopped) return;
    const next = signatureOf(data);
    // Redraw when something changed, unless the person is ticking boxes (their edit is kept).
    if (next !== signature && !dirty) {
      signature = next;
      draw(data);
      toast('识别或匹配结果已更新');
    }
    schedule(data);
  }

  async function decide(method, documentId, message) {
    try {
      await (method === 'post' ? post : del)(
        `/api/contract-lines/${lineId}/reports/${encodeURIComponent(documentId)}`,
      );
      toast(message);
      await reload();
    } catch (err) {
      toast(err.message);
    }
  }

  function draw({ l, candidates }) {
    const back = may('contract.manage')
      ? h('a', { class: 'btn', href: '#/contracts', text: '返回合同列表' })
      : h('a', {
          class: 'btn',
          href: `#/schools/${l.school?.id ?? ''}`,
          text: `返回 ${l.school?.name ?? '学校'}`,
        });
    const reports = dataTable({
      caption: '提交的检验报告',
      columns: [
        {
          key: 'fileName',
          label: '文件',
          render: (r) =>
            h('a', { href: `#/documents/${r.documentId}`, text: r.fileName ?? r.reportNumber ?? '报告' }),
        },
        { key: 'reportNumber', label: '报告编号' },
        {
          key: 'side',
          label: '送检方',
          value: (r) => label(SIDE_LABELS, r.side),
          render: (r) => h('span', { title: r.sideReason ?? '', text: label(SIDE_LABELS, r.side) }),
        },
        { key: 'client', label: '委托单位' },
        { key: 'labName', label: '检验机构' },
        { key: 'cmaNumber', label: 'CMA 编号' },
        { key: 'issuedDate', label: '签发日期' },
        { key: 'conclusion', label: '结论', value: (r) => label(VERDICT_LABELS, r.conclusion) },
        {
          key: 'linkedBy',
          label: '关联方式',
          value: (r) => LINK_SOURCE[r.linkedBy] ?? r.linkedBy,
          render: (r) =>
            h(
              'span',
              { class: 'link-source' },
              r.linkedBy === 'auto' ? pill('自动匹配', 'info') : (LINK_SOURCE[r.linkedBy] ?? r.linkedBy),
              r.linkedBy === 'auto' && r.reason ? h('div', { class: 'hint', text: r.reason }) : null,
              canDecide
                ? h('button', {
                    type: 'button',
                    class: 'btn btn-small',
                    text: r.linkedBy === 'auto' ? '撤销自动匹配' : '取消关联',
                    'aria-label': `${r.linkedBy === 'auto' ? '撤销自动匹配' : '取消关联'}：${r.fileName ?? ''}`,
                    onclick: () =>
                      decide(
                        'delete',
                        r.documentId,
                        r.linkedBy === 'auto' ? '已撤销自动匹配，系统不会再自动关联该报告' : '已取消关联',
                      ),
                  })
                : null,
            ),
        },
      ],
      rows: l.reports ?? [],
      emptyText: '尚未提交检验报告',
    });
    document.title = `${l.product} - 核验证据 - 双送检核验`;
    mount(
      view,
      h(
        'div',
        { class: 'page-head' },
        h(
          'h1',
          {},
          `第 ${l.lineNo} 行：${l.product} `,
          pill(l.statusLabel ?? label(LINE_STATUS, l.status), LINE_STATUS[l.status]?.kind ?? 'neutral'),
        ),
        back,
      ),
      l.purchaserMismatch ? notice('warn', `⚠ ${l.purchaserMismatch.message}`) : null,
      h(
        'div',
        { class: 'panel' },
        h(
          'dl',
          { class: 'kv' },
          kv('学校', l.school?.name),
          kv('采购人（甲方）', l.contract?.purchaserName),
          kv('合同编号', l.contract?.contractNumber),
          kv('供应商', l.contract?.supplierName),
          kv('统一社会信用代码', l.contract?.supplierUscc),
          kv('签订日期', l.contract?.signedDate),
          kv('交货日期', l.contract?.deliveryDate),
          kv('验收/到货日期', acceptedDateField(l)),
          kv('产品类别', label(CATEGORY_LABELS, l.category)),
          kv('规格型号', l.model),
          kv('双送检', l.dualCovered ? '齐全' : '不齐全'),
        ),
      ),
      h(
        'section',
        { class: 'panel' },
        h('h2', { text: '核验问题与证据' }),
        findingList(l.findings, {
          evidence: true,
          status: l.status,
          onConfirmClient: canConfirmClient ? confirmClient : undefined,
        }),
      ),
      h('h2', { text: '提交的检验报告' }),
      reports.el,
      (l.suggestions ?? []).length ? suggestionPanel(l.suggestions, canDecide, decide) : null,
      canLink && candidates
        ? linkPanel(l, candidates, {
            reload,
            showAll,
            toggleAll: (v) => {
              showAll = v;
              void reload();
            },
            markDirty: () => (dirty = true),
          })
        : null,
    );
  }

  await reload();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** 建议匹配: reports the service thinks belong here but is not sure of; a person confirms or dismisses. */
function suggestionPanel(suggestions, canDecide, decide) {
  return h(
    'section',
    { class: 'panel suggestions', 'aria-label': '建议匹配' },
    h('h2', { text: '建议匹配（请确认）' }),
    h('p', {
      class: 'hint',
      text: '系统根据供应商、型号、产品类别和日期认为以下报告可能属于本行，但不能确定。确认后计入本行核验；忽略后不再建议。',
    }),
    h(
      'ul',
      { class: 'plain suggestion-list' },
      suggestions.map((s) =>
        h(
          'li',
          { dataset: { documentId: s.documentId } },
          h('a', { href: `#/documents/${s.documentId}`, text: s.reportNumber ?? s.fileName }),
          ` ${s.fileName ?? ''} · 委托单位 ${show(s.client)} · ${show(s.sampleName)} ${show(s.sampleModel)} · ${show(
            s.labName,
          )} · 签发 ${show(s.issuedDate)} · ${label(VERDICT_LABELS, s.conclusion)}`,
          h('div', { class: 'hint', text: `匹配依据：${s.reason ?? '—'}` }),
          canDecide
            ? h(
                'div',
                { class: 'actions' },
                h('button', {
                  type: 'button',
                  class: 'btn btn-small btn-primary',
                  text: '确认关联',
                  'aria-label': `确认关联：${s.fileName ?? s.reportNumber ?? ''}`,
                  onclick: () => decide('post', s.documentId, '已确认关联，已重新核验'),
                }),
                h('button', {
                  type: 'button',
                  class: 'btn btn-small',
                  text: '忽略',
                  'aria-label': `忽略建议：${s.fileName ?? s.reportNumber ?? ''}`,
                  onclick: () => decide('delete', s.documentId, '已忽略该建议'),
                }),
              )
            : null,
        ),
      ),
    ),
  );
}

/**
 * School staff hand in reports for this line: tick the test reports that cover it. Each report shows
 * what tells it apart; reports already used on other lines are hidden unless asked for.
 */
function linkPanel(l, candidates, { reload, showAll, toggleAll, markDirty }) {
  const items = candidates.items;
  const boxes = items.map((d) =>
    h('input', {
      type: 'checkbox',
      name: 'documentIds',
      value: d.documentId,
      checked: Boolean(d.linkedHere),
      id: `link-${d.documentId}`,
      onchange: markDirty,
    }),
  );
  const message = h('div', { 'aria-live': 'polite' });
  const toggle = h('input', {
    type: 'checkbox',
    id: 'show-used',
    checked: showAll,
    onchange: (e) => toggleAll(e.target.checked),
  });
  const where = (d) =>
    d.otherLines.length
      ? h('div', {
          class: 'hint',
          text: `已用于：${d.otherLines
            .map((o) => `合同 ${o.contractNumber ?? ''} 第 ${o.lineNo} 行 ${o.product}`)
            .join('；')}`,
        })
      : null;
  return h(
    'form',
    {
      class: 'panel',
      'aria-label': '关联检验报告',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await put(`/api/contract-lines/${encodeURIComponent(l.id)}/reports`, {
            documentIds: boxes.filter((b) => b.checked).map((b) => b.value),
          });
          toast('已更新关联的检验报告，已重新核验');
          await reload();
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    h('h2', { text: '关联检验报告' }),
    uploadForLine(l, reload),
    h('p', {
      class: 'hint',
      text: '系统在报告识别完成后自动匹配：确定的直接关联（标为“自动匹配”，可撤销），不确定的列为“建议匹配”。也可在下表勾选本行产品的检验报告（供应商送检与学校送检各至少一份）。',
    }),
    candidates.pending
      ? notice('info', `还有 ${candidates.pending} 份文档正在识别，完成后本页自动更新。`)
      : null,
    items.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'checklist-table' },
            h('caption', { class: 'sr-only', text: '可关联的检验报告' }),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  '关联',
                  '报告编号 / 文件',
                  '委托单位',
                  '样品名称与型号',
                  '检验机构',
                  '签发日期',
                  '结论',
                  '状态',
                ].map((t) => h('th', { scope: 'col', text: t })),
              ),
            ),
            h(
              'tbody',
              {},
              items.map((d, i) =>
                h(
                  'tr',
                  { dataset: { documentId: d.documentId } },
                  h('td', {}, boxes[i]),
                  h(
                    'td',
                    {},
                    h(
                      'label',
                      { for: boxes[i].id },
                      h('strong', { text: d.reportNumber ?? '（未识别编号）' }),
                      h('div', { class: 'hint', text: d.originalName }),
                    ),
                    where(d),
                  ),
                  h('td', { text: show(d.client) }),
                  h('td', { text: `${show(d.sampleName)} ${d.sampleModel ?? ''}`.trim() }),
                  h('td', { text: show(d.labName) }),
                  h('td', { text: show(d.issuedDate) }),
                  h('td', { text: label(VERDICT_LABELS, d.conclusion) }),
                  h(
                    'td',
                    {},
                    d.linkedHere === 'auto'
                      ? pill('自动匹配', 'info')
                      : d.linkedHere === 'school'
                        ? pill('已关联', 'ok')
                        : d.suggestion
                          ? pill('建议匹配', 'warn')
                          : h('span', { class: 'hint', text: d.statusLabel ?? '' }),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'hint', text: '没有可关联的检验报告。' }),
    h(
      'div',
      { class: 'field inline' },
      toggle,
      h('label', {
        for: 'show-used',
        text: candidates.hiddenUsedElsewhere
          ? `显示已用于其他明细行的报告（${candidates.hiddenUsedElsewhere} 份）`
          : '显示已用于其他明细行的报告',
      }),
    ),
    message,
    h('button', { type: 'submit', class: 'btn btn-primary', text: '保存关联', disabled: !items.length }),
  );
}

function kv(k, v) {
  if (v instanceof Node) return [h('dt', { text: k }), h('dd', {}, v)];
  return [h('dt', { text: k }), h('dd', { text: show(v) })];
}

/** Upload reports straight for this line (the service links them as handed in by the school). */
function uploadForLine(l, reload) {
  const status = h('ul', { class: 'plain', 'aria-live': 'polite' });
  const input = h('input', {
    type: 'file',
    multiple: true,
    accept: '.pdf,.jpg,.jpeg,.png',
    id: `line-upload-${l.id}`,
    onchange: async () => {
      const files = Array.from(input.files ?? []);
      input.disabled = true;
      let ok = 0;
      for (const file of files) {
        const bar = h('progress', { max: 100, value: 0, 'aria-label': `${file.name} 上传进度` });
        const text = h('span', { class: 'hint', text: '正在上传' });
        status.append(h('li', {}, `${file.name} `, bar, ' ', text));
        const form = new FormData();
        form.append('kind', 'test_report');
        form.append('lineIds', l.id);
        form.append('files', file, file.name);
        try {
          const r = await uploadWithProgress(
            '/api/documents',
            form,
            (p) => (bar.value = Math.round(p * 100)),
          );
          const d = r?.documents?.[0];
          text.textContent = d?.duplicate ? '已上传过，已关联到本行' : '已上传，正在识别';
          ok++;
        } catch (err) {
          text.textContent = err.message;
          text.className = 'error-text';
        }
      }
      input.disabled = false;
      input.value = '';
      if (ok) {
        toast('报告已上传并关联到本行，识别完成后自动核验');
        await reload();
      }
    },
  });
  return hasRoute('post', '/api/documents')
    ? h('div', { class: 'field' }, h('label', { for: input.id, text: '上传本行的检验报告' }), input, status)
    : null;
}
