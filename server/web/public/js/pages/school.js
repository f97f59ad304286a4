/** 学校合规详情 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '学校合规详情 - 双送检核验';
  if (!hasRoute('get', '/api/schools/{id}/compliance')) {
    mount(view, h('h1', { text: '学校合规详情' }), unavailable('学校合规详情'));
    return;
  }
  mount(view, h('h1', { text: '学校合规详情' }));
}
