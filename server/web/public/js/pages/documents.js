/** 文档列表 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '文档列表 - 双送检核验';
  if (!hasRoute('get', '/api/documents')) {
    mount(view, h('h1', { text: '文档列表' }), unavailable('文档列表'));
    return;
  }
  mount(view, h('h1', { text: '文档列表' }));
}
