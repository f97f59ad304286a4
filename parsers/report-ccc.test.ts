import { findCccInText } from './report-ccc';

describe('3C certificate number', () => {
  it('When a 16-digit number follows a 3C/CCC label, then it is the certificate number', () => {
    expect(findCccInText('CCC证书编号：2021012201000123')).toBe('2021012201000123');
    expect(findCccInText('3C认证证书号 2021 0122 0100 0123')).toBe('2021012201000123');
    expect(findCccInText('强制性产品认证证书编号:2020012201234567')).toBe('2020012201234567');
  });
  it('When a number has no 3C label or the wrong length, then none is read', () => {
    expect(findCccInText('报告编号：2021012201000123')).toBeNull();
    expect(findCccInText('CCC证书编号：20210122010001')).toBeNull();
    expect(findCccInText(null)).toBeNull();
  });
});
