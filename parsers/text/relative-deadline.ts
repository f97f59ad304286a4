/**
 * A deadline printed relative to the signing ("合同签订后30日内", "签订合同之日起二十个工作日内交货"):
 * the number of days and whether they are calendar or working days. Calendar days from the signing
 * give a date once the signing date is known; working days depend on holidays and stay undetermined.
 */
import { chineseDigitsToNumber } from './numerals';

export interface RelativeDeadline {
  days: number;
  working: boolean;
  /** counted from the signing (签订/签署/签字/签约); other events (生效, 通知, 付款) are not dated */
  fromSigning: boolean;
  source: string;
}

const RELATIVE =
  /(签订|签署|签字|签约|生效|通知|付款|预付款|下单|订单)[^，,。；;\n\d一二三四五六七八九十]{0,8}?(?:之日)?(?:起|后)\s*(\d{1,3}|[一二三四五六七八九十百两]{1,4})\s*(?:个)?\s*(日历日|自然日|工作日|个工作日|日|天)/;

/** The first relative deadline in the text, or null. */
export function findRelativeDeadline(text: string): RelativeDeadline | null {
  const m = RELATIVE.exec(text);
  if (!m) return null;
  const days = chineseDigitsToNumber(m[2] ?? '');
  if (days === null || days <= 0) return null;
  return {
    days,
    working: /工作日/.test(m[3] ?? ''),
    fromSigning: /签订|签署|签字|签约/.test(m[1] ?? ''),
    source: m[0],
  };
}

/** `iso` + `days` calendar days. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
