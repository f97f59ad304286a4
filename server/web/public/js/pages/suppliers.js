/**
 * 供货企业名单. Bureau: the ranked list as it would be sent now, "发送至市场监管部门", and every
 * supplier of the district. Regulator: the district's suppliers with their findings and sampling.
 */
import { get, hasRoute, post, withQuery } from '../api.js';
import { h, mount, notice, pill, unavailable } from '../dom.js';
import { SEVERITY, SEVERITY_RANK } from '../labels.js';
import { dataTable } from '../table.js';
import { entriesTable, rankingExplanation, samplingPassedMark } from '../sampling.js';
import { chooseDistrict } from '../district.js';
import { may } from '../may.js';

export async function render(view, { query, go }) {
  document.title = '供货企业 - 双送检核验';
  const { districtId, picker } = await chooseDistrict(query, go, '/suppliers');
  const parts = [];
  const message = h('div', { 'aria-live': 'polite' });

  const canPreview = may('samplingList.preview') && hasRoute('get', '/api/sampling-lists/preview');
  if (canPreview) {
    const preview = await get(withQuery('/api/sampling-lists/preview', { districtId }));
    const r = preview.readiness ?? {
      documentsInProgress: 0,
      documentsAwaitingReview: 0,
      linesAwaitingReview: 0,
    };
    const unfinished = r.documentsInProgress + r.documentsAwaitingReview + r.linesAwaitingReview > 0;
    const warning = unfinished
      ? notice(
          'warn',
          `区县内还有 ${r.documentsInProgress} 份文档正在识别、${r.documentsAwaitingReview} 份文档待人工核对，涉及 ${r.linesAwaitingReview} 条合同明细行。现在发送，名单可能遗漏或错列企业。`,
        )
      : null;
    const canSend =
      may('samplingList.send') && hasRoute('post', '/api/sampling-lists') && preview.entries.length > 0;
    // Sending asks on the page itself: what will be sent, what is unfinished, an explicit confirmation.
    const confirmBox = h('div', {
      class: 'confirm-send panel',
      hidden: true,
      role: 'group',
      'aria-label': '确认发送',
    });
    const send = h('button', {
      type: 'button',
      class: 'btn btn-primary',
      text: '发送至市场监管部门',
      disabled: !canSend,
      title: preview.entries.length === 0 ? '名单为空：本区县尚无集中采购的供货企业' : null,
      onclick: () => {
        confirmBox.hidden = false;
        send.disabled = true;
        (confirmBox.querySelector('input') ?? confirmBox.querySelector('.btn-primary'))?.focus();
      },
    });
    const ack = unfinished ? h('input', { type: 'checkbox', id: 'confirm-unfinished' }) : null;
    const doSend = h('button', {
      type: 'button',
      class: 'btn btn-primary',
      text: '确认发送',
      onclick: async () => {
        if (ack && !ack.checked) {
          mount(message, notice('error', '请先勾选“我已知晓名单可能不完整，仍要发送”。'));
          return;
        }
        doSend.disabled = true;
        try {
          const res = await post('/api/sampling-lists', {
            ...(districtId ? { districtId } : {}),
            ...(unfinished ? { confirmUnfinished: true } : {}),
          });
          const text = res.alreadySent
            ? `名单内容与第 ${res.version} 版相同，未重复发送。`
            : `已发送第 ${res.version} 版名单（${res.entryCount} 家企业）至市场监管部门。`;
          confirmBox.hidden = true;
          mount(
            message,
            notice(
              res.alreadySent ? 'info' : 'ok',
              text,
              ' ',
              h('a', { href: `#/lists/${res.id}`, text: '查看名单' }),
            ),
          );
        } catch (err) {
          mount(message, notice('error', err.message));
        } finally {
          doSend.disabled = false;
          send.disabled = !canSend;
        }
      },
    });
    confirmBox.append(
      h('p', {
        text: `将发送当前名单（${preview.entries.length} 家企业，规则库 ${preview.registryVersion}）至市场监管部门，发送后不可修改。`,
      }),
      warning ? notice('warn', warning.textContent) : null,
      ack
        ? h(
            'div',
            { class: 'field inline' },
            ack,
            h('label', { for: ack.id, text: '我已知晓名单可能不完整，仍要发送' }),
          )
        : null,
      h(
        'div',
        { class: 'actions' },
        doSend,
        h('button', {
          type: 'button',
          class: 'btn',
          text: '取消',
          onclick: () => {
            confirmBox.hidden = true;
            send.disabled = !canSend;
          },
        }),
      ),
    );
    parts.push(
      h(
        'section',
        { class: 'panel' },
        h(
          'div',
          { class: 'page-head' },
          h('h2', { text: `当前名单（按风险排序，共 ${preview.entries.length} 家）` }),
          h(
            'div',
            { class: 'actions' },
            send,
            h('a', { class: 'btn', href: '#/lists', text: '已发送的名单' }),
          ),
        ),
        h('p', {
          class: 'hint',
          text: `规则库版本 ${preview.registryVersion} · 核验基准日 ${preview.asOf}。发送后生成不可修改的版本快照，市场监管部门在“收到的名单”中查看。`,
        }),
        warning,
        confirmBox,
        message,
        rankingExplanation(preview),
        entriesTable(preview.entries).el,
      ),
    );
  }

  if (hasRoute('get', '/api/suppliers')) {
    const suppliers = await get(withQuery('/api/suppliers', { districtId }));
    const table = dataTable({
      caption: '供货企业',
      sort: { key: 'findings', dir: 'descending' },
      columns: [
        {
          key: 'name',
          label: '企业名称',
          render: (s) => [
            s.id
              ? h('a', {
                  href: `#/suppliers/${s.id}${districtId ? `?districtId=${districtId}` : ''}`,
                  text: s.name,
                })
              : s.name,
            s.recentSamplingPassed ? [' ', samplingPassedMark(s.lastSampledOn)] : null,
          ],
        },
        {
          key: 'uscc',
          label: '统一社会信用代码',
          render: (s) => h('span', { class: 'mono', text: s.uscc ?? '—' }),
        },
        { key: 'schools', label: '学校', num: true },
        { key: 'contracts', label: '合同', num: true },
        { key: 'lines', label: '明细行', num: true },
        { key: 'findings', label: '问题', num: true },
        {
          key: 'risk',
          label: '风险等级',
          value: (s) => SEVERITY_RANK[s.risk] ?? 0,
          render: (s) =>
            s.risk
              ? pill(SEVERITY[s.risk]?.label ?? s.risk, SEVERITY[s.risk]?.kind ?? 'neutral')
              : pill('无', 'ok'),
        },
        { key: 'sampledBatches', label: '抽查批次', num: true },
        { key: 'failedBatches', label: '不合格批次', num: true },
      ],
      rows: suppliers,
      emptyText: '本区县尚无供货企业',
    });
    parts.push(h('h2', { text: '全部供货企业' }), table.el);
  }

  if (!parts.length) parts.push(unavailable('供货企业名单'));
  mount(
    view,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { text: may('samplingList.preview') ? '供货企业名单' : '供货企业' }),
    ),
    picker,
    ...parts,
  );
}
