/** 统计 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '统计 - 双送检核验';
  if (!hasRoute('get', '/api/districts/{id}/statistics')) {
    mount(view, h('h1', { text: '统计' }), unavailable('统计'));
    return;
  }
  mount(view, h('h1', { text: '统计' }));
}
