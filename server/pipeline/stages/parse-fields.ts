/**
 * parse_fields: the parser registry classifies the text and reads the fields. When the kind cannot be
 * told from the text, the kind the school declared at upload is tried. Party names read by OCR are
 * decoded against `partyNames`, the names registered in the document's district (review/known-names.ts).
 */
import { parseDocument } from '../../../parsers/registry';
import type { DocumentText, Extraction } from '../../../parsers/types';
import type { DocumentWithDistrict } from '../../../models/document.repository';
import { StopPipeline } from '../stage';

export function parseFields(
  doc: DocumentWithDistrict,
  text: DocumentText,
  partyNames: readonly string[] = [],
): Extraction {
  const declared = doc.declaredKind;
  const context = { partyNames };
  let extraction = parseDocument(text, undefined, context);
  if (!extraction && declared && declared !== 'unknown') extraction = parseDocument(text, declared, context);
  if (!extraction) {
    throw new StopPipeline('UNRECOGNISED_DOCUMENT', '无法识别文档类型：既不像采购合同，也不像检验报告');
  }
  extraction.form ??= text.form;
  return extraction;
}
