/**
 * Reading a document, the read-only half of processing (STYLE.md G11):
 *
 *   detect_type → extract_text / ocr → parse_fields (party names decoded against the district's) → review_check
 *
 * Each stage is announced on the document row before it runs, and writes nothing else. Storing the
 * result and verifying it are the caller's (server/use-cases/documents/process-document.ts).
 */
import type { Extraction } from '../../parsers/types';
import type { ReviewField } from '../../models/document.repository';
import { knownOrganisationNames } from '../review/known-names';
import type { InspectedFile } from '../intake/inspect-file';
import type { ReadInput } from './stage';
import { detectType } from './stages/detect-type';
import { extractText } from './stages/extract-text';
import { parseFields } from './stages/parse-fields';
import { checkForReview } from './stages/review-check';

export interface DocumentReading {
  inspected: InspectedFile;
  /** The extraction as read. */
  extraction: Extraction;
  /** With people's earlier corrections applied. */
  effective: Extraction;
  reviewFields: ReviewField[];
}

/** Reads one document; throws `StopPipeline` when it cannot be read (an expected failure). */
export async function readDocument(input: ReadInput): Promise<DocumentReading> {
  const step = async (name: 'detect_type' | 'extract_text' | 'parse_fields' | 'review_check') => {
    input.signal.throwIfAborted();
    await input.progress(name);
  };
  await step('detect_type');
  const file = await detectType(input);
  await step('extract_text');
  const text = await extractText(input, file);
  await step('parse_fields');
  // the district's names, read once: the parser decodes party names against them, review_check
  // prompts for the near ones
  const knownNames = await knownOrganisationNames(input.db, input.doc.districtId);
  const extraction = parseFields(input.doc, text, knownNames);
  await step('review_check');
  const { effective, reviewFields } = await checkForReview(input, extraction, knownNames);
  return { inspected: file.inspected, extraction, effective, reviewFields };
}
