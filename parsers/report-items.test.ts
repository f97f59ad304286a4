import { parseItemTable } from './report-items';
import { ocrDoc } from './testing/doc';

describe('parseItemTable on OCR text', () => {
  it('When a verdict cell was not read but the result says the item does not apply, then the verdict is n/a with low confidence', () => {
    const { items } = parseItemTable(
      ocrDoc(
        [
          '序号  检测项目  单位  技术要求  检测结果  判定',
          '1  锐利边缘  /  不应有危险锐利边缘  符合  P',
          '2  小零件  /  36个月以下儿童用玩具不应有小零件  不适用（适用年龄3岁以上）',
          '3  绳带要求  /  符合GB31701-2015中5.2要求  无绳带',
          '4  异味  /  无  无',
        ].join('\n'),
      ),
    );
    const byName = Object.fromEntries(items.map((i) => [i.name, i]));
    expect(byName['锐利边缘']?.verdict).toBe('pass');
    expect(byName['小零件']?.verdict).toBe('n/a');
    expect(byName['绳带要求']?.verdict).toBe('n/a');
    // "无" (no odour) is a finding, not "does not apply": its unread verdict stays unread
    expect(byName['异味']?.verdict).toBeNull();
    expect(byName['小零件']?.confidence).toBeLessThan(byName['锐利边缘']?.confidence ?? 0);
  });
});
