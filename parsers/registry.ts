/**
 * Parser registry (STYLE.md G12): each parser declares the document kind it reads; the one for the
 * detected kind is used.
 */
import { classifyDocument, type DocumentKind } from './classify';
import { parseContract } from './contract';
import { parseTestReport } from './report';
import type { ParseContext } from './text/party-lexicon';
import type { DocumentText, Extraction } from './types';

export interface DocumentParser {
  kind: DocumentKind;
  parse(doc: DocumentText, context?: ParseContext): Extraction;
}

export const PARSERS: readonly DocumentParser[] = [
  { kind: 'test_report', parse: parseTestReport },
  { kind: 'contract', parse: parseContract },
];

/** Picks the parser for a kind. */
export function parserFor(kind: DocumentKind): DocumentParser {
  const p = PARSERS.find((x) => x.kind === kind);
  if (!p) throw new Error(`no parser for ${kind}`);
  return p;
}

/**
 * Classifies and parses a document; null when the kind cannot be told. `context` carries what the caller
 * knows beyond the document (the registered party names, see text/party-lexicon.ts).
 */
export function parseDocument(
  doc: DocumentText,
  kind?: DocumentKind,
  context?: ParseContext,
): Extraction | null {
  const k = kind ?? classifyDocument(doc).kind;
  return k ? parserFor(k).parse(doc, context) : null;
}
