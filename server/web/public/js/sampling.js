/** The ranked supplier list (供货企业名单) as a table, shared by the preview and a sent list. */
import { h, pill, show } from './dom.js';
import { SEVERITY, SEVERITY_RANK } from './labels.js';
import { dataTable } from './table.js';

/** 近期抽查合格: official sampling in the look-back window, every batch passing. */
export const passedSampling = (e) =>
  Boolean(e.officialSampling?.results) && e.officialSampling.failedBatches === 0;

export function samplingPassedMark(lastSampledOn) {
  return h('span', {
    class: 'pill pill-ok',
    title: lastSampledOn ? `最近一次监督抽查：${lastSampledOn}，全部批次合格` : '近期监督抽查全部批次合格',
    text: '近期抽查合格',
  });
}

/** How the list is ranked, in words, on the page (not only inside the XLSX). */
export function rankingExplanation(list) {
  const w = list.rules?.samplingFailureWeight;
  const years = list.rules?.samplingLookBackYears;
  return h(
    'details',
    { class: 'panel ranking-rule' },
    h('summary', { text: '名单如何排序、风险等级如何确定' }),
    h(
      'ol',
      {},
      h('li', {
        text: '名单包括本区县集中采购的每一家供货企业（依通知要求报送）；未发现问题的企业列于末尾，风险为低。',
      }),
      h('li', {
        text: '先比供货方的问题（无供货方送检报告、检验项目不合格、结论与项目矛盾、标准已废止、无CMA、无3C证书等）：最重的一个问题的风险权重，再比权重合计（每条合同明细行的每类问题计一次）。',
      }),
      h('li', {
        text: '供货方问题相同时，再比学校端缺口（如学校未送检；这类缺口主要在教育部门的合规视图中处理，在名单中权重较低），最后按企业名称排序。',
      }),
      h('li', {
        text: `市场监管部门录入的监督抽查结果：近 ${years ?? '—'} 年内每个不合格批次按权重 ${w ?? '—'} 计入（与最重的问题同等）；近期抽查全部合格的企业标“近期抽查合格”。`,
      }),
      h('li', {
        text: `风险等级（高 / 中 / 低）由企业最重的供货方问题的权重决定（只有学校端缺口或没有问题时为低）。规则库版本 ${list.registryVersion ?? '—'}。`,
      }),
    ),
  );
}

export function entriesTable(entries, { supplierLinks = true } = {}) {
  return dataTable({
    caption: '供货企业名单',
    sort: { key: 'rank', dir: 'ascending' },
    columns: [
      { key: 'rank', label: '排名', num: true },
      {
        key: 'supplier',
        label: '企业名称',
        render: (e) => [
          supplierLinks && e.supplierId
            ? h('a', { href: `#/suppliers/${e.supplierId}`, text: e.supplier })
            : e.supplier,
          passedSampling(e) ? [' ', samplingPassedMark()] : null,
        ],
      },
      {
        key: 'uscc',
        label: '统一社会信用代码',
        render: (e) => h('span', { class: 'mono', text: show(e.uscc) }),
      },
      {
        key: 'risk',
        label: '风险',
        value: (e) => SEVERITY_RANK[e.risk] ?? 0,
        render: (e) => pill(SEVERITY[e.risk]?.label ?? show(e.risk), SEVERITY[e.risk]?.kind ?? 'neutral'),
      },
      { key: 'score', label: '风险分', num: true },
      {
        key: 'location',
        label: '所在地 / 辖区',
        sortable: false,
        render: (e) =>
          e.location
            ? [
                show(e.location.address ?? e.location.place),
                h('br'),
                pill(
                  e.location.label,
                  e.location.inDistrict === true
                    ? 'ok'
                    : e.location.inDistrict === false
                      ? 'warn'
                      : 'neutral',
                ),
              ]
            : '未知',
      },
      {
        key: 'reasons',
        label: '列入原因',
        sortable: false,
        render: (e) =>
          h(
            'div',
            {},
            e.listedBecause ? h('p', { text: e.listedBecause }) : null,
            h(
              'ul',
              { class: 'plain' },
              (e.reasonDetails ?? e.reasons.map((code) => ({ code, label: code, count: null }))).map((r) =>
                h('li', { text: r.count ? `${r.label}（${r.count}）` : r.label }),
              ),
            ),
          ),
      },
      { key: 'schools', label: '涉及学校', value: (e) => e.schools.length, render: (e) => show(e.schools) },
      {
        key: 'products',
        label: '产品 / 供货数量',
        sortable: false,
        render: (e) =>
          e.quantities?.length
            ? show(
                e.quantities.map(
                  (q) => `${q.product}${q.model ? `（${q.model}）` : ''} ${q.quantity}${q.unit ?? ''}`,
                ),
              )
            : show([...new Set((e.lines ?? []).map((l) => l.product))]),
      },
      {
        key: 'manufacturers',
        label: '标称生产企业',
        sortable: false,
        render: (e) => show(e.manufacturers ?? []),
      },
      {
        key: 'reports',
        label: '检验报告（编号/机构）',
        sortable: false,
        render: (e) =>
          show(
            (e.reports ?? []).map((r) => `${r.reportNumber ?? '（无编号）'}${r.lab ? `（${r.lab}）` : ''}`),
          ),
      },
      {
        key: 'failedItems',
        label: '不合格项目（实测值/限值）',
        sortable: false,
        render: (e) =>
          show(
            (e.failedItems ?? []).map(
              (f) =>
                `${f.item}${f.result !== null ? ` 实测${f.result}${f.unit ?? ''}` : ''}${f.requirement !== null ? ` 限值${f.requirement}` : f.detail ? ` ${f.detail}` : ''}`,
            ),
          ),
      },
      { key: 'ccc', label: '3C证书编号', sortable: false, render: (e) => show(e.cccNumbers ?? []) },
    ],
    rows: entries,
    emptyText: '名单为空：本区县尚无集中采购的供货企业',
  });
}
