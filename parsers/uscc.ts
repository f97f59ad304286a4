/**
 * 统一社会信用代码 (USCC) per GB 32100-2015: 18 characters, MOD-31 check character (domain.md §6.2).
 */
import { toHalfWidth } from './text/normalise';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
/** Letters outside the alphabet that OCR produces for digits. */
const OCR_LETTER_FIXES: Record<string, string> = { O: '0', I: '1', S: '5', Z: '2' };

/** Strips spaces/hyphens, half-widths and upper-cases a printed code. */
export function normaliseUscc(raw: string): string {
  return toHalfWidth(raw).replace(/[\s-]/g, '').toUpperCase();
}

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? null;
}

export interface UsccCheck {
  code: string;
  valid: boolean;
  reason: 'ok' | 'length' | 'charset' | 'check_digit';
  /** Corrected codes that pass the check (single OCR-style substitutions); never applied silently. */
  suggestions: string[];
}

/** Validates a USCC (GB 32100-2015 MOD-31). */
export function checkUscc(raw: string): UsccCheck {
  const code = normaliseUscc(raw);
  if (code.length !== 18) return { code, valid: false, reason: 'length', suggestions: [] };
  if (!SHAPE.test(code)) {
    const fixed = code.replace(/[OISZ]/g, (c) => OCR_LETTER_FIXES[c] ?? c);
    const suggestions = SHAPE.test(fixed) && usccCheckChar(fixed.slice(0, 17)) === fixed[17] ? [fixed] : [];
    return { code, valid: false, reason: 'charset', suggestions };
  }
  const ok = usccCheckChar(code.slice(0, 17)) === code[17];
  return { code, valid: ok, reason: ok ? 'ok' : 'check_digit', suggestions: [] };
}

/** True when the code is a well-formed USCC whose check character matches. */
export function isValidUscc(raw: string): boolean {
  return checkUscc(raw).valid;
}

/** Candidate USCC-shaped tokens in text (18 chars of the alphabet, allowing OCR letters). */
export function findUsccCandidates(text: string): { code: string; index: number }[] {
  const out: { code: string; index: number }[] = [];
  for (const m of toHalfWidth(text).matchAll(/(?<![0-9A-Z])([0-9A-Z]{18})(?![0-9A-Z])/g)) {
    if (/\d{6}/.test((m[1] ?? '').slice(2, 8))) out.push({ code: m[1] ?? '', index: m.index ?? 0 });
  }
  return out;
}
