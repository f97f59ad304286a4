/**
 * A printed item row → a report item: names in the corpus convention (`parent sub`), units and
 * requirements with their "none" marks as null, the printed verdict word mapped, and — for OCR'd
 * text only — the corrections OCR needs (signs, half grades, detection limits, names and units
 * snapped to the vocabulary).
 */
import { NOT_APPLICABLE_RESULTS, NO_UNIT } from '../data/vocab';
import {
  canonicalItemName,
  fixUnit,
  ocrVerdictCellOf,
  restoreOcrValues,
  snapItemName,
  verdictOf,
} from '../item-vocab';
import { normaliseText } from '../text/normalise';
import type { ReportItem, Verdict } from '../types';
import type { RawItem } from './rows';

/** 'n/a' when the result itself says the item does not apply ("不适用（适用年龄3岁以上）", "无绳带"). */
export function notApplicable(result: string | null): Verdict | null {
  const r = result?.replace(/\s+/g, '') ?? '';
  return NOT_APPLICABLE_RESULTS.some((re) => re.test(r)) ? 'n/a' : null;
}

const clean = (s: string | null) => {
  if (s === null) return null;
  const t = normaliseText(s).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};

/** The verdict a verdict cell prints; in OCR'd text a misread check mark ("<" for √) counts too. */
export function printedVerdict(text: string | null, ocr: boolean): Verdict | null {
  const t = clean(text);
  return ocr ? ocrVerdictCellOf(t) : verdictOf(t);
}

/** The report item of a raw row. `ocr`: the text came from OCR (apply OCR corrections). */
export function finishItem(raw: RawItem, ocr: boolean): ReportItem {
  let name = canonicalItemName(clean(raw.name) ?? '');
  if (ocr) name = snapItemName(name);
  let unit = clean(raw.unit);
  if (unit !== null) unit = NO_UNIT.includes(fixUnit(unit)) ? null : fixUnit(unit);
  let requirement = clean(raw.requirement);
  if (requirement !== null && /^[/／]$/.test(requirement)) requirement = null;
  let result = clean(raw.result);
  if (ocr) ({ unit, requirement, result } = restoreOcrValues(name, { unit, requirement, result }));
  const verdictText = clean(raw.verdictText);
  const printed = printedVerdict(verdictText, ocr);
  // OCR'd text: a check mark misread ("<" for √) counts in the verdict column, and is flagged
  const misread = printed !== null && !verdictOf(verdictText);
  const verdict = printed ?? notApplicable(result);
  return {
    name,
    unit,
    requirement,
    result,
    verdict,
    page: raw.page,
    box: raw.box,
    confidence: raw.confidence * (printed && !misread ? 1 : 0.5),
    ...(misread && verdictText ? { verdictFromMisread: verdictText } : {}),
  };
}
