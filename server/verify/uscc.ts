/** 统一社会信用代码 check (GB 32100-2015, shared/domain.md §6.2). */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = 'length' | 'format' | 'check_character';

/** Null when the code is valid; otherwise what is wrong with it. */
export function usccProblem(raw: string): UsccProblem | null {
  const code = raw
    .replace(/[\s-]/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
  if (code.length !== 18) return 'length';
  if (!FORMAT.test(code)) return 'format';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code[i]!) * WEIGHTS[i]!;
  const expected = ALPHABET[(31 - (sum % 31)) % 31];
  return code[17] === expected ? null : 'check_character';
}
