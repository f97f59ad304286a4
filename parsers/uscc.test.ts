import { checkUscc, isValidUscc, usccCheckChar } from './uscc';

describe('USCC (GB 32100-2015)', () => {
  it.each([
    '91500117221931482T',
    '915101247746189129',
    '915001177C1905906E',
    '915001120821680250',
    '91440515NA3965071M',
    '91110108MA01ABC17L',
    '91110108123456788E',
  ])('accepts %p', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });
  it('rejects a code whose check character does not match', () => {
    expect(checkUscc('91500117D5588424X0')).toMatchObject({ valid: false, reason: 'check_digit' });
  });
  it('rejects wrong length and letters outside the alphabet, suggesting an OCR fix when it passes', () => {
    expect(checkUscc('9150011722193148')).toMatchObject({ valid: false, reason: 'length' });
    const ocr = checkUscc('9150O117221931482T');
    expect(ocr).toMatchObject({ valid: false, reason: 'charset', suggestions: ['91500117221931482T'] });
  });
  it('normalises spaces, hyphens and full-width characters before checking', () => {
    expect(isValidUscc('９１５００１１７ ２２１９３１４８２Ｔ')).toBe(true);
    expect(usccCheckChar('91110108MA01ABC17')).toBe('L');
  });
});
