/** 名单详情 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '名单详情 - 双送检核验';
  if (!hasRoute('get', '/api/sampling-lists/{id}')) {
    mount(view, h('h1', { text: '名单详情' }), unavailable('名单详情'));
    return;
  }
  mount(view, h('h1', { text: '名单详情' }));
}
