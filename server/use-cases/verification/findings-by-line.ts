import type { NewFinding } from '../../../models/finding.repository';
import type { LineResult } from '../../verify/types';

/** The engine's findings per line, in the shape the findings store keeps (replaceLineFindings). */
export function findingsByLine(lines: Iterable<LineResult>): Map<string, NewFinding[]> {
  const byLine = new Map<string, NewFinding[]>();
  for (const l of lines) {
    byLine.set(
      l.lineId,
      l.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        evidence: f.evidence,
      })),
    );
  }
  return byLine;
}
