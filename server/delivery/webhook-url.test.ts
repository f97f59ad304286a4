import {
  assertWebhookUrlAllowed,
  blockedCategory,
  guardedLookup,
  webhookUrlProblem,
  type ResolveHost,
} from './webhook-url';
import { AppError } from '../errors';

const resolvingTo =
  (...addresses: string[]): ResolveHost =>
  () =>
    Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('blockedCategory', () => {
  test.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.100.100.200', 'shared'],
    ['169.254.169.254', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['febf:ffff::1', 'link_local'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456:789a::1', 'unique_local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link_local'],
    ['2002:c0a8:101::1', 'private'],
  ])('When the address is %s, then it is refused as %s', (address, category) => {
    expect(blockedCategory(address)).toBe(category);
  });

  test.each(['8.8.8.8', '1.2.3.4', '172.32.0.1', '100.128.0.1', '::ffff:8.8.8.8', '2001:4860:4860::8888'])(
    'When the address is the public %s, then it is allowed',
    (address) => {
      expect(blockedCategory(address)).toBeNull();
    },
  );
});

describe('webhookUrlProblem', () => {
  test.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://[::1]:8080/x', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link_local'],
  ])('When the host of %s is a literal internal address, then it is refused (%s)', (url, category) => {
    const e = webhookUrlProblem(url, false);
    expect(e?.code).toBe('WEBHOOK_URL_FORBIDDEN');
    expect(e?.details).toMatchObject({ category });
    expect(e?.userMessage).toMatch(/不允许/);
  });

  test.each(['ftp://example.test/x', 'file:///etc/passwd', 'gopher://example.test/'])(
    'When the scheme of %s is not http(s), then it is refused even with private addresses allowed',
    (url) => {
      expect(webhookUrlProblem(url, true)?.code).toBe('WEBHOOK_URL_FORBIDDEN');
      expect(webhookUrlProblem(url, true)?.userMessage).toMatch(/http\(s\)/);
    },
  );

  test('When private addresses are allowed, then a loopback URL passes', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9/hook', true)).toBeNull();
  });

  test('When the URL is a public address or a host name, then nothing is refused without a look-up', () => {
    expect(webhookUrlProblem('https://1.2.3.4/hook', false)).toBeNull();
    expect(webhookUrlProblem('https://hooks.example.test/hook', false)).toBeNull();
  });
});

describe('assertWebhookUrlAllowed', () => {
  const opts = { allowPrivate: false, timeoutMs: 1000 };

  test('When the host name resolves to public addresses only, then the URL is accepted', async () => {
    await expect(
      assertWebhookUrlAllowed('https://hooks.example.test/x', {
        ...opts,
        resolve: resolvingTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'),
      }),
    ).resolves.toBeUndefined();
  });

  test('When one of the addresses of the host name is private, then the URL is refused naming it', async () => {
    const e = await refusal(
      assertWebhookUrlAllowed('https://hooks.example.test/x', {
        ...opts,
        resolve: resolvingTo('93.184.215.14', '10.0.0.5'),
      }),
    );
    expect(e.code).toBe('WEBHOOK_URL_FORBIDDEN');
    expect(e.details).toEqual({ host: 'hooks.example.test', address: '10.0.0.5', category: 'private' });
    expect(e.userMessage).toContain('hooks.example.test（解析为 10.0.0.5）是内网（私有）地址');
  });

  test('When the host name does not resolve, then the URL is refused as unresolvable', async () => {
    const e = await refusal(
      assertWebhookUrlAllowed('https://nowhere.example.test/x', {
        ...opts,
        resolve: () => Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })),
      }),
    );
    expect(e.code).toBe('WEBHOOK_URL_UNRESOLVABLE');
  });

  test('When private addresses are allowed, then the host name is not looked up', async () => {
    const resolve = jest.fn(resolvingTo('127.0.0.1'));
    await assertWebhookUrlAllowed('http://localhost:9/x', { ...opts, allowPrivate: true, resolve });
    expect(resolve).not.toHaveBeenCalled();
  });
});

describe('guardedLookup', () => {
  function lookup(resolve: ResolveHost, options: { all?: boolean; family?: number }) {
    return new Promise<{ err: Error | null; address: unknown; family?: number }>((done) => {
      guardedLookup(resolve)('hooks.example.test', options, (err, address, family) =>
        done({ err, address, family }),
      );
    });
  }

  test('When the host resolves to public addresses, then the connection gets them', async () => {
    const resolve = resolvingTo('2606:2800:21f:cb07:6820:80da:af6b:8b2c', '93.184.215.14');
    expect(await lookup(resolve, { all: true })).toMatchObject({
      err: null,
      address: [
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
        { address: '93.184.215.14', family: 4 },
      ],
    });
    expect(await lookup(resolve, { family: 4 })).toEqual({ err: null, address: '93.184.215.14', family: 4 });
  });

  test('When the host now resolves to an internal address, then the connection is refused', async () => {
    const { err } = await lookup(resolvingTo('93.184.215.14', '169.254.169.254'), { all: true });
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('WEBHOOK_URL_FORBIDDEN');
  });
});
