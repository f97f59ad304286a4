/**
 * 明细行核验证据: one contract line — its findings with their evidence (document, page, item), and
 * the reports handed in with the side (supplier / school) each counts for.
 */
import { asList, get, hasRoute, put, uploadWithProgress, withQuery } from '../api.js';
import { dataTable } from '../table.js';
import { h, mount, notice, pill, show, toast, unavailable } from '../dom.js';
import { CATEGORY_LABELS, LINE_STATUS, SIDE_LABELS, VERDICT_LABELS, label } from '../labels.js';
import { findingList } from '../findings.js';

export async function render(view, { params, session }) {
  document.title = '明细行核验证据 - 双送检核验';
  if (!hasRoute('get', '/api/compliance/lines/{id}')) {
    mount(view, h('h1', { text: '明细行核验证据' }), unavailable('核验证据'));
    return;
  }
  const l = await get(`/api/compliance/lines/${encodeURIComponent(params.id)}`);
  const back =
    session.user.role === 'school_staff'
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
        value: (r) => (r.linkedBy === 'proposed' ? '系统匹配' : '学校提交'),
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
    h(
      'div',
      { class: 'panel' },
      h(
        'dl',
        { class: 'kv' },
        kv('学校', l.school?.name),
        kv('合同编号', l.contract?.contractNumber),
        kv('供应商', l.contract?.supplierName),
        kv('统一社会信用代码', l.contract?.supplierUscc),
        kv('签订日期', l.contract?.signedDate),
        kv('交货日期', l.contract?.deliveryDate),
        kv('产品类别', label(CATEGORY_LABELS, l.category)),
        kv('规格型号', l.model),
        kv('双送检', l.dualCovered ? '齐全' : '不齐全'),
      ),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', { text: '核验问题与证据' }),
      findingList(l.findings, { evidence: true, status: l.status }),
    ),
    h('h2', { text: '提交的检验报告' }),
    reports.el,
    session.user.role === 'school_staff' && hasRoute('put', '/api/contract-lines/{id}/reports')
      ? await linkPanel(l, () => render(view, { params, session }))
      : null,
  );
}

/** School staff hand in reports for this line: tick the test reports that cover it. */
async function linkPanel(l, reload) {
  const docs = asList(await get(withQuery('/api/documents', { kind: 'test_report', limit: 200 })), 'items');
  const linked = new Set((l.reports ?? []).filter((r) => r.linkedBy !== 'proposed').map((r) => r.documentId));
  const boxes = docs.map((d) =>
    h('input', {
      type: 'checkbox',
      name: 'documentIds',
      value: d.id,
      checked: linked.has(d.id),
      id: `link-${d.id}`,
    }),
  );
  const message = h('div', { 'aria-live': 'polite' });
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
      text: '勾选为本行产品提交的检验报告（供应商送检与学校送检各至少一份）。系统自动匹配的报告也可在此确认。',
    }),
    docs.length
      ? h(
          'ul',
          { class: 'plain checklist' },
          docs.map((d, i) =>
            h(
              'li',
              {},
              boxes[i],
              ' ',
              h('label', { for: boxes[i].id, text: d.originalName }),
              ' ',
              h('span', { class: 'hint', text: d.statusLabel ?? '' }),
            ),
          ),
        )
      : h('p', { class: 'hint', text: '尚未上传检验报告。' }),
    message,
    h('button', { type: 'submit', class: 'btn btn-primary', text: '保存关联', disabled: !docs.length }),
  );
}

function kv(k, v) {
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
