/** 规则库 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '规则库 - 双送检核验';
  if (!hasRoute('get', '/api/registry')) {
    mount(view, h('h1', { text: '规则库' }), unavailable('规则库'));
    return;
  }
  mount(view, h('h1', { text: '规则库' }));
}
