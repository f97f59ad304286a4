/** 供货企业详情 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '供货企业详情 - 双送检核验';
  if (!hasRoute('get', '/api/suppliers/{id}')) {
    mount(view, h('h1', { text: '供货企业详情' }), unavailable('供货企业详情'));
    return;
  }
  mount(view, h('h1', { text: '供货企业详情' }));
}
