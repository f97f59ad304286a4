/** 合同与核验 (school staff): my school's contracts, lines, status and findings. */
import { h, mount, notice } from '../dom.js';
import { renderSchool } from '../school-view.js';

export function render(view, { session }) {
  document.title = '合同与核验 - 双送检核验';
  if (!session.user.schoolId) {
    mount(view, h('h1', { text: '合同与核验' }), notice('warn', '您的账户未关联学校。'));
    return undefined;
  }
  return renderSchool(view, session.user.schoolId, {
    title: '合同与核验',
    back: h('a', { class: 'btn btn-primary', href: '#/upload', text: '上传文档' }),
  });
}
