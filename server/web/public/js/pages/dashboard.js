/** 合规总览 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '合规总览 - 双送检核验';
  if (!hasRoute('get', '/api/districts/{id}/compliance')) {
    mount(view, h('h1', { text: '合规总览' }), unavailable('合规总览'));
    return;
  }
  mount(view, h('h1', { text: '合规总览' }));
}
