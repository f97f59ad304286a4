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
        text: '先比每家企业最重的一个问题：问题按规则库给出的风险权重（问题越可能危及学生安全，权重越高）。',
      }),
      h('li', {
        text: '最重问题相同时，比问题权重合计：每条合同明细行的每类问题计一次权重，涉及的明细行越多，合计越高。',
      }),
      h('li', { text: '两者都相同时按企业名称排序。' }),
      h('li', {
        text: `市场监管部门录入的监督抽查结果：近 ${years ?? '—'} 年内每个不合格批次按权重 ${w ?? '—'} 计入（与最重的问题同等）；近期抽查全部合格的企业标“近期抽查合格”。`,
      }),
      h('li', {
        text: `风险等级（高 / 中 / 低）由企业最重问题的权重决定，供货企业表与名单使用同一等级。规则库版本 ${list.registryVersion ?? '—'}。`,
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
        key: 'reasons',
        label: '列入原因',
        sortable: false,
        render: (e) =>
          h(
            'ul',
            { class: 'plain' },
            (e.reasonDetails ?? e.reasons.map((code) => ({ code, label: code, count: null }))).map((r) =>
              h('li', { text: r.count ? `${r.label}（${r.count}）` : r.label }),
            ),
          ),
      },
      { key: 'schools', label: '涉及学校', value: (e) => e.schools.length, render: (e) => show(e.schools) },
      {
        key: 'products',
        label: '产品',
        sortable: false,
        render: (e) => show([...new Set((e.lines ?? []).map((l) => l.product))]),
      },
    ],
    rows: entries,
    emptyText: '名单为空：目前没有发现问题的供货企业',
  });
}
