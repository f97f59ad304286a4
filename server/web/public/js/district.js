/**
 * District-level pages: bureau and regulator see their own district; the admin picks one
 * (the API requires districtId for admin).
 */
import { get } from './api.js';
import { field, h } from './dom.js';

/** { districtId, picker }: picker is a select for the admin (null for others). */
export async function chooseDistrict(session, query, go, path) {
  if (session.user.role !== 'admin') return { districtId: undefined, picker: null };
  const districts = await get('/api/districts');
  const districtId =
    query.districtId && districts.some((d) => d.id === query.districtId)
      ? query.districtId
      : districts[0]?.id;
  const select = h(
    'select',
    { name: 'districtId', onchange: () => go(`${path}?districtId=${encodeURIComponent(select.value)}`) },
    districts.map((d) => h('option', { value: d.id, text: d.name, selected: d.id === districtId })),
  );
  return { districtId, picker: h('div', { class: 'filters' }, field('区县', select)) };
}
