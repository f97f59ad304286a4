/**
 * The rule registry is data (JSON under ./versions), versioned and date-aware. This zod schema validates
 * one registry document; `RuleRegistry` is the type the engine reads.
 */
import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../../../parsers/types';

export const FINDING_CODES = [
  'MISSING_SUPPLIER_REPORT',
  'MISSING_PURCHASER_REPORT',
  'ITEM_FAILED',
  'CONCLUSION_CONTRADICTS_ITEMS',
  'STANDARD_SUPERSEDED',
  'REQUIRED_STANDARD_MISSING',
  'REQUIRED_ITEM_MISSING',
  'REPORT_OUT_OF_DATE_WINDOW',
  'PRODUCT_MISMATCH',
  'CLIENT_MISMATCH',
  'DUPLICATE_REPORT_NUMBER',
  'INVALID_USCC',
  'NO_CMA',
  'NO_CCC',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const CATEGORIES = PRODUCT_CATEGORIES;
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** A standard number without its year, e.g. `GB/T 31888`, `GB 6675.4`. */
const standardNumber = z.string().regex(/^[A-Z/]+ [0-9.]+$/, 'PREFIX NUMBER (no year)');
/** A standard with its year, e.g. `GB 18401-2003`. */
const standardEdition = z.string().regex(/^[A-Z/]+ [0-9.]+-\d{4}$/, 'PREFIX NUMBER-YEAR');
/**
 * A line condition: `under14` (the purchaser teaches children ≤14, or its level is unknown), `filled`
 * (bedding with 絮用纤维) or `infant` (a product for children ≤36 months: 托班, 婴幼儿用品).
 */
const condition = z.enum(['under14', 'filled', 'infant']);
/** Where a rule comes from: standard and clause, or policy text and article. Never empty. */
const source = z.string().min(4);

/** The policy behind the supplier list's two bands (supplier side above school side). */
export const SUPPLIER_LIST_SOURCE =
  '教育部等四部门《关于加强中小学生校服管理工作的意见》（教基一〔2015〕3号）：供货企业送检为本批次成衣合格的前提，' +
  '学校送检为“鼓励”，教育行政部门定期向所在地质监部门通报校服供货企业名单；' +
  '2024年儿童和学生用品安全守护行动：市场监管部门根据供货企业名单开展监督抽查和风险监测';
const safetyClass = z.enum(['A', 'B', 'C']);

/** A numeric bound. `op` carries the sign, so a printed `<` or `≤` never decides the judgement. */
const bound = z.object({
  op: z.enum(['<=', '<', '>=', '>']),
  value: z.number(),
});
/** A requirement: one or two bounds (a range such as pH 4.0～8.5 is `[>= 4.0, <= 8.5]`). */
const requirement = z.array(bound).min(1).max(2);

export const limitRuleSchema = z.object({
  id: z.string().min(1),
  /** Printed item names this rule applies to (prefix match after normalisation). */
  items: z.array(z.string().min(1)).min(1),
  /** When set, the printed name must also contain one of these (an element, a phthalate group). */
  subItems: z.array(z.string().min(1)).optional(),
  /** Categories whose reports are re-judged with this rule. */
  categories: z.array(z.enum(CATEGORIES)).min(1),
  /** The standard and clause the limit comes from (documentation and evidence text). */
  source,
  /** `number`: a measured value; `grade`: a colour-fastness grade on the half-grade scale (3-4 = 3.5). */
  scale: z.enum(['number', 'grade']),
  /** The unit `value` is in; results printed in another known unit are converted (% ↔ mg/kg). */
  unit: z.string().nullable(),
  /** One requirement for every class, or per safety class (A/B/C). */
  requirement: requirement.optional(),
  byClass: z.partialRecord(safetyClass, requirement).optional(),
  /** Values outside this range are read errors (a lost decimal point: pH 65), not results: not re-judged. */
  plausible: z.tuple([z.number(), z.number()]).optional(),
  /** The limit is on the sum of the `subItems` (phthalate groups): printed parts are added up. */
  sum: z.boolean().optional(),
  /** A limit of a newer edition: applies to reports citing `edition` or dated on/after `from`. */
  from: isoDate.optional(),
  edition: standardEdition.optional(),
  /** Only for products whose sample or line name holds one of these words (造型黏土, 水晶泥). */
  productKeywords: z.array(z.string().min(1)).optional(),
});
export type LimitRule = z.infer<typeof limitRuleSchema>;

const categoryRulesSchema = z.object({
  label: z.string(),
  /** The GB 18401 class assumed when the report prints none. */
  defaultSafetyClass: safetyClass.nullable(),
  /**
   * The class the product must meet whatever the report prints; the strictest applicable entry wins and
   * items are judged at the stricter of it and the printed class.
   */
  requiredSafetyClass: z
    .array(z.object({ class: safetyClass, when: condition.optional(), source }))
    .optional(),
  /** GB/T 31888: nominal cotton content of the skin-contact parts at least this many per cent. */
  cottonMinNominalPercent: z.object({ value: z.number().positive(), source }).optional(),
  /** In the CCC catalogue: a line with no 3C certificate number on its reports or contract is NO_CCC. */
  cccRequired: z.object({ source }).optional(),
  /** Product standards a report may follow (documentation: none of them is forced). */
  productStandards: z.object({ anyOf: z.array(standardNumber).min(1), source }).optional(),
  /** Words in a product or sample name that identify the category (PRODUCT_MISMATCH, line proposals). */
  productKeywords: z.array(z.string()).min(1),
  /** Each group is satisfied by citing any of its numbers (any year) or a superseded predecessor. */
  requiredStandards: z.array(
    z.object({ anyOf: z.array(standardNumber).min(1), when: condition.optional(), source }),
  ),
  /** Each item is satisfied by a printed item whose name starts with one of `names`. */
  requiredItems: z.array(
    z.object({
      names: z.array(z.string().min(1)).min(1),
      label: z.string().optional(),
      when: condition.optional(),
      source,
      /** A safety item that is never legitimately n/a: printed "/" or 不适用 counts as missing. */
      mustApply: z.boolean().optional(),
    }),
  ),
});

export const registrySchema = z.object({
  version: z.string().regex(/^\d{4}\.\d+$/),
  /** The registry applies to verifications run on or after this date (newest applicable wins). */
  effectiveFrom: isoDate,
  note: z.string(),
  /** Where the weights come from (the service's ranking policy). */
  weightsSource: source,
  weights: z.record(
    z.enum(FINDING_CODES),
    z.object({ weight: z.number().int().positive(), tier: z.enum(SEVERITIES) }),
  ),
  /**
   * How the supplier list for market supervision (供货企业名单) ranks: findings with these codes are gaps on
   * the school's side (its own sampling), ranked below every failure on the supplier's side; they belong in
   * the bureau's compliance view. Versions published before this field rank with the default.
   */
  supplierList: z
    .object({ schoolSideCodes: z.array(z.enum(FINDING_CODES)), source })
    .default({ schoolSideCodes: ['MISSING_PURCHASER_REPORT'], source: SUPPLIER_LIST_SOURCE }),
  conditions: z.object({
    /** School kinds whose pupils are ≤14 (GB 31701 applies). */
    under14SchoolKinds: z.array(z.string()).min(1),
    under14SchoolKindsSource: source,
    /** Words in a product or sample name that mark a product for children ≤36 months. */
    infantKeywords: z.array(z.string().min(1)).min(1),
    /** Product standards for infants: a report citing one is about an infant product. */
    infantStandards: z.array(standardNumber),
    infantSource: source,
    /** A bedding product with one of these words has 絮用纤维 filling … */
    filledKeywords: z.array(z.string()).min(1),
    /** … unless it is a set of sheets/covers (these words win when no filled word is more specific). */
    unfilledKeywords: z.array(z.string()),
  }),
  categories: z.object({
    school_uniform: categoryRulesSchema,
    kindergarten_garment: categoryRulesSchema,
    plastic_toy: categoryRulesSchema,
    bedding: categoryRulesSchema,
  }),
  superseded: z.array(
    z.object({
      cited: standardEdition,
      replacedBy: z.array(standardEdition).min(1),
      /** The replacement came into force on this date: a report tested from then on citing `cited` is superseded. */
      since: isoDate,
      /**
       * Last day goods made before `since` may still be sold/delivered on an old-edition report (GB 6675
       * "12+12"). A delivery after it covered only by old-edition reports is superseded; a delivery
       * between `since` and this day needs goods produced before `since`.
       */
      stockSaleUntil: isoDate.optional(),
      source,
      note: z.string().optional(),
    }),
  ),
  limits: z.array(limitRuleSchema),
  /** Default date windows; a district's policy may override the month counts. */
  dateWindows: z.object({
    supplierMaxAgeMonthsBeforeSigning: z.number().int().nonnegative(),
    purchaserMonthsAfterDelivery: z.number().int().positive(),
    source,
  }),
  /**
   * 本批次: the supplier's report must be for the delivered batch; batch number and production date are
   * compared where both sides print them (categories this applies to).
   */
  perBatch: z.object({ categories: z.array(z.enum(CATEGORIES)).min(1), source }),
  /**
   * Set lines (套装): a line listing pieces is covered only when its reports name every piece. Piece words
   * recognise a list; set words mark a report on the whole set; a generic word (裤子) stands for the pieces
   * holding one of its fragments (裤).
   */
  setLines: z.object({
    categories: z.array(z.enum(CATEGORIES)).min(1),
    pieceWords: z.array(z.string().min(1)).min(2),
    setWords: z.array(z.string().min(1)).min(1),
    generic: z.record(z.string(), z.array(z.string().min(1))),
    source,
  }),
  /** Words that mark a 委托单位 as an education authority (the district's bureau). */
  bureauSuffixes: z.array(z.string().min(1)).min(1),
  bureauSuffixesSource: source,
});

export type RuleRegistry = z.infer<typeof registrySchema>;
export type CategoryRules = z.infer<typeof categoryRulesSchema>;
export type LineCondition = z.infer<typeof condition>;
