/** 合同详情 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '合同详情 - 双送检核验';
  if (!hasRoute('get', '/api/contracts/{id}')) {
    mount(view, h('h1', { text: '合同详情' }), unavailable('合同详情'));
    return;
  }
  mount(view, h('h1', { text: '合同详情' }));
}
