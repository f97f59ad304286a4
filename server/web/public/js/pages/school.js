/** 学校合规详情 (bureau drill-down): a school's contracts and lines. */
import { h } from '../dom.js';
import { renderSchool } from '../school-view.js';

export function render(view, { params, query }) {
  const q = query.districtId ? `?districtId=${encodeURIComponent(query.districtId)}` : '';
  return renderSchool(view, params.id, {
    title: '学校合规详情',
    back: h(
      'div',
      { class: 'actions' },
      h('a', { class: 'btn', href: `#/schools/${params.id}/notice`, text: '结果公示' }),
      h('a', { class: 'btn', href: `#/dashboard${q}`, text: '返回总览' }),
    ),
  });
}
