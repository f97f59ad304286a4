/**
 * The one database schema (PostgreSQL 15+ and PGlite). Migrations are generated from this file
 * with `npm run db:create-migration` and checked in under models/migrations/.
 */
import { sql } from 'drizzle-orm';
import { PRODUCT_CATEGORIES } from '../parsers/types';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);
/**
 * The digits of a document's effective report number after NFKC (full-width and other compatibility
 * digits folded) — the key of `documents_report_number_digits_idx`. Reports the verification engine
 * treats as carrying the same number (NFKC, spaces and dash variants removed, upper case) always
 * have the same digits, so a look-up by digits followed by the exact comparison finds all of them.
 * `reportNumberDigitsOf` in models/report.repository.ts is the same function in TypeScript.
 */
export const reportNumberDigits = (effective: AnyPgColumn) =>
  sql`regexp_replace(normalize((${effective} ->> 'reportNumber'), NFKC), '[^0-9]', '', 'g')`;

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 学校类型 */
export const schoolKind = pgEnum('school_kind', [
  'kindergarten', // 幼儿园
  'primary', // 小学
  'junior', // 初中
  'senior', // 高中
  'complete_secondary', // 完全中学
  'nine_year', // 九年一贯制
]);

export const userRole = pgEnum('user_role', ['school_staff', 'bureau', 'regulator', 'admin']);

/** 产品类别 */
export const productCategory = pgEnum('product_category', PRODUCT_CATEGORIES);

/** 抽查类别 of a recorded result (成果统计表 counts each in its own group) */
export const samplingKind = pgEnum('sampling_kind', [
  'supervision', // 监督抽查
  'risk_monitoring', // 风险监测
]);

export const documentKind = pgEnum('document_kind', ['contract', 'test_report', 'unknown']);

export const documentStatus = pgEnum('document_status', [
  'queued',
  'processing',
  'parsed',
  'needs_review',
  'failed',
]);

/** 区县 */
export const districts = pgTable('districts', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** 教育行政部门 (e.g. 江州市涪溪区教育委员会) */
  bureauName: text('bureau_name').notNull(),
  /** Per-district verification policy overrides (see server/verify/policy). */
  policy: jsonb('policy')
    .notNull()
    .default(sql`'{}'::jsonb`),
  createdAt: createdAt(),
});

/** 学校 */
export const schools = pgTable(
  'schools',
  {
    id: id(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    name: text('name').notNull(),
    kind: schoolKind('kind').notNull(),
    address: text('address'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('schools_district_name_uq').on(t.districtId, t.name)],
);

/** 供货企业 */
export const suppliers = pgTable(
  'suppliers',
  {
    id: id(),
    name: text('name').notNull(),
    /** 统一社会信用代码, as printed (may fail the check: INVALID_USCC) */
    uscc: text('uscc'),
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('suppliers_name_uq').on(t.name), index('suppliers_uscc_idx').on(t.uscc)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    districtId: uuid('district_id').references(() => districts.id),
    disabled: boolean('disabled').notNull().default(false),
    /** Set by an administrator's reset: the user must choose a new password before anything else. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id: text('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/**
 * Failed-login counters shared by every process (login throttling): one row per account name
 * (`user:<name>`, whether or not the account exists) and per client address (`addr:<ip>`). `score`
 * is the number of recent failures, decaying linearly since `updated_at` (see server/auth/throttle.ts).
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text('key').primaryKey(),
    score: doublePrecision('score').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_throttles_updated_idx').on(t.updatedAt)],
);

/** Personal API tokens (Bearer) for scripts. */
export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** A stored file, kept exactly once by content hash. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  pages: integer('pages'),
  createdAt: createdAt(),
});

/** An uploaded document (合同 or 检验报告) as a school handed it in. */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    /** The client's file name, for display only (never used as a path). */
    originalName: text('original_name').notNull(),
    declaredKind: documentKind('declared_kind'),
    kind: documentKind('kind').notNull().default('unknown'),
    status: documentStatus('status').notNull().default('queued'),
    stage: text('stage'),
    page: integer('page'),
    pageCount: integer('page_count'),
    failureCode: text('failure_code'),
    failureReason: text('failure_reason'),
    /** The extraction as read (shape of shared/spec/extraction.md plus confidence/boxes). */
    extraction: jsonb('extraction'),
    /** The extraction with people's corrections applied: what verification uses. */
    effective: jsonb('effective'),
    /** Fields that need a person's look: [{ path, reason }] */
    reviewFields: jsonb('review_fields')
      .notNull()
      .default(sql`'[]'::jsonb`),
    processingMs: integer('processing_ms'),
    /**
     * Paths a person confirmed as read when finishing the review (核对完成): their review flags are not
     * raised again, whatever their reason.
     */
    confirmedPaths: jsonb('confirmed_paths')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Who finished the review (核对完成) last, and when. */
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('documents_school_sha_uq').on(t.schoolId, t.sha256),
    index('documents_status_idx').on(t.status),
    index('documents_report_number_digits_idx').on(reportNumberDigits(t.effective)),
  ],
);

/** A person's correction of one extracted field. */
export const fieldCorrections = pgTable('field_corrections', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

/** 检验报告 (structured, from the effective extraction). */
export const testReports = pgTable(
  'test_reports',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .unique()
      .references(() => documents.id, { onDelete: 'cascade' }),
    reportNumber: text('report_number'),
    labName: text('lab_name'),
    cmaNumber: text('cma_number'),
    cnasNumber: text('cnas_number'),
    sampleName: text('sample_name'),
    sampleModel: text('sample_model'),
    trademark: text('trademark'),
    batch: text('batch'),
    safetyClass: text('safety_class'),
    client: text('client'),
    manufacturer: text('manufacturer'),
    inspectionType: text('inspection_type'),
    receivedDate: date('received_date'),
    testedDate: date('tested_date'),
    issuedDate: date('issued_date'),
    standards: text('standards')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    conclusion: text('conclusion'),
    pages: integer('pages'),
  },
  (t) => [index('test_reports_number_idx').on(t.reportNumber)],
);

export const testReportItems = pgTable('test_report_items', {
  id: id(),
  reportId: uuid('report_id')
    .notNull()
    .references(() => testReports.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  name: text('name'),
  unit: text('unit'),
  requirement: text('requirement'),
  result: text('result'),
  verdict: text('verdict'),
  page: integer('page'),
});

/** 采购合同 */
export const contracts = pgTable(
  'contracts',
  {
    id: id(),
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    contractNumber: text('contract_number'),
    purchaserName: text('purchaser_name'),
    supplierName: text('supplier_name'),
    supplierUscc: text('supplier_uscc'),
    signedDate: date('signed_date'),
    deliveryDate: date('delivery_date'),
    totalAmount: numeric('total_amount', { precision: 14, scale: 2 }),
    standards: text('standards')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [index('contracts_school_idx').on(t.schoolId), index('contracts_document_idx').on(t.documentId)],
);

/** 合同明细行 */
export const contractLines = pgTable(
  'contract_lines',
  {
    id: id(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    product: text('product').notNull(),
    category: productCategory('category'),
    model: text('model'),
    quantity: numeric('quantity', { precision: 14, scale: 2 }),
    unit: text('unit'),
    unitPrice: numeric('unit_price', { precision: 14, scale: 2 }),
    amount: numeric('amount', { precision: 14, scale: 2 }),
    /**
     * 验收/到货日期: the day the school accepted the goods (set by school staff); the school-side
     * report window counts from it, else from the contract's delivery date.
     */
    acceptedDate: date('accepted_date'),
    acceptedDateSetBy: uuid('accepted_date_set_by').references(() => users.id),
  },
  (t) => [uniqueIndex('contract_lines_uq').on(t.contractId, t.lineNo)],
);

/** Which report a school handed in for which contract line (送检报告关联). */
export const lineReports = pgTable(
  'line_reports',
  {
    lineId: uuid('line_id')
      .notNull()
      .references(() => contractLines.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /**
     * 'school' (handed in by staff), 'auto' (matched by the service with confidence, with a reason; a
     * person may undo it) or 'proposed' (dsv audit's best guess for a folder without submissions.json)
     */
    source: text('source').notNull().default('school'),
    reason: text('reason'),
    linkedBy: uuid('linked_by').references(() => users.id),
    /**
     * A near-miss 委托单位 confirmed by a person as this line's supplier, school or bureau: the printed
     * name confirmed (the confirmation lapses when the report's 委托单位 changes), who and when.
     */
    clientConfirmed: text('client_confirmed'),
    clientConfirmedBy: uuid('client_confirmed_by').references(() => users.id),
    clientConfirmedAt: timestamp('client_confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.documentId] }),
    index('line_reports_document_idx').on(t.documentId),
  ],
);

/**
 * The service's matching of a report to a contract line that a person decides on: a suggestion
 * ('suggested', shown with its reason until confirmed or dismissed) or a pair a person ruled out
 * ('dismissed': an undone automatic match or a dismissed suggestion, never proposed again).
 */
export const lineReportMatches = pgTable(
  'line_report_matches',
  {
    lineId: uuid('line_id')
      .notNull()
      .references(() => contractLines.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    state: text('state').notNull(),
    score: integer('score').notNull().default(0),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.documentId] }),
    index('line_report_matches_document_idx').on(t.documentId),
  ],
);

/** A verification finding about one contract line. */
export const findings = pgTable(
  'findings',
  {
    id: id(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => contractLines.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    severity: text('severity').notNull(),
    message: text('message').notNull(),
    evidence: jsonb('evidence')
      .notNull()
      .default(sql`'[]'::jsonb`),
    registryVersion: text('registry_version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('findings_line_idx').on(t.lineId)],
);

/** The rule registry (standards, items, limits, windows), versioned. */
export const ruleRegistryVersions = pgTable('rule_registry_versions', {
  id: id(),
  version: text('version').notNull().unique(),
  rules: jsonb('rules').notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/** 供货企业名单 snapshots sent by a bureau to market supervision. */
export const samplingLists = pgTable(
  'sampling_lists',
  {
    id: id(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    registryVersion: text('registry_version').notNull(),
    sentBy: uuid('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sampling_lists_version_uq').on(t.districtId, t.version)],
);

/** Market supervision's sampling results (监督抽查结果) recorded back. */
export const samplingResults = pgTable('sampling_results', {
  id: id(),
  districtId: uuid('district_id')
    .notNull()
    .references(() => districts.id),
  supplierId: uuid('supplier_id')
    .notNull()
    .references(() => suppliers.id),
  listId: uuid('list_id').references(() => samplingLists.id),
  /** 监督抽查 (rows recorded before kinds existed) or 风险监测 */
  kind: samplingKind('kind').notNull().default('supervision'),
  sampledBatches: integer('sampled_batches').notNull(),
  failedBatches: integer('failed_batches').notNull(),
  failingItems: text('failing_items')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  reportNumbers: text('report_numbers')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  sampledOn: date('sampled_on'),
  note: text('note'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: createdAt(),
});

/**
 * The 成果统计表 cells market supervision types (监督检查, 执法办案, 打击查处, …) for one district and
 * campaign period (起止日期); `cells` maps a column key of server/sampling/statistics.layout.ts to a
 * non-negative number. 监督抽查 and 风险监测 are not stored here: they are counted from sampling_results.
 */
export const campaignStatisticsEntries = pgTable(
  'campaign_statistics_entries',
  {
    id: id(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    /** 填报单位 (the market-supervision office), as the regulator typed it */
    reportingUnit: text('reporting_unit').notNull(),
    cells: jsonb('cells')
      .notNull()
      .default(sql`'{}'::jsonb`),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('campaign_statistics_entries_period_uq').on(t.districtId, t.periodStart, t.periodEnd)],
);

export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: id(),
  districtId: uuid('district_id')
    .notNull()
    .references(() => districts.id),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    listId: uuid('list_id')
      .notNull()
      .references(() => samplingLists.id, { onDelete: 'cascade' }),
    attempts: integer('attempts').notNull().default(0),
    status: text('status').notNull().default('pending'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** One entry per attempt: { attempt, at, statusCode, error, ms } (the delivery log). */
    log: jsonb('log')
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_uq').on(t.endpointId, t.listId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** In-app notifications (inbox). */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => districts.id),
    recipientRole: userRole('recipient_role').notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_district_idx').on(t.districtId)],
);

/** Audit log: who did what to which resource. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    districtId: uuid('district_id'),
    details: jsonb('details')
      .notNull()
      .default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_resource_idx').on(t.resourceType, t.resourceId)],
);
