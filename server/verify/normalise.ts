/** Small normalisers the verification rules compare with (names, report numbers, models, dates). */
import { toHalfWidth } from '../../parsers/text/normalise';
import { normalisePartyName } from '../../parsers/party-identity';

/** Levenshtein distance (small strings: names, models); one implementation for parsers and verification. */
export { editDistance } from '../../parsers/text/edit-distance';

/**
 * Memoises a string normaliser: documents repeat the same names thousands of times in a district,
 * and verification runs the same normalisation for every rule. Bounded so it cannot grow forever.
 */
function memo(fn: (s: string) => string): (s: string | null | undefined) => string {
  const cache = new Map<string, string>();
  return (s) => {
    if (!s) return '';
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size > 100_000) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** Full-width → half-width (the parsers' `toHalfWidth`), all white space removed. */
export const compact = memo((s: string): string => toHalfWidth(s).replace(/\s+/g, ''));

const DASHES = /[‐‑‒–—―−﹣－~～_]/g;

/** A report number for duplicate detection: spaces removed, dash variants unified, upper case. */
export const normaliseReportNumber = memo((s: string): string =>
  compact(s).replace(DASHES, '-').toUpperCase(),
);

/** Letters OCR confuses with digits; folded the same way on both sides of a model comparison. */
const MODEL_CONFUSABLES: Record<string, string> = {
  O: '0',
  Q: '0',
  I: '1',
  L: '1',
  S: '5',
  Z: '2',
  B: '8',
  G: '6',
};

/**
 * A model/款号 for comparison: upper case, letters and digits only (spaces, dashes and stray OCR
 * punctuation dropped), OCR-confusable letters folded to digits (`JC24-X15` ≡ `jc24x15` ≡ `JC24-XI5`).
 */
export const normaliseModel = memo((s: string): string =>
  compact(s)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/[OQILSZBG]/g, (c) => MODEL_CONFUSABLES[c] ?? c),
);

/** A name for display: labels and stray punctuation removed, the printed brackets kept. */
export const displayName = memo((s: string): string =>
  s
    .replace(/[|｜。，、,;；:：“”"'‘’〈〉《》<>·•*_]/g, '')
    .trim()
    .replace(
      /^[(（]?(?:供应商|供货单位|供货方|采购单位|采购人|采购方|甲方|乙方|委托单位|委托方|生产单位|生产者)[)）]?\s*/,
      '',
    )
    .trim(),
);

/** An organisation name for comparison: compact, brackets unified, labels and stray punctuation removed. */
export const normaliseName = memo(normalisePartyName);

const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '集团', '公司', '厂'];

/** The distinctive core of a company name (legal form and bracketed parts removed). */
export const nameCore = memo((s: string): string => {
  let n = normaliseName(s).replace(/\([^)]*\)/g, '');
  for (const form of LEGAL_FORMS) {
    if (n.endsWith(form)) {
      n = n.slice(0, -form.length);
      break;
    }
  }
  return n;
});

/** An item name for prefix matching: compact and lower-cased (pH值 ≡ PH值). */
export const normaliseItemName = memo((s: string): string =>
  compact(s).replace(/[（]/g, '(').replace(/[）]/g, ')').toLowerCase(),
);

/** `GB/T 31888-2015` → `GB/T 31888`; input already in the extraction's normal form. */
export const standardNumberOf = memo((edition: string): string =>
  normaliseStandard(edition).replace(/-\d{4}$/, ''),
);

/** Tolerant normal form `PREFIX NUMBER-YEAR` (accepts `GB/T31888—2015`, `GB 18401–2010 B类`). */
export const normaliseStandard = memo((s: string): string => {
  const c = compact(s).replace(DASHES, '-').replace(/／/g, '/').toUpperCase();
  const m = /^([A-Z]+(?:\/[A-Z])?)([0-9.]+)(?:-(\d{4}))?/.exec(c);
  if (!m) return c;
  return `${m[1]} ${m[2]}${m[3] ? `-${m[3]}` : ''}`;
});

/** Adds calendar months to an ISO date (clamped to the month's last day). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
