/** 合同与核验 */
import { hasRoute } from '../api.js';
import { h, mount, unavailable } from '../dom.js';

export function render(view) {
  document.title = '合同与核验 - 双送检核验';
  if (!hasRoute('get', '/api/contracts')) {
    mount(view, h('h1', { text: '合同与核验' }), unavailable('合同与核验'));
    return;
  }
  mount(view, h('h1', { text: '合同与核验' }));
}
