import { ConfigError, parseConfig } from './config';

describe('WEBHOOK_ALLOW_PRIVATE', () => {
  test('When it is not set, then webhooks may not reach internal addresses', () => {
    expect(parseConfig({}).WEBHOOK_ALLOW_PRIVATE).toBe(false);
  });

  test.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('When it is "%s", then it reads as %s', (value, expected) => {
    expect(parseConfig({ WEBHOOK_ALLOW_PRIVATE: value }).WEBHOOK_ALLOW_PRIVATE).toBe(expected);
  });

  test('When it is neither true nor false, then the configuration is invalid and names it', () => {
    expect(() => parseConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(ConfigError);
    expect(() => parseConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
      /WEBHOOK_ALLOW_PRIVATE: must be true or false/,
    );
  });
});
