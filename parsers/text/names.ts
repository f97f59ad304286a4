/** Printed names as fields keep them: OCR spaces between Han characters collapsed, no trailing address. */
import { cleanValue, collapseHanSpaces, isEmptyMarker } from './normalise';

/** A printed name/value: collapses OCR spaces between Han characters, keeps full-width brackets. */
export function cleanName(v: string | null | undefined): string | null {
  if (v === null || v === undefined || isEmptyMarker(v)) return null;
  const s = cleanValue(collapseHanSpaces(v));
  return s || null;
}

/** How an organisation's name ends (its legal form or kind of body), as data. */
export const ORG_NAME_END =
  /(?:公司|厂|院|所|中心|学校|小学|中学|学院|大学|幼儿园|委员会|局|部|店|社|集团|商行|工作室|Co\.,? ?Ltd\.?|Company|School|Kindergarten)$/i;

/** What a contract says it calls a party after its name: （以下简称“甲方”）, (hereinafter "Party A"), or both. */
const CALLED_AFTER = /(?:\s*[（(]\s*(?:以下简称|以下称|下称|简称|hereinafter)[^）)]*[）)])+\s*$/i;

/**
 * Organisation names: drops a following bracketed address ("…有限公司（…路3号）") and what the contract
 * calls the party from then on ("…小学（以下简称“甲方”）").
 */
export function cleanOrgName(v: string | null | undefined): string | null {
  const s = cleanName(cleanName(v)?.replace(CALLED_AFTER, ''));
  if (!s) return null;
  const m =
    /^(.+?(?:公司|厂|院|所|中心|学校|小学|中学|幼儿园|委员会|局|部|店|社))\s*[（(][^）)]*(?:市|区|县|路|街|号|镇)[^）)]*[）)]$/.exec(
      s,
    );
  return m?.[1] ?? s;
}
