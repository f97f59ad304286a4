/**
 * Chinese labels of finding codes, risk tiers and the reason a supplier is listed because of an
 * official sampling failure, from the one vocabulary (server/vocabulary.ts).
 */
import type { Severity } from '../verify/registry/registry';
import { FINDINGS, SAMPLING_FAILED, SEVERITIES, type ListReasonCode } from '../vocabulary';

export { SAMPLING_FAILED, type ListReasonCode };

export const REASON_LABELS: Record<ListReasonCode, string> = FINDINGS;

export const RISK_LABELS = Object.fromEntries(
  Object.entries(SEVERITIES).map(([k, v]) => [k, v.label]),
) as Record<Severity, string>;

export function reasonLabel(code: string): string {
  return (REASON_LABELS as Record<string, string>)[code] ?? code;
}
