/**
 * Who a party is, by name: the one normal form for organisation names, and THE supplier identity rule
 * (issue 9 point 2, issue 10 point 6) used by intake, `dsv audit`, verification and the supplier list.
 *
 * Two supplier records are the same enterprise when
 * 1. both carry a valid 统一社会信用代码 (GB 32100-2015 check passes) and the codes are equal, or
 * 2. (unless both carry valid codes that differ) their names are equal after normalisation, or one's
 *    name equals a registered alias of the other.
 * Nothing else: a name one character off, without its legal form or its city prefix is NOT the same
 * supplier (it may be a look-alike company); such names go to a person (review, confirmation).
 */
import { isValidUscc, normaliseUscc } from './uscc';
import { toHalfWidth } from './text/normalise';

/** Punctuation that is never part of an organisation name (table rules and quote marks read by OCR). */
const NAME_JUNK = /[|｜。，、,;；:：“”"'‘’〈〉《》<>·•*_]/g;
/** A field label printed before the name: （供应商）：…, 甲方：… */
const NAME_LABEL =
  /^\(?(?:供应商|供货单位|供货方|采购单位|采购人|采购方|甲方|乙方|委托单位|委托方|生产单位|生产者)\)?/;

/** An organisation name for comparison: half-width, no white space, brackets unified, labels and stray punctuation removed. */
export function normalisePartyName(s: string | null | undefined): string {
  if (!s) return '';
  return toHalfWidth(s)
    .replace(/\s+/g, '')
    .replace(NAME_JUNK, '')
    .replace(/[（【[]/g, '(')
    .replace(/[）】\]]/g, ')')
    .replace(NAME_LABEL, '');
}

export interface SupplierFacts {
  name: string | null | undefined;
  uscc?: string | null;
  aliases?: readonly string[] | null;
}

/** The USCC a supplier is keyed by: normalised, and only when it passes the GB 32100-2015 check. */
export function supplierUsccKey(uscc: string | null | undefined): string | null {
  if (!uscc) return null;
  const n = normaliseUscc(uscc);
  return isValidUscc(n) ? n : null;
}

export type SupplierMatch = 'uscc' | 'name' | 'alias';

/** How two supplier records are the same enterprise (see the rule above), or null when they are not. */
export function sameSupplier(a: SupplierFacts, b: SupplierFacts): SupplierMatch | null {
  const ua = supplierUsccKey(a.uscc);
  const ub = supplierUsccKey(b.uscc);
  if (ua && ub) return ua === ub ? 'uscc' : null;
  const na = normalisePartyName(a.name);
  const nb = normalisePartyName(b.name);
  if (!na || !nb) return null;
  if (na === nb) return 'name';
  if ((b.aliases ?? []).some((x) => normalisePartyName(x) === na)) return 'alias';
  if ((a.aliases ?? []).some((x) => normalisePartyName(x) === nb)) return 'alias';
  return null;
}

/**
 * Groups supplier records into enterprises by the rule above, in first-appearance order: `keyOf`
 * returns the same key for records of one enterprise (a later record may join two groups seen apart
 * only by name and code — the first group's key is kept).
 */
export class SupplierKeys {
  private readonly byUscc = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private next = 0;

  keyOf(s: SupplierFacts): string {
    const uscc = supplierUsccKey(s.uscc);
    const names = [s.name, ...(s.aliases ?? [])].map(normalisePartyName).filter((n) => n !== '');
    let key = uscc ? this.byUscc.get(uscc) : undefined;
    if (!key) {
      for (const n of names) {
        const k = this.byName.get(n);
        // a name shared with an enterprise of another valid code is not the same enterprise
        if (k && !(uscc && k.startsWith('uscc:') && k !== `uscc:${uscc}`)) {
          key = k;
          break;
        }
      }
    }
    key ??= uscc ? `uscc:${uscc}` : `name:${names[0] ?? `#${this.next++}`}`;
    if (uscc && !this.byUscc.has(uscc)) this.byUscc.set(uscc, key);
    for (const n of names) if (!this.byName.has(n)) this.byName.set(n, key);
    return key;
  }
}
