/** 上传文档 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '上传文档 - 双送检核验';
  if (!hasRoute('get', '/api/documents')) {
    mount(view, h('h1', { text: '上传文档' }), unavailable('上传文档'));
    return;
  }
  mount(view, h('h1', { text: '上传文档' }));
}
