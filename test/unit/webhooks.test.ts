/** Webhook allow-list, signatures, retry schedule and the new settings' validation (issue 10, items 7-8). */
import { DEVELOPMENT_ALLOWED_HOSTS, WebhookAllowList, webhookAllowList, webhookUrlRefusal } from '../../platform/webhooks/allow-list';
import { signBody, verifySignature, webhookSecret } from '../../platform/webhooks/signature';
import { backoff, dispatcherSettings } from '../../platform/webhooks/dispatcher';
import { refusalRuleSettings } from '../../subgraphs/catalog/notices/rules';
import { scanInterval } from '../../subgraphs/catalog/background';

describe('allow-list', () => {
  const dev = new WebhookAllowList(DEVELOPMENT_ALLOWED_HOSTS);

  test('development default: loopback and private ranges, not link-local, not public', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1']) expect(dev.allowsAddress(a)).toBe(true);
    for (const a of ['169.254.169.254', '8.8.8.8', '172.32.0.1', '0.0.0.0', 'fe80::1', '::', 'not-an-ip']) expect(dev.allowsAddress(a)).toBe(false);
    expect(dev.allowsName('localhost')).toBe(true);
    expect(dev.allowsName('LOCALHOST')).toBe(true);
    expect(dev.allowsName('evil.example')).toBe(false);
  });

  test('production default is empty; an explicit list replaces the default', () => {
    expect(webhookAllowList({ NODE_ENV: 'production' }).isEmpty).toBe(true);
    expect(webhookAllowList({}).allowsAddress('10.0.0.1')).toBe(true);
    const narrow = webhookAllowList({ WEBHOOK_ALLOWED_HOSTS: 'hooks.agency.gov.cn, 10.20.0.0/16' });
    expect(narrow.allowsName('hooks.agency.gov.cn')).toBe(true);
    expect(narrow.allowsAddress('10.20.3.4')).toBe(true);
    expect(narrow.allowsAddress('10.21.0.1')).toBe(false);
    expect(narrow.allowsAddress('127.0.0.1')).toBe(false);
  });

  test('a bad entry fails loudly', () => {
    expect(() => new WebhookAllowList('10.0.0.0/33')).toThrow(/bad CIDR/);
    expect(() => new WebhookAllowList('http://x')).toThrow(/not a host name/);
    expect(() => new WebhookAllowList('host/8')).toThrow(/not a host name/);
  });

  test.each([
    ['http://127.0.0.1:8080/hook', null],
    ['https://10.0.0.5/hook', null],
    ['http://localhost:3000/x', null],
    ['ftp://127.0.0.1/', /http: and https:/],
    ['javascript:alert(1)', /http: and https:/],
    ['http://a:b@127.0.0.1/', /credentials/],
    ['http://169.254.169.254/', /not an allowed/],
    ['http://[fe80::1]/', /not an allowed/],
    ['/relative', /absolute URL/],
    [`http://127.0.0.1/${'x'.repeat(2001)}`, /longer than 2000/],
  ])('%s → %s', async (url, expected) => {
    const why = await webhookUrlRefusal(url, dev);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });

  test('nothing is registrable when the list is empty', async () => {
    expect(await webhookUrlRefusal('http://127.0.0.1/', new WebhookAllowList(''))).toMatch(/WEBHOOK_ALLOWED_HOSTS is empty/);
  });
});

describe('signature', () => {
  test('per agency and nonce, over the exact body, compared in constant time', () => {
    const s1 = webhookSecret('transport', 'n1', 'k');
    expect(s1).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookSecret('health', 'n1', 'k')).not.toBe(s1);
    expect(webhookSecret('transport', 'n2', 'k')).not.toBe(s1);
    const sig = signBody(s1, '{"a":1}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(s1, '{"a":1}', sig)).toBe(true);
    expect(verifySignature(s1, '{"a":2}', sig)).toBe(false);
    expect(verifySignature(s1, '{"a":1}', undefined)).toBe(false);
    expect(verifySignature(s1, '{"a":1}', 'sha256=00')).toBe(false);
  });
});

describe('settings', () => {
  test('retry schedule doubles from the base and is capped', () => {
    expect([1, 2, 3, 4].map((n) => backoff(2000, n))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoff(2000, 40)).toBe(15 * 60_000);
  });

  test('defaults, and bad values refused', () => {
    expect(dispatcherSettings({})).toEqual({ maxAttempts: 6, backoffMs: 2000, timeoutMs: 5000, pollMs: 1000 });
    expect(() => dispatcherSettings({ WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/WEBHOOK_MAX_ATTEMPTS/);
    expect(() => dispatcherSettings({ WEBHOOK_BACKOFF_MS: 'soon' })).toThrow(/WEBHOOK_BACKOFF_MS/);
    expect(refusalRuleSettings({})).toEqual({ threshold: 5, windowHours: 168 });
    expect(refusalRuleSettings({ RECTIFICATION_REFUSAL_THRESHOLD: '3', RECTIFICATION_REFUSAL_WINDOW_HOURS: '24' })).toEqual({ threshold: 3, windowHours: 24 });
    expect(() => refusalRuleSettings({ RECTIFICATION_REFUSAL_THRESHOLD: '-1' })).toThrow(/RECTIFICATION_REFUSAL_THRESHOLD/);
    expect(scanInterval({})).toBe(0);
    expect(scanInterval({ RECTIFICATION_SCAN_INTERVAL_MS: '0' })).toBe(0);
    expect(scanInterval({ RECTIFICATION_SCAN_INTERVAL_MS: '60000' })).toBe(60000);
    expect(() => scanInterval({ RECTIFICATION_SCAN_INTERVAL_MS: '5' })).toThrow(/at least 1000/);
  });
});
