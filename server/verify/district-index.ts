/**
 * District-wide indexes a line's findings depend on besides its own reports: the report-number index
 * (DUPLICATE_REPORT_NUMBER) and which lines use which document. Both are updated in place when one
 * document changes, so only the affected lines need recomputing.
 */
import { nameCore, normaliseModel, normaliseName, normaliseReportNumber } from './normalise';
import type { EngineContract, EngineReport } from './types';

export interface DistrictIndex {
  reports: Map<string, EngineReport>;
  /** normalised report number → report ids */
  byNumber: Map<string, Set<string>>;
  /** document id → line ids that use it (reports) or own it (contracts) */
  linesByDocument: Map<string, Set<string>>;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

export function buildDistrictIndex(contracts: EngineContract[], reports: EngineReport[]): DistrictIndex {
  const index: DistrictIndex = { reports: new Map(), byNumber: new Map(), linesByDocument: new Map() };
  for (const r of reports) indexReport(index, r);
  for (const c of contracts) indexContract(index, c);
  return index;
}

export function indexContract(index: DistrictIndex, contract: EngineContract): void {
  for (const line of contract.lines) {
    addTo(index.linesByDocument, contract.id, line.id);
    for (const id of line.reportIds) addTo(index.linesByDocument, id, line.id);
  }
}

export function indexReport(index: DistrictIndex, report: EngineReport): void {
  unindexReport(index, report.id);
  index.reports.set(report.id, report);
  const n = normaliseReportNumber(report.extraction.reportNumber);
  if (n) addTo(index.byNumber, n, report.id);
}

export function unindexReport(index: DistrictIndex, reportId: string): void {
  const old = index.reports.get(reportId);
  if (!old) return;
  const n = normaliseReportNumber(old.extraction.reportNumber);
  index.byNumber.get(n)?.delete(reportId);
  if (index.byNumber.get(n)?.size === 0) index.byNumber.delete(n);
  index.reports.delete(reportId);
}

/** What identifies the tested product: a report copy must agree on every field both print. */
function identity(r: EngineReport): string[] {
  const e = r.extraction;
  return [
    nameCore(e.client),
    nameCore(e.manufacturer),
    normaliseModel(e.sample.model),
    normaliseName(e.sample.name),
  ];
}

function conflicts(a: EngineReport, b: EngineReport): boolean {
  const x = identity(a);
  const y = identity(b);
  return x.some((v, i) => v !== '' && y[i] !== '' && v !== y[i]);
}

/**
 * Report numbers are a lab's own series: two labs may well issue the same number. A duplicate is the
 * same number from the same lab (names compared without legal form; a lab name missing on one side
 * is an OCR gap, not a different lab).
 */
function sameLab(a: EngineReport, b: EngineReport): boolean {
  const x = nameCore(a.extraction.lab.name);
  const y = nameCore(b.extraction.lab.name);
  return x === '' || y === '' || x === y;
}

/** Other reports that carry the same (lab, number) for a different supplier or product. */
export function duplicatesOf(index: DistrictIndex, report: EngineReport): EngineReport[] {
  const n = normaliseReportNumber(report.extraction.reportNumber);
  if (!n) return [];
  const out: EngineReport[] = [];
  for (const id of index.byNumber.get(n) ?? []) {
    if (id === report.id) continue;
    const other = index.reports.get(id);
    if (other && sameLab(report, other) && conflicts(report, other)) out.push(other);
  }
  return out;
}

/**
 * Lines whose findings may change when a document changes: the lines using it, and the lines using
 * any report that shares its number before or after the change (pass the old number if it changed).
 */
export function linesAffectedByDocument(
  index: DistrictIndex,
  documentId: string,
  oldNumber?: string | null,
): Set<string> {
  const out = new Set(index.linesByDocument.get(documentId) ?? []);
  const numbers = new Set<string>();
  const current = index.reports.get(documentId);
  if (current) numbers.add(normaliseReportNumber(current.extraction.reportNumber));
  if (oldNumber) numbers.add(normaliseReportNumber(oldNumber));
  for (const n of numbers) {
    for (const id of index.byNumber.get(n) ?? []) {
      for (const line of index.linesByDocument.get(id) ?? []) out.add(line);
    }
  }
  return out;
}
