/**
 * 上传文档 (school staff): drag-and-drop or choose many files; each file is uploaded on its own
 * request with an upload progress bar, then its processing status is polled (stage, page k of n)
 * until it is finished.
 */
import { ApiError, findRoute, get, multipartFields, uploadWithProgress } from '../api.js';
import { field, h, mount, notice, unavailable } from '../dom.js';
import { DOC_KIND_LABELS } from '../labels.js';
import { FINISHED, processingBar, progressText, statusPill } from '../status.js';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const MAX_PARALLEL = 3;
const POLL_MS = 1500;

export function render(view) {
  document.title = '上传文档 - 双送检核验';
  const uploadPath = findRoute('post', '/api/documents', '/api/documents/upload');
  if (!uploadPath) {
    mount(view, h('h1', { text: '上传文档' }), unavailable('文档上传'));
    return undefined;
  }
  const { fileField, others } = multipartFields(uploadPath);
  const kindField = Object.entries(others).find(([, p]) => (p.enum ?? []).includes('contract'))?.[0] ?? null;

  const timers = new Set();
  let stopped = false;
  const queue = [];
  let active = 0;

  const kind = h(
    'select',
    { name: 'declaredKind' },
    h('option', { value: '', text: '自动识别' }),
    h('option', { value: 'contract', text: DOC_KIND_LABELS.contract }),
    h('option', { value: 'test_report', text: DOC_KIND_LABELS.test_report }),
  );
  const input = h('input', {
    type: 'file',
    multiple: true,
    accept: ACCEPT,
    id: 'file-input',
    class: 'sr-only',
    tabindex: -1, // the drop zone is the keyboard control
    'aria-hidden': 'true',
    onchange: () => addFiles(input.files),
  });
  const list = h('ul', { class: 'uploads', 'aria-label': '上传列表' });
  const zone = h(
    'div',
    {
      class: 'dropzone',
      role: 'button',
      tabindex: 0,
      'aria-label': '选择文件上传，或把文件拖到这里',
      onclick: () => input.click(),
      onkeydown: (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          input.click();
        }
      },
      ondragover: (e) => {
        e.preventDefault();
        zone.classList.add('over');
      },
      ondragleave: () => zone.classList.remove('over'),
      ondrop: (e) => {
        e.preventDefault();
        zone.classList.remove('over');
        addFiles(e.dataTransfer.files);
      },
    },
    h('p', { class: 'big', text: '把采购合同、检验报告拖到这里' }),
    h('p', { class: 'hint', text: '或按 Enter / 点击选择文件（可多选）。支持 PDF、JPEG、PNG。' }),
  );

  function addFiles(files) {
    for (const file of Array.from(files ?? [])) {
      const item = renderItem(file);
      list.append(item.el);
      queue.push(item);
    }
    input.value = '';
    pump();
  }

  function renderItem(file) {
    const bar = h('progress', { max: 100, value: 0, 'aria-label': `${file.name} 上传进度` });
    const state = h('span', { class: 'state', text: '等待上传' });
    const detail = h('div', { class: 'detail' });
    const el = h(
      'li',
      { class: 'upload-item', dataset: { file: file.name } },
      h('div', { class: 'row' }, h('span', { class: 'name', text: file.name }), state),
      bar,
      detail,
    );
    return { file, el, bar, state, detail };
  }

  function pump() {
    while (!stopped && active < MAX_PARALLEL && queue.length) {
      const item = queue.shift();
      active++;
      void upload(item).finally(() => {
        active--;
        pump();
      });
    }
  }

  async function upload(item) {
    const form = new FormData();
    if (kindField && kind.value) form.append(kindField, kind.value);
    form.append(fileField, item.file, item.file.name);
    item.state.textContent = '正在上传';
    try {
      const res = await uploadWithProgress(uploadPath, form, (p) => {
        item.bar.value = Math.round(p * 100);
        item.state.textContent = `正在上传 ${Math.round(p * 100)}%`;
      });
      item.bar.value = 100;
      const doc = res?.documents?.[0];
      if (!doc?.id) {
        item.state.textContent = '已上传';
        return;
      }
      item.el.dataset.documentId = doc.id;
      if (doc.duplicate) {
        item.state.replaceChildren(h('span', { class: 'pill pill-neutral', text: '已上传过' }));
        mount(
          item.detail,
          h('span', { class: 'hint', text: doc.message ?? '该文件已上传过，未重复处理。' }),
          h('a', { href: `#/documents/${doc.id}`, text: '查看已上传的文档' }),
        );
        return;
      }
      showDoc(item, doc);
      if (!FINISHED.has(doc.status)) poll(item, doc.id);
    } catch (err) {
      item.bar.hidden = true;
      item.state.replaceChildren(h('span', { class: 'pill pill-bad', text: '上传失败' }));
      const existing =
        err instanceof ApiError ? err.details?.files?.find((f) => f.duplicate && f.id)?.id : null;
      mount(
        item.detail,
        notice('error', err.message),
        existing ? h('a', { href: `#/documents/${existing}`, text: '查看已上传的文档' }) : null,
      );
    }
  }

  function showDoc(item, doc) {
    item.state.replaceChildren(statusPill(doc));
    const text = progressText(doc);
    const bar = processingBar(doc);
    mount(
      item.detail,
      text ? h('span', { class: 'hint', text }) : null,
      bar,
      FINISHED.has(doc.status) && doc.processingMs
        ? h('span', { class: 'hint', text: `识别用时 ${(doc.processingMs / 1000).toFixed(1)} 秒` })
        : null,
      // Flags a person must see at once (a contract of another school), not only on the review page.
      (doc.reviewFields ?? [])
        .filter((f) => f.reason === 'purchaser_mismatch')
        .map((f) => notice('warn', `⚠ ${f.message}`)),
      FINISHED.has(doc.status) && doc.status !== 'failed'
        ? h('a', {
            href: `#/documents/${doc.id}`,
            text: doc.status === 'needs_review' ? '去核对字段' : '查看结果',
          })
        : null,
    );
  }

  function poll(item, id) {
    const timer = setTimeout(async () => {
      timers.delete(timer);
      if (stopped) return;
      try {
        const doc = await get(`/api/documents/${encodeURIComponent(id)}`);
        showDoc(item, doc);
        if (!FINISHED.has(doc.status)) poll(item, id);
      } catch (err) {
        mount(item.detail, notice('error', `无法获取处理状态：${err.message}`));
      }
    }, POLL_MS);
    timers.add(timer);
  }

  mount(
    view,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { text: '上传文档' }),
      h('a', { class: 'btn', href: '#/documents', text: '查看全部文档' }),
    ),
    h('p', {
      class: 'lead',
      text: '上传本校的采购合同和产品检验报告（供货企业送检与学校送检）。上传后系统自动识别文字、解析字段并核验“双送检”。',
    }),
    kindField ? h('div', { class: 'filters' }, field('文档类型', kind)) : null,
    zone,
    input,
    list,
  );
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
  };
}
