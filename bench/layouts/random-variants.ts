/**
 * Layouts nobody chose: every knob of LayoutVariant drawn at random (seeded, so a failing layout is
 * reproduced by its seed and number), with header words drawn from the vocabulary labs print (issue 13:
 * 序号/No.; 检验项目/检测项目/项目/Test item; 单位/Unit; 标准要求/技术要求/标准值/限量值/Requirement/Limit;
 * 检验结果/检测结果/实测值/Result; 单项判定/单项结论/判定/评定/Verdict/Conclusion; 检验方法/Test method; 备注).
 * The sixteen hand-made variants were each written with a lab in mind; these combinations were not,
 * so a parser that learned the sixteen rather than the vocabulary and the geometry shows it here.
 */
import { mulberry32 } from './degrade';
import { VERDICT_MARKS, type ColumnId, type LayoutVariant } from './variants';

/** Header words per column: Chinese, English, and bilingual (Chinese over English). */
const HEADER_WORDS: Record<ColumnId, { zh: string[]; en: string[] }> = {
  index: { zh: ['序号', '编号'], en: ['No.', 'Item No.'] },
  name: { zh: ['检验项目', '检测项目', '项目', '测试项目'], en: ['Test Item', 'Test Items', 'Item'] },
  method: { zh: ['检验方法', '检测方法', '试验方法'], en: ['Test Method', 'Method'] },
  unit: { zh: ['单位', '计量单位'], en: ['Unit'] },
  requirement: {
    zh: ['标准要求', '技术要求', '标准值', '限量值', '标准规定'],
    en: ['Requirement', 'Limit', 'Specification'],
  },
  result: { zh: ['检验结果', '检测结果', '实测值', '测试结果'], en: ['Result', 'Test Result'] },
  verdict: {
    zh: ['单项判定', '单项结论', '判定', '评定', '结论'],
    en: ['Verdict', 'Conclusion', 'Judgement', 'Assessment'],
  },
  remark: { zh: ['备注'], en: ['Remark', 'Remarks'] },
};

const END_MARKERS = ['以下空白', '——以下空白——', '*** 以下空白 ***', '-- End of Report --', null];

/** `count` layouts drawn from `seed`; ids `r<seed>-<n>`, descriptions list every knob drawn. */
export function randomVariants(seed: number, count: number): LayoutVariant[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const chance = (p: number) => rnd() < p;
  const out: LayoutVariant[] = [];
  for (let n = 1; n <= count; n++) {
    // the index (when printed) comes first and the name next, as on every report; the rest in any order
    const rest: ColumnId[] = ['requirement', 'result', 'verdict'];
    if (chance(0.7)) rest.push('unit');
    if (chance(0.3)) rest.push('method');
    if (chance(0.15)) rest.push('remark');
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [rest[i], rest[j]] = [rest[j] as ColumnId, rest[i] as ColumnId];
    }
    const columns: ColumnId[] = [...(chance(0.8) ? (['index'] as ColumnId[]) : []), 'name', ...rest];
    const language = pick(['zh', 'en', 'bilingual'] as const);
    const headers: Partial<Record<ColumnId, string>> = {};
    for (const c of columns) {
      const words = HEADER_WORDS[c];
      headers[c] =
        language === 'zh'
          ? pick(words.zh)
          : language === 'en'
            ? pick(words.en)
            : `${pick(words.zh)}<br>${pick(words.en)}`;
    }
    const v: LayoutVariant = {
      id: `r${seed}-${String(n).padStart(2, '0')}`,
      description: '',
      columns,
      headers,
      marks: pick(VERDICT_MARKS),
      rules: pick(['grid', 'horizontal', 'three-line', 'none'] as const),
      subItems: pick(['joined', 'merged-cells', 'matrix', 'part-matrix'] as const),
      fields: pick(['kv-grid', 'label-lines', 'english', 'bilingual-grid', 'english-stacked'] as const),
      pages: pick([
        'single',
        'single',
        'summary-detail',
        'continued-repeat-header',
        'continued-no-header',
      ] as const),
      rowsPerPage: pick([12, 16, 20, 40]),
      dates: pick(['cn', 'iso', 'dot'] as const),
      notDetected: pick(['keep', 'ND', 'N.D.', 'below', 'not detected'] as const),
      shadedHeader: chance(0.3),
      endMarker: pick(END_MARKERS),
      pageNumbers: chance(0.7),
      header: chance(0.9) ? 'printed' : 'none',
    };
    if (v.pages === 'single') v.rowsPerPage = 40;
    v.description = [
      columns.map((c) => (headers[c] ?? c).replace('<br>', '/')).join('|'),
      `marks ${v.marks.pass}/${v.marks.fail}/${v.marks.na}`,
      `rules ${v.rules}`,
      `sub-items ${v.subItems}`,
      `fields ${v.fields}`,
      `pages ${v.pages} (${v.rowsPerPage} rows)`,
      `dates ${v.dates}`,
      `not detected ${v.notDetected}`,
      `end ${v.endMarker ?? 'none'}`,
      v.pageNumbers ? 'page numbers' : 'no page numbers',
      v.header === 'none' ? 'no table header' : 'table header',
    ].join('; ');
    out.push(v);
  }
  return out;
}
