/**
 * `dsv audit DIR`: verifies a folder of documents the way the service verifies a district, in a
 * throw-away embedded database: derive the district, store schools/contracts/reports through the
 * repositories, link reports to lines (submissions.json, else best-effort proposals), then run
 * `verifyDistrictUseCase`.
 */
import { openDatabase, type Database, type Db } from '../../../models/db';
import { insertDistrict, insertSchool, type School } from '../../../models/district.repository';
import { setLineAcceptedDate } from '../../../models/contract.repository';
import { linkReportToLine, storeExtractedDocument } from '../../../models/report.repository';
import { replaceTestReport, upsertContract } from '../../../models/document-rows.repository';
import { textLayerPartyNames } from '../../../parsers/text/party-lexicon';
import type { ContractExtraction, Extraction, TestReportExtraction } from '../../../parsers/types';
import {
  FolderExtractor,
  isSkipped,
  type OcrLike,
  type ReadDocument,
  listFolderDocuments,
  normaliseRelPath,
  readFolderDocument,
  readSubmissions,
  type FolderDocument,
  type SkippedFile,
  type Submissions,
} from '../../audit/read-folder';
import { bestLines, proposeLines } from '../../verify/engine';
import { isBureauName, matchExact, schoolKindToRecord, type RegisteredParty } from '../../verify/parties';
import { normaliseName } from '../../verify/normalise';
import { registryForDate, type RuleRegistry } from '../../verify/registry/registry';
import type { DistrictResult, EngineContract, EngineDistrict } from '../../verify/types';
import { verifyDistrictUseCase } from '../verification/verify-district';

export interface AuditOptions {
  dir: string;
  asOf: string;
  /** OCR for scanned pages and photos (default true) */
  ocr?: boolean;
  /** An OCR provider to use instead of starting one (its owner closes it) */
  ocrProvider?: OcrLike;
}

export interface GuessedMatch {
  report: string;
  contractNumber: string | null;
  contract: string;
  lineNo: number;
  reason: string;
}

export interface AuditRun {
  district: EngineDistrict;
  mode: 'submissions' | 'guessed';
  result: DistrictResult;
  guessed: GuessedMatch[];
  unmatched: string[];
  skipped: SkippedFile[];
  /** every document's extraction as the audit used it (folder-relative path) */
  documents: { file: string; extraction: Extraction }[];
}

/** The district as the data shows it: the bureau is the most frequent 委托单位 that is an education authority. */
export function deriveDistrict(reports: TestReportExtraction[], suffixes: string[]): EngineDistrict {
  const counts = new Map<string, number>();
  for (const r of reports) {
    if (r.client && isBureauName(r.client, suffixes)) counts.set(r.client, (counts.get(r.client) ?? 0) + 1);
  }
  const bureau = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  if (!bureau) return { name: '未识别区县', bureauName: '（未识别的教育主管部门）' };
  const suffix = suffixes.find((s) => bureau.endsWith(s)) ?? '';
  return { name: bureau.slice(0, bureau.length - suffix.length) || bureau, bureauName: bureau };
}

interface Loaded {
  contracts: (FolderDocument & { extraction: ContractExtraction })[];
  reports: (FolderDocument & { extraction: TestReportExtraction })[];
  skipped: SkippedFile[];
}

/**
 * Reads every document, then parses them: a folder has no district whose registered names could decode
 * an OCR misreading of a party name (涪 read as 培), but its text layers print the parties (contracts'
 * purchaser and supplier, reports' client and manufacturer); OCR'd documents are parsed with those names
 * (parsers/text/party-lexicon.ts: decoded readings are flagged name_decoded, text-layer names never change).
 */
async function loadDocuments(
  dir: string,
  files: string[],
  useOcr: boolean,
  provider?: OcrLike,
): Promise<Loaded> {
  const out: Loaded = { contracts: [], reports: [], skipped: [] };
  const extractor = new FolderExtractor(useOcr, provider);
  const add = (d: FolderDocument) => {
    if (d.extraction.kind === 'contract') out.contracts.push({ ...d, extraction: d.extraction });
    else out.reports.push({ ...d, extraction: d.extraction });
  };
  try {
    const read: ReadDocument[] = [];
    for (const file of files) {
      const d = await readFolderDocument(dir, file, extractor);
      if (isSkipped(d)) out.skipped.push(d);
      else read.push(d);
    }
    // text-layer pages first: their party names are the folder's evidence
    const plain = new Map<string, { extraction: Extraction } | { reason: string }>();
    const partyNames = new Set<string>();
    for (const d of read) {
      if (!d.text?.pages.some((p) => p.source === 'text_layer')) continue;
      const parsed = await extractor.parse(d.text);
      plain.set(d.file, parsed);
      if ('extraction' in parsed) {
        for (const n of textLayerPartyNames(d.text, parsed.extraction)) partyNames.add(n);
      }
    }
    const context = { partyNames: [...partyNames], partyNamesSource: 'folder' as const };
    for (const d of read) {
      const { text, extraction, ...base } = d;
      if (extraction) {
        add({ ...base, extraction });
        continue;
      }
      const ocred = text.pages.some((p) => p.source === 'ocr');
      const parsed = (!ocred && plain.get(d.file)) || (await extractor.parse(text, context));
      if ('reason' in parsed) out.skipped.push({ file: d.file, reason: parsed.reason });
      else add({ ...base, extraction: parsed.extraction });
    }
  } finally {
    await extractor.close();
  }
  return out;
}

export async function auditFolder(opts: AuditOptions): Promise<AuditRun> {
  const submissions = readSubmissions(opts.dir);
  const files = submissions
    ? [
        ...new Set(
          submissions.submissions.flatMap((s) =>
            [s.contract, ...s.lines.flatMap((l) => l.reports)].map(normaliseRelPath),
          ),
        ),
      ]
    : listFolderDocuments(opts.dir).filter((f) => f !== 'submissions.json');
  const loaded = await loadDocuments(opts.dir, files, opts.ocr ?? true, opts.ocrProvider);
  const registry = registryForDate(opts.asOf);
  const district = deriveDistrict(
    loaded.reports.map((r) => r.extraction),
    registry.bureauSuffixes,
  );

  // Contracts in submission order (the sampling list keeps first-appearance order).
  if (submissions) {
    const order = submissions.submissions.map((s) => normaliseRelPath(s.contract));
    loaded.contracts.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file));
  }

  const database: Database = await openDatabase({});
  try {
    await database.migrate();
    const db = database.db;
    const districtRow = await insertDistrict(db, {
      code: 'audit',
      name: district.name,
      bureauName: district.bureauName,
    });
    const stored = await storeContracts(db, districtRow.id, loaded.contracts);
    const linking = submissions
      ? linksFromSubmissions(submissions, stored, loaded)
      : guessLinks(
          loaded.reports,
          stored.engineContracts,
          district,
          registry,
          [...stored.schools.values()].map((s) => ({ name: s.name, role: 'school' as const })),
        );
    await storeReports(db, loaded.reports, stored, linking);
    for (const [lineId, acceptedDate] of linking.acceptedDates ?? []) {
      await setLineAcceptedDate(db, { lineId, acceptedDate, userId: null });
    }
    const result = await verifyDistrictUseCase(db, { districtId: districtRow.id, asOf: opts.asOf, registry });
    return {
      district,
      mode: submissions ? 'submissions' : 'guessed',
      result,
      guessed: linking.guessed,
      unmatched: linking.unmatched,
      skipped: loaded.skipped,
      documents: [...loaded.contracts, ...loaded.reports].map((d) => ({
        file: d.file,
        extraction: d.extraction,
      })),
    };
  } finally {
    await database.close();
  }
}

interface StoredContracts {
  engineContracts: EngineContract[];
  /** `${contractFile}#${lineNo}` → line id */
  lineIdOf: Map<string, string>;
  /** line id → school id */
  schoolOfLine: Map<string, string>;
  /** by normalised name */
  schools: Map<string, School>;
}

const EMPTY_LINE = {
  product: '',
  category: null,
  model: null,
  quantity: null,
  unit: null,
  unitPrice: null,
  amount: null,
};

/** Schools (the purchasers), contracts and lines, one statement at a time: stored order = display order. */
async function storeContracts(
  db: Db,
  districtId: string,
  contracts: Loaded['contracts'],
): Promise<StoredContracts> {
  const out: StoredContracts = {
    engineContracts: [],
    lineIdOf: new Map(),
    schoolOfLine: new Map(),
    schools: new Map(),
  };
  for (const c of contracts) {
    const name = c.extraction.purchaser.name ?? '（未识别的采购学校）';
    let school = out.schools.get(normaliseName(name));
    if (!school) {
      school = await insertSchool(db, { districtId, name, kind: schoolKindToRecord(name) });
      out.schools.set(normaliseName(name), school);
    }
    const documentId = await storeExtractedDocument(db, {
      schoolId: school.id,
      originalName: c.file,
      sha256: c.sha256,
      size: c.size,
      mime: c.mime,
      extraction: c.extraction,
    });
    // The service's own writer (the supplier matched by the one identity rule). Rows are numbered by
    // position; submissions.json and the findings use the line number the contract prints.
    const contract = await upsertContract(db, documentId, school.id, c.extraction);
    const printedNo = (i: number) => c.extraction.lines[i]?.lineNo ?? i + 1;
    contract.lines.forEach((l, i) => {
      out.lineIdOf.set(`${c.file}#${printedNo(i)}`, l.id);
      out.schoolOfLine.set(l.id, school.id);
    });
    out.engineContracts.push({
      id: documentId,
      file: c.file,
      extraction: c.extraction,
      lines: contract.lines.map((l, i) => ({
        id: l.id,
        lineNo: printedNo(i),
        line: c.extraction.lines[i] ?? EMPTY_LINE,
        reportIds: [],
      })),
    });
  }
  return out;
}

type Link = { lineId: string; source: 'school' | 'proposed'; reason: string | null };

interface Linking {
  /** report file → its lines */
  links: Map<string, Link[]>;
  /** line id → 验收/到货日期 from submissions.json */
  acceptedDates?: Map<string, string>;
  guessed: GuessedMatch[];
  unmatched: string[];
}

function addLink(links: Map<string, Link[]>, file: string, link: Link): void {
  const list = links.get(file) ?? [];
  list.push(link);
  links.set(file, list);
}

/** The links handed in (submissions.json); unknown line numbers are reported as skipped. */
function linksFromSubmissions(submissions: Submissions, stored: StoredContracts, loaded: Loaded): Linking {
  const links = new Map<string, Link[]>();
  const acceptedDates = new Map<string, string>();
  for (const s of submissions.submissions) {
    const contract = normaliseRelPath(s.contract);
    for (const l of s.lines) {
      const lineId = stored.lineIdOf.get(`${contract}#${l.lineNo}`);
      if (lineId && l.acceptedDate) acceptedDates.set(lineId, l.acceptedDate);
      if (lineId) {
        for (const r of l.reports) {
          addLink(links, normaliseRelPath(r), { lineId, source: 'school', reason: null });
        }
      } else if (loaded.contracts.some((c) => c.file === contract)) {
        loaded.skipped.push({
          file: s.contract,
          reason: `submissions.json 指定的第${l.lineNo}行在合同中不存在`,
        });
      }
    }
  }
  return { links, acceptedDates, guessed: [], unmatched: [] };
}

/** Best-effort links: every line sharing the best proposal score, each with its reason. */
function guessLinks(
  reports: Loaded['reports'],
  contracts: EngineContract[],
  district: EngineDistrict,
  registry: RuleRegistry,
  registered: RegisteredParty[],
): Linking {
  const out: Linking = { links: new Map(), guessed: [], unmatched: [] };
  for (const r of reports) {
    const best = bestLines(
      proposeLines(
        { id: r.file, file: r.file, extraction: r.extraction },
        contracts,
        district,
        registry,
        registered,
      ),
    );
    if (best.length === 0) out.unmatched.push(r.file);
    for (const p of best) {
      addLink(out.links, r.file, { lineId: p.lineId, source: 'proposed', reason: p.reason });
      const c = contracts.find((x) => x.id === p.contractId);
      out.guessed.push({
        report: r.file,
        contractNumber: c?.extraction.contractNumber ?? null,
        contract: c?.file ?? '',
        lineNo: c?.lines.find((x) => x.id === p.lineId)?.lineNo ?? 0,
        reason: p.reason,
      });
    }
  }
  return out;
}

/** Reports, stored under the school of their first line (else the school named as client), and their links. */
async function storeReports(
  db: Db,
  reports: Loaded['reports'],
  stored: StoredContracts,
  linking: Linking,
): Promise<void> {
  const schools = [...stored.schools.values()];
  for (const r of reports) {
    const first = linking.links.get(r.file)?.[0];
    const bySchoolName = schools.find((s) => matchExact(r.extraction.client, s.name) !== null);
    const schoolId = (first && stored.schoolOfLine.get(first.lineId)) ?? bySchoolName?.id ?? schools[0]?.id;
    if (!schoolId) {
      linking.unmatched.push(r.file);
      continue;
    }
    const documentId = await storeExtractedDocument(db, {
      schoolId,
      originalName: r.file,
      sha256: r.sha256,
      size: r.size,
      mime: r.mime,
      extraction: r.extraction,
    });
    await replaceTestReport(db, documentId, r.extraction);
    for (const l of linking.links.get(r.file) ?? []) await linkReportToLine(db, { ...l, documentId });
  }
}
