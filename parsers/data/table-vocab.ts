/** Item-table vocabularies: column headers, markers that end a table, and rows that only group items. */
export type ColumnKind = 'index' | 'name' | 'method' | 'unit' | 'requirement' | 'result' | 'verdict' | 'remark';

/**
 * Header words per column kind, Chinese and English as labs print them; longest match wins. A header
 * cell names one kind ("检测结果 Result"); words naming two kinds at once ("判定结果") are listed whole.
 */
export const TABLE_HEADER_WORDS: Record<ColumnKind, readonly string[]> = {
  index: ['序号', '编号', '序', 'No.', 'No', 'S/N', 'Item No.'],
  name: [
    '检验项目', '检测项目', '测试项目', '项目名称', '检验检测项目', '检查项目', '检验项目名称', '检测项目名称', '检测参数',
    '检验参数', '测试参数', '项目', 'Test Item', 'Test Items', 'Item', 'Items', 'Test Parameter', 'Test Parameters',
    'Parameter', 'Parameters', 'Property', 'Test Property',
  ],
  method: ['检验方法', '检测方法', '试验方法', '测试方法', '方法标准', '检测方法标准', '检验方法依据', 'Test Method', 'Test Methods', 'Method'],
  unit: ['计量单位', '单位', 'Unit', 'Units'],
  requirement: [
    '标准要求', '技术要求', '标准规定', '限值', '限量值', '限量', '标准限值', '限量要求', '要求', '标准值', '指标要求', '技术指标',
    '标准指标', '规定值', '要求值', 'Limit', 'Limits', 'Requirement', 'Requirements', 'Specification', 'Standard Requirement',
  ],
  result: [
    '检验结果', '检测结果', '实测值', '测试结果', '实测结果', '结果', '检测值', '测定值', '测试值', '实测', 'Result', 'Results',
    'Test Result', 'Test Results',
  ],
  verdict: [
    '单项判定', '单项结论', '单项评价', '单项评定', '判定', '结论', '评定', '评价', '判定结果', '结果判定', '单项判定结果',
    '判定结论', 'Verdict', 'Conclusion', 'Pass/Fail', 'P/F', 'Judgement', 'Judgment', 'Assessment', 'Rating',
  ],
  remark: ['备注', 'Remark', 'Remarks', 'Note', 'Notes'],
};

/** The marker a lab prints where its item table ends (以下空白): the table read to here is whole. */
/** Words a requirement opens with when it states a prohibition or a bound in words (不允许, 不得检出, 不低于 …). */
export const REQUIREMENT_OPENING_WORDS: readonly string[] = [
  '禁用', '不允许', '不得', '不应', '不低于', '不高于', '不大于', '不小于',
];

export const PRINTED_TABLE_END = /以下空白|以下无正文|报告结束|End of Report/i;

/** A line matching one of these ends the item table for good. */
export const TABLE_END_MARKERS: readonly RegExp[] = [
  PRINTED_TABLE_END,
  /^注\s*(?:Note)?\s*[:：]/,
  /^(?:说\s*明|声\s*明)\s*[:：]/,
  /^(?:编\s*制|批\s*准|审\s*核|主\s*检|检验员|测\s*试\s*Tested|Tested by)\s*[:：]?/,
  /^(?:检验结论|检测结论|结\s*论\s*(?:Conclusion)?\s*[:：]|检验检测结论)/,
  /^经(?:检验|检测)/,
];

/** Page header/footer lines that can interrupt a table that continues on the next page. */
export const TABLE_PAGE_NOISE: readonly RegExp[] = [
  /报告编号|检验编号|检测编号|Report No/i,
  /第\s*\d+\s*页|共\s*\d+\s*页|Page\s*\d+/i,
  /CMA|CNAS/,
  /^(?:地址|电话|Tel|邮编|传真|网址|Add)/i,
  /^\d{12}$/,
  /^检\s*验\s*结\s*果|^检\s*测\s*结\s*果|^检验结果[:：]?$|^检测结果[:：]?$/,
];

/**
 * OCR never reproduces ≤/≥ (read as < > 乏 之): the direction a limit usually has, by item-name fragment,
 * used to restore the sign on OCR'd requirements.
 */
export const REQUIREMENT_DIRECTION: readonly { fragment: string; sign: '≤' | '≥' }[] = [
  { fragment: '甲醛', sign: '≤' },
  { fragment: '可迁移元素', sign: '≤' },
  { fragment: '邻苯二甲酸酯', sign: '≤' },
  { fragment: '菌落总数', sign: '≤' },
  { fragment: '色牢度', sign: '≥' },
  { fragment: '强力', sign: '≥' },
  { fragment: '起毛起球', sign: '≥' },
  { fragment: '厚度', sign: '≥' },
  { fragment: '偏差率', sign: '≥' },
];
