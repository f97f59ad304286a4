/**
 * Tiny DOM helpers. Everything is built with createElement/textContent (never innerHTML), so text
 * from documents and users can never become markup.
 */

/**
 * Creates an element. `attrs` keys: `class`, `text`, `on<Event>` handlers, `dataset`, boolean
 * attributes (true/false) and plain attributes; `children` may nest arrays and skip null/false.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'value' && 'value' in el) {
      // Attribute too, so that form.reset() returns to this value.
      if (el.tagName === 'INPUT') el.setAttribute('value', String(value));
      el.value = value;
    } else if (key === 'checked' || key === 'selected') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (strings, nodes, nested arrays; null/false/undefined skipped). */
export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces all children of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** SVG element (charts, page boxes). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child) el.append(child);
  }
  return el;
}

/** A labelled form field. */
export function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, text: label }),
    input,
    hint ? h('p', { class: 'hint', text: hint }) : null,
  );
}

/** A message box: kind is 'error' | 'info' | 'ok' | 'warn'. */
export function notice(kind, text, ...more) {
  return h(
    'div',
    { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    text,
    ...more,
  );
}

/** The "not available yet" state for pages whose API is not in this version of the service. */
export function unavailable(what) {
  return notice('warn', `${what}暂不可用：当前版本的服务尚未提供该功能的接口。`);
}

/** Status pill. */
export function pill(text, kind = 'neutral') {
  return h('span', { class: `pill pill-${kind}`, text });
}

/** Formats an ISO timestamp as local date-time (zh-CN). */
export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString('zh-CN', { hour12: false });
}

/** A value for display: null/undefined/'' become an em dash. */
export function show(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join('、') : '—';
  return String(v);
}

let toastTimer;
/** Short status message at the bottom of the screen. */
export function toast(text) {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

/** A key figure: big number and caption. */
export function statCard(num, cap) {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'num', text: String(num ?? '—') }),
    h('div', { class: 'cap', text: cap }),
  );
}
