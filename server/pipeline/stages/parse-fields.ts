/**
 * parse_fields: the parser registry classifies the text and reads the fields. When the kind cannot be
 * told from the text, the kind the school declared at upload is tried.
 */
import { parseDocument } from '../../../parsers/registry';
import { StopPipeline, type Stage } from '../stage';

export const parseFieldsStage: Stage = {
  name: 'parse_fields',
  run(s) {
    if (!s.text) throw new Error('parse_fields needs the text (extract_text)');
    const declared = s.doc.declaredKind;
    let extraction = parseDocument(s.text);
    if (!extraction && declared && declared !== 'unknown') extraction = parseDocument(s.text, declared);
    if (!extraction) {
      throw new StopPipeline('UNRECOGNISED_DOCUMENT', '无法识别文档类型：既不像采购合同，也不像检验报告');
    }
    extraction.form ??= s.text.form;
    s.extraction = extraction;
    return Promise.resolve();
  },
};
