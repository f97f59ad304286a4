import { csvCell, toCsv } from './csv';

// The browser's copy (server/web/public/js/csv.js, an ES module without types) must follow the same rules.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const browser = require('../web/public/js/csv.js') as {
  csvCell: (v: unknown) => string;
  csvText: (header: string[], rows: string[][]) => string;
};

const HOSTILE: Array<[string, string]> = [
  [
    '=HYPERLINK("http://evil.example","点击查看详情")',
    `"'=HYPERLINK(""http://evil.example"",""点击查看详情"")"`,
  ],
  ["+1+cmd|' /C calc'!A0", `'+1+cmd|' /C calc'!A0`],
  ['-2+3', `'-2+3`],
  ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
  ['\t=1+1', `'\t=1+1`],
  ['\r=1+1', `"'\r=1+1"`],
];

describe.each([
  ['server', csvCell],
  ['browser', browser.csvCell],
])('CSV cells (%s)', (_where, cell) => {
  test.each(HOSTILE)(
    'When a cell begins with a formula character (%j), then it is written as text',
    (raw, out) => {
      expect(cell(raw)).toBe(out);
    },
  );

  test('When a cell is ordinary text, a number or empty, then it is unchanged (quoted only when needed)', () => {
    expect(cell('江州市博雅学生服装有限公司')).toBe('江州市博雅学生服装有限公司');
    expect(cell('GB 31701-2015')).toBe('GB 31701-2015');
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('说"明"')).toBe('"说""明"""');
    expect(cell(-3)).toBe('-3');
    expect(cell(null)).toBe('');
    expect(cell(undefined)).toBe('');
  });
});

test('A CSV file starts with a BOM, ends lines with CRLF and neutralises every row, the browser copy alike', () => {
  const header = ['企业名称', '报告编号'];
  const rows = [
    ['=1+1', '@x'],
    ['正常企业', 'R-1'],
  ];
  const file = toCsv(header, rows);
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = file.subarray(3).toString('utf8');
  expect(text).toBe("企业名称,报告编号\r\n'=1+1,'@x\r\n正常企业,R-1\r\n");
  expect(browser.csvText(header, rows)).toBe(text);
});
