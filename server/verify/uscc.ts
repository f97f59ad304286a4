/** 统一社会信用代码 check for INVALID_USCC, delegating to the parsers' GB 32100-2015 implementation. */
import { checkUscc } from '../../parsers/uscc';

export type UsccProblem = 'length' | 'format' | 'check_character';

/** Null when the code is valid; otherwise what is wrong with it (and codes that would pass, if any). */
export function usccProblem(raw: string): UsccProblem | null {
  return usccCheck(raw)?.problem ?? null;
}

export function usccCheck(raw: string): { problem: UsccProblem; suggestions: string[] } | null {
  const c = checkUscc(raw);
  if (c.valid) return null;
  const problem = c.reason === 'length' ? 'length' : c.reason === 'charset' ? 'format' : 'check_character';
  return { problem, suggestions: c.suggestions };
}
