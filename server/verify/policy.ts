/**
 * Verification policy that varies by province/district. Stored as overrides in `districts.policy`
 * (jsonb); anything not set falls back to the documented defaults below.
 *
 * Defaults and their source (shared/domain.md §1.6, §7.2–7.3):
 * - `purchaserReportRequired: true` — nationally the school-side test is only "encouraged" (教基一〔2015〕3号),
 *   but many provinces (Shaanxi, Anhui, Hunan …) make it mandatory; we default to the stricter reading.
 * - `supplierReportMaxAgeMonths: null` → the registry's default (12 months before signing, MANIFEST
 *   DATE_WINDOWS). No national validity window exists; a province may set its own.
 * - `purchaserWindowMonths: null` → the registry's default (issued within 6 months after delivery).
 * - `purchaserReportGraceDays: 30` — MISSING_PURCHASER_REPORT is only raised once the `asOf` date is this
 *   many days past the delivery date (the school needs time to sample and get the report back).
 */
import { z } from 'zod';
import type { RuleRegistry } from './registry/registry';

export const policyOverridesSchema = z
  .object({
    purchaserReportRequired: z.boolean(),
    supplierReportMaxAgeMonths: z.number().int().positive().nullable(),
    purchaserWindowMonths: z.number().int().positive().nullable(),
    purchaserReportGraceDays: z.number().int().nonnegative(),
  })
  .partial();
export type PolicyOverrides = z.infer<typeof policyOverridesSchema>;

export const DEFAULT_POLICY = {
  purchaserReportRequired: true,
  supplierReportMaxAgeMonths: null,
  purchaserWindowMonths: null,
  purchaserReportGraceDays: 30,
} as const satisfies Required<PolicyOverrides>;

/** The policy the engine reads: every value resolved. */
export interface VerificationPolicy {
  purchaserReportRequired: boolean;
  supplierReportMaxAgeMonths: number;
  purchaserWindowMonths: number;
  purchaserReportGraceDays: number;
}

/** Resolves a district's overrides (unknown jsonb) against the defaults and the registry. */
export function resolvePolicy(overrides: unknown, registry: RuleRegistry): VerificationPolicy {
  const parsed = policyOverridesSchema.safeParse(overrides ?? {});
  const o: PolicyOverrides = parsed.success ? parsed.data : {};
  return {
    purchaserReportRequired: o.purchaserReportRequired ?? DEFAULT_POLICY.purchaserReportRequired,
    supplierReportMaxAgeMonths:
      o.supplierReportMaxAgeMonths ?? registry.dateWindows.supplierMaxAgeMonthsBeforeSigning,
    purchaserWindowMonths: o.purchaserWindowMonths ?? registry.dateWindows.purchaserMonthsAfterDelivery,
    purchaserReportGraceDays: o.purchaserReportGraceDays ?? DEFAULT_POLICY.purchaserReportGraceDays,
  };
}
