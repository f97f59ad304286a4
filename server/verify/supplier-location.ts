/**
 * Where a supplier is (住所/所在地) relative to the district, so market supervision knows whose 市场监管所
 * has jurisdiction. Only what is printed decides; anything else is 未知, never a guess:
 * 1. the supplier's address (住所) when it is known;
 * 2. else the administrative-division name its enterprise name begins with: 《企业名称登记管理规定》
 *    （国务院令第734号）第六条 — the division in an enterprise name is that of the enterprise's 所在地.
 * A place is read only from units printed with their suffix (省/市/州/盟/地区/区/县/旗): 江州优佳… names no
 * place, 江州市博雅… names the city but not the district (未知, within the city).
 */

export interface SupplierLocation {
  /** 住所 as known (from a document or the supplier record); null when unknown */
  address: string | null;
  /** the place read from the address or the name, e.g. 汕头市澄海区; null when none */
  place: string | null;
  /** true inside the district, false outside, null unknown */
  inDistrict: boolean | null;
  /** where `place` was read: 住所 or 企业名称 */
  basis: 'address' | 'name' | null;
  /** Chinese, for the list: 辖区内 / 辖区外（…） / 未知 */
  label: string;
  /** Chinese: which market-supervision authority has jurisdiction, or 未知 */
  jurisdiction: string;
}

interface Place {
  province: string | null;
  city: string | null;
  county: string | null;
}

const HAN = '[\\u4e00-\\u9fa5]';
/** province? city? county?, each with its suffix, at the start of the text. */
const PLACE = new RegExp(
  `^(${HAN}{2,7}?(?:省|自治区))?(${HAN}{2,8}?(?:自治州|市|州|盟|地区))?(${HAN}{1,6}?(?:区|县|旗|市))?`,
);
const MUNICIPALITIES = ['北京市', '上海市', '天津市', '重庆市'];

function parsePlace(text: string): Place | null {
  const m = PLACE.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const [, province, city, county] = m;
  if (!province && !city && !county) return null;
  return { province: province ?? null, city: city ?? null, county: county ?? null };
}

/** The district's own units, e.g. 江州市涪溪区 → city 江州市, county 涪溪区. */
function districtPlace(name: string): Place {
  const m = PLACE.exec(name.replace(/\s+/g, ''));
  const province = m?.[1] ?? null;
  let city = m?.[2] ?? null;
  let county = m?.[3] ?? null;
  if (!county && city && !MUNICIPALITIES.includes(city) && m?.[0].length === name.length) {
    // a county-level city named alone (义乌市)
    county = city;
    city = null;
  }
  return { province, city, county };
}

function placeText(p: Place): string {
  return [p.province, p.city, p.county].filter(Boolean).join('');
}

function judge(p: Place, d: Place): boolean | null {
  if (d.city && p.city && p.city !== d.city) return false;
  if (d.county && p.county) {
    return p.county === d.county;
  }
  // a county-level city printed as the city of the name (义乌市…) against a district 义乌市
  if (d.county && !d.city && p.city) return p.city === d.county;
  return null;
}

export function supplierLocation(
  supplier: { name: string; address: string | null },
  districtName: string,
): SupplierLocation {
  const district = districtPlace(districtName);
  const tries: { text: string | null; basis: 'address' | 'name' }[] = [
    { text: supplier.address, basis: 'address' },
    { text: supplier.name, basis: 'name' },
  ];
  let first: { place: Place; basis: 'address' | 'name' } | null = null;
  for (const t of tries) {
    if (!t.text) continue;
    const place = parsePlace(t.text);
    if (!place) continue;
    first ??= { place, basis: t.basis };
    const inside = judge(place, district);
    if (inside === null) continue;
    const where = placeText(place);
    return {
      address: supplier.address,
      place: where,
      inDistrict: inside,
      basis: t.basis,
      label: inside ? `辖区内（${districtName}）` : `辖区外（${where}）`,
      jurisdiction: inside ? `${districtName}市场监督管理部门` : `${where}市场监督管理部门`,
    };
  }
  const where = first ? placeText(first.place) : null;
  return {
    address: supplier.address,
    place: where,
    inDistrict: null,
    basis: first?.basis ?? null,
    label: where ? `未知（${where}）` : '未知',
    jurisdiction: '未知',
  };
}
