import { createHmac } from 'node:crypto';
import { signPayload, verifySignature } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_0123456789abcdef';
  const body = '{"event":"sampling_list.sent","名单":"甲"}';

  test('is HMAC-SHA256 over "<timestamp>.<body>", as README tells receivers', () => {
    const ts = '1767225600';
    const manual = createHmac('sha256', secret).update(`${ts}.${body}`, 'utf8').digest('hex');
    expect(signPayload(secret, ts, body)).toBe(`sha256=${manual}`);
    expect(signPayload(secret, ts, Buffer.from(body))).toBe(`sha256=${manual}`);
  });

  test('verification needs the same secret, body and timestamp, within the tolerance', () => {
    const ts = '1767225600';
    const sig = signPayload(secret, ts, body);
    const nowS = 1767225600 + 10;
    expect(verifySignature(secret, { timestamp: ts, signature: sig }, body, { nowS })).toBe(true);
    expect(verifySignature(secret, { timestamp: '1767225601', signature: sig }, body, { nowS })).toBe(false);
    expect(verifySignature(secret, { timestamp: ts, signature: sig }, `${body} `, { nowS })).toBe(false);
    expect(
      verifySignature('whsec_other-secret-0000', { timestamp: ts, signature: sig }, body, { nowS }),
    ).toBe(false);
    expect(verifySignature(secret, { timestamp: ts, signature: sig }, body, { nowS: nowS + 300 })).toBe(
      false,
    );
    expect(verifySignature(secret, { timestamp: undefined, signature: sig }, body, { nowS })).toBe(false);
    expect(verifySignature(secret, { timestamp: ts, signature: undefined }, body, { nowS })).toBe(false);
    expect(verifySignature(secret, { timestamp: `${ts}.5`, signature: sig }, body, { nowS })).toBe(false);
  });
});
