/** 文档审核 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '文档审核 - 双送检核验';
  if (!hasRoute('get', '/api/documents/{id}')) {
    mount(view, h('h1', { text: '文档审核' }), unavailable('文档审核'));
    return;
  }
  mount(view, h('h1', { text: '文档审核' }));
}
