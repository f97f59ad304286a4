import { usccProblem } from './uscc';

describe('USCC check (GB 32100-2015)', () => {
  it('When the code is valid, then no problem', () => {
    expect(usccProblem('91110108MA01ABC17L')).toBeNull();
    expect(usccProblem('91500117221931482T')).toBeNull();
  });
  it('When the check character is wrong, then check_character; wrong length or letters are reported as such', () => {
    expect(usccProblem('91500117D5588424X0')).toBe('check_character');
    expect(usccProblem('9150011722193148')).toBe('length');
    expect(usccProblem('9150011722193148IT')).toBe('format');
  });
});
