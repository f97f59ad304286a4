/**
 * 名单详情: one sent supplier list — its entries, exports (XLSX/CSV), delivery status; market
 * supervision acknowledges it and records sampling results for its suppliers.
 */
import { download, findRoute, get, hasRoute, post } from '../api.js';
import { field, fmtTime, h, mount, notice, pill, toast } from '../dom.js';
import { entriesTable, rankingExplanation } from '../sampling.js';
import { SAMPLING_KIND_LABELS } from '../labels.js';
import { may } from '../may.js';

export async function render(view, { params }) {
  const id = encodeURIComponent(params.id);
  const list = await get(`/api/sampling-lists/${id}`);
  const snap = list.snapshot;
  document.title = `第 ${list.version} 版名单 - 双送检核验`;
  const message = h('div', { 'aria-live': 'polite' });

  const exportButton = (format, text) =>
    h('button', {
      type: 'button',
      class: 'btn',
      text,
      onclick: async () => {
        try {
          await download(
            `/api/sampling-lists/${id}/export?format=${format}`,
            `供货企业名单-第${list.version}版.${format}`,
          );
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    });

  const ack =
    may('samplingList.acknowledge') &&
    !list.acknowledgedAt &&
    hasRoute('post', '/api/sampling-lists/{id}/ack')
      ? h('button', {
          type: 'button',
          class: 'btn btn-primary',
          text: '确认接收',
          onclick: async () => {
            try {
              await post(`/api/sampling-lists/${id}/ack`);
              toast('已确认接收名单');
              list.acknowledgedAt = new Date().toISOString();
              status.replaceChildren(statusPill());
              ack.remove();
            } catch (err) {
              mount(message, notice('error', err.message));
            }
          },
        })
      : null;
  const statusPill = () =>
    list.acknowledgedAt
      ? pill(`市场监管部门已确认接收（${fmtTime(list.acknowledgedAt)}）`, 'ok')
      : pill('待市场监管部门确认接收', 'warn');
  const status = h('span', {}, statusPill());

  mount(
    view,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { text: `${snap.district?.name ?? ''} 供货企业名单 · 第 ${list.version} 版` }),
      h(
        'div',
        { class: 'actions' },
        ack,
        exportButton('xlsx', '导出 XLSX'),
        exportButton('csv', '导出 CSV'),
        h('a', { class: 'btn', href: '#/lists', text: '返回' }),
      ),
    ),
    h(
      'p',
      { class: 'hint' },
      `${snap.district?.bureauName ?? ''} 于 ${fmtTime(list.sentAt)} 发送 · ${list.entryCount} 家企业 · 规则库 ${list.registryVersion} · 核验基准日 ${snap.asOf} `,
      status,
    ),
    message,
    rankingExplanation(snap),
    entriesTable(snap.entries).el,
    list.deliveries?.length
      ? deliveriesPanel(list.deliveries, {
          canResend: may('webhookDelivery.resend') && hasRoute('post', '/api/webhook-deliveries/{id}/resend'),
          message,
        })
      : null,
    may('samplingResult.record') ? resultForm(list) : null,
  );
}

function deliveriesPanel(deliveries, { canResend, message }) {
  const STATUS = {
    delivered: ['已送达', 'ok'],
    pending: ['待投递', 'neutral'],
    sending: ['投递中', 'neutral'],
    failed: ['投递失败', 'bad'],
    retrying: ['重试中', 'warn'],
  };
  const item = (d) => {
    const [text, kind] = STATUS[d.status] ?? [d.status, 'neutral'];
    const li = h(
      'li',
      {},
      pill(text, kind),
      ` 尝试 ${d.attempts} 次`,
      d.deliveredAt ? ` · 送达于 ${fmtTime(d.deliveredAt)}` : '',
      d.lastError ? ` · ${d.lastError}` : '',
    );
    if (canResend && d.status === 'failed') {
      const button = h('button', {
        type: 'button',
        class: 'btn',
        text: '重新投递',
        onclick: async () => {
          button.disabled = true;
          try {
            const r = await post(`/api/webhook-deliveries/${encodeURIComponent(d.id)}/resend`);
            toast('已重新加入投递队列');
            li.replaceWith(item({ ...d, status: r.status, attempts: r.attempts, lastError: null }));
          } catch (err) {
            button.disabled = false;
            mount(message, notice('error', err.message));
          }
        },
      });
      li.append(' ', button);
    }
    return li;
  };
  return h(
    'section',
    { class: 'panel' },
    h('h2', { text: '接口推送（Webhook）' }),
    h('ul', {}, deliveries.map(item)),
  );
}

/** 录入抽查结果 (监督抽查 or 风险监测) for a supplier of this list. */
function resultForm(list) {
  const route = findRoute('post', '/api/sampling-results', '/api/suppliers/{id}/sampling-results');
  const panel = h(
    'section',
    { class: 'panel', 'aria-label': '录入监督抽查结果' },
    h('h2', { text: '录入监督抽查结果' }),
  );
  if (!route) {
    panel.append(notice('warn', '录入监督抽查结果暂不可用：当前版本的服务尚未提供该功能的接口。'));
    return panel;
  }
  const entries = list.snapshot.entries.filter((e) => e.supplierId);
  const supplier = h(
    'select',
    { name: 'supplierId' },
    entries.map((e) => h('option', { value: e.supplierId, text: `${e.rank}. ${e.supplier}` })),
  );
  const kind = h(
    'select',
    { name: 'kind' },
    Object.entries(SAMPLING_KIND_LABELS).map(([value, text]) => h('option', { value, text })),
  );
  const sampledOn = h('input', { name: 'sampledOn', type: 'date' });
  const sampled = h('input', {
    name: 'sampledBatches',
    type: 'number',
    min: 0,
    step: 1,
    required: true,
    value: '1',
  });
  const failed = h('input', {
    name: 'failedBatches',
    type: 'number',
    min: 0,
    step: 1,
    required: true,
    value: '0',
  });
  const items = h('input', { name: 'failingItems', placeholder: '如：甲醛含量；pH值' });
  const reports = h('input', { name: 'reportNumbers', placeholder: '多个用；分隔' });
  const note = h('textarea', { name: 'note', rows: 2 });
  const message = h('div', { 'aria-live': 'polite' });
  const split = (s) =>
    s
      .split(/[;；,，\n]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  const form = h(
    'form',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        const body = {
          supplierId: supplier.value,
          listId: list.id,
          kind: kind.value,
          sampledBatches: Number(sampled.value),
          failedBatches: Number(failed.value),
          failingItems: split(items.value),
          reportNumbers: split(reports.value),
          ...(sampledOn.value ? { sampledOn: sampledOn.value } : {}),
          ...(note.value.trim() ? { note: note.value.trim() } : {}),
        };
        try {
          await post(route.replace('{id}', encodeURIComponent(supplier.value)), body);
          mount(
            message,
            notice(
              'ok',
              `已录入${SAMPLING_KIND_LABELS[body.kind] ?? '抽查'}结果。`,
              ' ',
              h('a', { href: `#/suppliers/${supplier.value}`, text: '查看企业档案' }),
            ),
          );
          form.reset();
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    entries.length
      ? h(
          'div',
          { class: 'form-row' },
          field('企业', supplier),
          field('抽查类别', kind),
          field('抽样日期', sampledOn),
          field('抽查批次数', sampled),
          field('不合格批次数', failed),
          field('不合格项目', items),
          field('检验报告编号', reports),
        )
      : notice('info', '名单中没有可录入结果的企业。'),
    field('备注', note),
    message,
    h('button', {
      type: 'submit',
      class: 'btn btn-primary',
      text: '保存抽查结果',
      disabled: !entries.length,
    }),
  );
  panel.append(form);
  return panel;
}
