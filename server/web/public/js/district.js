/**
 * District-level pages: a user of one district sees it; a user who sees every district picks one
 * (the API then requires districtId).
 */
import { get } from './api.js';
import { field, h } from './dom.js';
import { EVERY_DISTRICT, may } from './may.js';

/** { districtId, picker }: picker is a select when the user sees every district (null for others). */
export async function chooseDistrict(query, go, path) {
  if (!may('district.read', EVERY_DISTRICT)) return { districtId: undefined, picker: null };
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
