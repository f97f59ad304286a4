/**
 * 双送检结果公示: the school's printable notice — the contract lines verified compliant (product,
 * supplier, quantity, each side's lab, report number, date and conclusion, verification date), the
 * others listed as pending — with 打印 (the browser's print, styled for paper) and the PDF made by the
 * service. School staff see their own school; the bureau opens a school's notice from its page.
 */
import { download, get, hasRoute } from '../api.js';
import { h, mount, notice, toast, unavailable } from '../dom.js';
import { VERDICT_LABELS, label } from '../labels.js';

const report = (rs) =>
  rs.length
    ? rs.map((r) =>
        h(
          'div',
          { class: 'notice-report' },
          h('div', { text: r.labName ?? '—' }),
          h('div', { text: `编号 ${r.reportNumber ?? '—'}` }),
          h('div', { text: `${r.issuedDate ?? '—'} 出具 · ${label(VERDICT_LABELS, r.conclusion)}` }),
        ),
      )
    : '—';

export async function render(view, { params, session }) {
  document.title = '双送检结果公示 - 双送检核验';
  const schoolId = params.id ?? session.user.schoolId;
  const path = '/api/compliance/schools/{id}/public-notice';
  if (!schoolId || !hasRoute('get', path)) {
    mount(view, h('h1', { text: '双送检结果公示' }), unavailable('结果公示'));
    return;
  }
  const url = `/api/compliance/schools/${encodeURIComponent(schoolId)}/public-notice`;
  const n = await get(url);
  document.title = `${n.school.name} 双送检结果公示 - 双送检核验`;
  mount(
    view,
    h(
      'div',
      { class: 'page-head no-print' },
      h('h1', { text: '双送检结果公示' }),
      h(
        'div',
        { class: 'actions' },
        h('button', {
          type: 'button',
          class: 'btn btn-primary',
          text: '打印',
          onclick: () => window.print(),
        }),
        h('button', {
          type: 'button',
          class: 'btn',
          text: '下载 PDF',
          onclick: async () => {
            try {
              await download(`${url}?format=pdf`, `${n.school.name}双送检结果公示.pdf`);
            } catch (err) {
              toast(err.message);
            }
          },
        }),
      ),
    ),
    n.verified.length
      ? null
      : notice('info', '暂无已核验合格的合同明细：上传合同和双方检验报告并核验通过后，这里生成公示。'),
    h(
      'article',
      { class: 'public-notice panel', 'aria-label': '公示内容' },
      h('h2', { class: 'notice-title', text: n.school.name }),
      h('p', { class: 'notice-subtitle', text: '校服、园服、被褥、玩具等采购“双送检”结果公示' }),
      h('p', {
        text: `根据儿童和学生用品安全守护行动有关要求，现将本校集中采购物品的供货方送检与学校抽样送检检验结果公示如下。以下合同明细已核验：供货企业与学校双方均提交了具备 CMA 资质的检验机构出具的合格报告。公示日期：${n.generatedOn}。`,
      }),
      h('h3', { text: `一、已核验合格（${n.verified.length} 项）` }),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'notice-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [
                '合同编号',
                '产品（规格型号）',
                '供应商',
                '数量',
                '供应商送检报告',
                '学校抽样送检报告',
                '核验日期',
              ].map((t) => h('th', { scope: 'col', text: t })),
            ),
          ),
          h(
            'tbody',
            {},
            n.verified.length
              ? n.verified.map((v) =>
                  h(
                    'tr',
                    {},
                    h('td', { text: v.contractNumber ?? '—' }),
                    h('td', { text: v.model ? `${v.product}（${v.model}）` : v.product }),
                    h('td', { text: v.supplier ?? '—' }),
                    h('td', { class: 'num', text: v.quantity ?? '—' }),
                    h('td', {}, report(v.supplierReports)),
                    h('td', {}, report(v.schoolReports)),
                    h('td', { text: v.verifiedOn }),
                  ),
                )
              : h('tr', {}, h('td', { colspan: 7, class: 'empty', text: '暂无' })),
          ),
        ),
      ),
      h('h3', { text: `二、尚未核验通过（${n.pending.length} 项，待补充报告或整改后公示）` }),
      n.pending.length
        ? h(
            'ul',
            { class: 'notice-pending' },
            n.pending.map((p) =>
              h('li', {
                text: `${p.contractNumber ?? '—'} · ${p.product} · ${p.supplier ?? '—'} · ${p.statusLabel}`,
              }),
            ),
          )
        : h('p', { text: '无。' }),
      h('p', {
        class: 'notice-footer',
        text: `公示单位：${n.school.name}${n.district ? ` · 主管部门：${n.district.bureauName}` : ''} · 生成日期：${n.generatedOn}`,
      }),
    ),
  );
}
