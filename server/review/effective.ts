/**
 * `effective` = the extraction with people's corrections applied in order, and the list of fields that
 * still need a person's look (`review_fields`): missing required fields, low-confidence fields and the
 * parser's own flags — minus whatever a person has corrected since.
 */
import type { Extraction } from '../../parsers/types';
import type { ReviewField } from '../../models/document.repository';
import { normaliseName } from '../verify/normalise';
import { matchName, nearMiss, type NearMissLimits } from '../verify/parties';
import { getPath, labelOf, setPath } from './field-paths';
import { DOCUMENT_KINDS } from '../vocabulary';

/** Below this confidence a field is shown for review. */
export const LOW_CONFIDENCE = 0.75;

const REQUIRED: Record<Extraction['kind'], string[]> = {
  test_report: ['reportNumber', 'lab.name', 'sample.name', 'client', 'dates.issued', 'conclusion', 'items'],
  contract: ['purchaser.name', 'supplier.name', 'lines'],
};

/** Organisation names OCR may misread, checked against the names registered in the district. */
const NAME_FIELDS: Record<Extraction['kind'], string[]> = {
  test_report: ['client', 'manufacturer'],
  contract: ['purchaser.name', 'supplier.name'],
};

/** A review prompt may be looser than matching (see nearMiss): names of six characters on, two edits. */
const REVIEW_LIMITS: NearMissLimits = { minLength: 6, maxEdits: () => 2 };

/**
 * Two names of one length that differ in two neighbouring characters name two organisations
 * (示范市童趣服饰有限公司 / 示范市明德服饰有限公司: the 字号 itself differs), not one misread twice.
 */
function anotherTradeName(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1]! - diff[0]! === 1;
}

/**
 * The registered names `value` is one or two characters away from (a rare character OCR read as another
 * or dropped: "江州市溪区金桥幼儿园" for 江州市涪溪区金桥幼儿园), nearest first, or null when it is one of
 * them or near none. `suggestion` is set only when exactly one registered name is that near: the
 * reviewer is offered it, nothing is replaced (issue 10 point 6: near names never match silently).
 */
export function nearKnownName(
  value: string,
  known: readonly string[],
): { name: string; distance: number; suggestion: string | null; candidates: string[] } | null {
  const v = normaliseName(value);
  if (known.some((k) => normaliseName(k) === v)) return null;
  const near = [...new Set(known)]
    .map((name) => ({ name, distance: nearMiss(v, normaliseName(name), REVIEW_LIMITS) }))
    .filter((n) => n.distance > 0 && !anotherTradeName(v, normaliseName(n.name)))
    .sort((a, b) => a.distance - b.distance);
  const best = near[0];
  if (!best) return null;
  return {
    name: best.name,
    distance: best.distance,
    suggestion: near.length === 1 ? best.name : null,
    candidates: near.map((n) => n.name),
  };
}

export interface Correction {
  path: string;
  after: unknown;
}

/** Applies corrections (oldest first) to a copy of the extraction. */
export function applyCorrections(extraction: Extraction, corrections: readonly Correction[]): Extraction {
  const out = structuredClone(extraction) as unknown as Record<string, unknown>;
  for (const c of corrections) {
    try {
      setPath(out, c.path, structuredClone(c.after));
    } catch {
      // A correction that no longer fits a re-extracted document (a row that vanished) is skipped.
    }
  }
  return out as unknown as Extraction;
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** Whether `a` and `b` overlap: one is the other or its ancestor (`items` covers `items.3.result`). */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Fields needing review in `effective`. `corrected` paths were looked at by a person: their low-confidence
 * and parser flags are dropped, but a required field a person left empty is still reported.
 */
export function computeReviewFields(
  effective: Extraction,
  corrected: readonly string[],
  opts: {
    declaredKind?: string | null;
    /** the district's registered school and bureau names (see nearKnownName) */
    knownNames?: readonly string[];
    /** the name of the school that uploaded the document (a contract's 采购人 must be it) */
    ownSchoolName?: string;
    /** required items of the report's category its item table lacks (verify/report-checks) */
    missingItems?: readonly string[];
    /** paths a person confirmed when finishing the review (核对完成): not flagged again */
    confirmed?: readonly string[];
  } = {},
): ReviewField[] {
  const out = new Map<string, ReviewField>();
  const touched = (p: string) => corrected.some((c) => pathsOverlap(c, p));
  const confirmed = new Set(opts.confirmed ?? []);
  const add = (f: ReviewField) => {
    if (!out.has(f.path) && !confirmed.has(f.path)) out.set(f.path, f);
  };
  for (const path of REQUIRED[effective.kind]) {
    if (isEmpty(getPath(effective, path))) {
      add({ path, reason: 'missing', message: `未能识别必填字段「${labelOf(path)}」，请核对原件后填写` });
    }
  }
  for (const flag of effective.review ?? []) {
    if (!touched(flag.path)) add({ path: flag.path, reason: flag.reason, message: flag.message });
  }
  const fields = effective.fields ?? {};
  for (const [path, meta] of Object.entries(fields)) {
    if (typeof meta?.confidence === 'number' && meta.confidence < LOW_CONFIDENCE && !touched(path)) {
      add({
        path,
        reason: 'low_confidence',
        message: `「${labelOf(path)}」识别置信度较低（${Math.round(meta.confidence * 100)}%），请核对`,
      });
    }
  }
  if (effective.kind === 'test_report' && opts.missingItems?.length && !isEmpty(effective.items)) {
    add({
      path: 'items',
      reason: 'required_item_missing',
      message: `未识别到必检项目：${opts.missingItems.join('、')}。如原件有，请“添加一行”补录；如原件确实没有，请点击“核对完成”确认`,
    });
  }
  if (effective.kind === 'contract' && opts.ownSchoolName) {
    const purchaser = effective.purchaser.name;
    // Not within OCR tolerance: 桂湖小学 two characters from 实验小学 is another school, not a misread.
    const own = purchaser ? matchName(purchaser, opts.ownSchoolName, [], { nearMiss: false }) : null;
    if (purchaser && !touched('purchaser.name') && !own?.matched) {
      // a purchaser the parser decoded to a registered name is first of all another school's: that
      // prompt stands, with what OCR read
      const decoded = out.get('purchaser.name');
      if (decoded?.reason === 'name_decoded') out.delete('purchaser.name');
      add({
        path: 'purchaser.name',
        reason: 'purchaser_mismatch',
        message: `合同采购人（甲方）“${purchaser}”不是上传学校“${opts.ownSchoolName}”，该合同可能属于其他学校，不应计入本校；如确为本校合同，请更正采购人或点击“核对完成”确认${decoded?.reason === 'name_decoded' ? `（${decoded.message}）` : ''}`,
      });
    }
  }
  for (const path of NAME_FIELDS[effective.kind]) {
    const value = getPath(effective, path);
    const near =
      typeof value === 'string' && !touched(path) ? nearKnownName(value, opts.knownNames ?? []) : null;
    if (near?.suggestion) {
      add({
        path,
        reason: 'near_known_name',
        message: `「${labelOf(path)}」识别为“${String(value)}”，与本区登记的“${near.name}”相差 ${near.distance} 个字，请核对原件`,
        suggestion: near.suggestion,
      });
    } else if (near) {
      add({
        path,
        reason: 'near_known_name',
        message: `「${labelOf(path)}」识别为“${String(value)}”，与本区登记的 ${near.candidates.map((n) => `“${n}”`).join('、')} 都相近，请核对原件`,
      });
    }
  }
  if (
    opts.declaredKind &&
    opts.declaredKind !== 'unknown' &&
    opts.declaredKind !== effective.kind &&
    !touched('kind')
  ) {
    add({
      path: 'kind',
      reason: 'kind_mismatch',
      message: `上传时声明为「${kindLabel(opts.declaredKind)}」，但识别为「${kindLabel(effective.kind)}」`,
    });
  }
  return [...out.values()];
}

function kindLabel(kind: string): string {
  return DOCUMENT_KINDS[kind as keyof typeof DOCUMENT_KINDS] ?? kind;
}
