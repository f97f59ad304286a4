/** 供货企业名单 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '供货企业名单 - 双送检核验';
  if (!hasRoute('get', '/api/sampling-lists')) {
    mount(view, h('h1', { text: '供货企业名单' }), unavailable('供货企业名单'));
    return;
  }
  mount(view, h('h1', { text: '供货企业名单' }));
}
