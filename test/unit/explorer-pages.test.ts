/**
 * Issue 14 — the explorer's small rules: the purpose header is percent-encoded for the user (HTTP
 * headers are Latin-1), a field's sharing line reads as the catalogue does, and the build-time
 * department names agree with the register the demo seeds.
 */
import { encodePurpose, purposeHeaders } from '../../web/explorer/purpose';
import { describeField, maskLabel, sharingLine } from '../../platform/policy/describe';
import { DEPARTMENT_NAMES } from '../../reference/departments';
import { DEMO_AGENCIES } from '../../subgraphs/catalog/agencies/demo-agencies';

describe('the purpose header', () => {
  it('encodes Chinese and leaves an already encoded value alone', () => {
    expect(encodePurpose('社会保险待遇资格认证')).toBe(encodeURIComponent('社会保险待遇资格认证'));
    expect(encodePurpose(encodeURIComponent('综合治税'))).toBe(encodeURIComponent('综合治税'));
    expect(encodePurpose('tax audit')).toBe('tax%20audit');
  });
  it('encodes x-purpose in any case and drops the placeholder token', () => {
    expect(purposeHeaders({ 'X-Purpose': '综合治税', Authorization: 'Bearer <令牌>' })).toEqual({ 'X-Purpose': encodeURIComponent('综合治税') });
    expect(purposeHeaders({ authorization: 'Bearer abc.def.ghi' })).toEqual({ authorization: 'Bearer abc.def.ghi' });
  });
});

describe('the sharing line of a field description', () => {
  const names = (code: string) => DEPARTMENT_NAMES[code] ?? code;
  it('names class, openness, level, default mask and provider', () => {
    expect(sharingLine({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'ID_NUMBER', provider: 'public-security' }, names)).toBe(
      '【有条件共享 · 不予开放 · L3 · 默认脱敏：身份证号 · 提供：衡阳市公安局】',
    );
    expect(sharingLine({ type: 'NONE', open: 'CLOSED', level: 'L4', provider: 'health', basis: '《条例》第十条' }, names)).toBe(
      '【不予共享 · 不予开放 · L4 · 默认脱敏：不脱敏 · 提供：衡阳市卫生健康委员会 · 依据：《条例》第十条】',
    );
  });
  it('labels masks with arguments', () => {
    expect(maskLabel('KEEP(3,4)')).toBe('保留前3后4位');
    expect(maskLabel('RANGE(7,14)')).toBe('遮盖第7至14位');
  });
  it('replaces an earlier line and keeps the rest of the description', () => {
    const once = describeField('公民身份号码', '【有条件共享】');
    expect(once).toBe('【有条件共享】\n公民身份号码');
    expect(describeField(once, '【不予共享】')).toBe('【不予共享】\n公民身份号码');
  });
});

it('the build-time department names are the register’s names', () => {
  for (const a of DEMO_AGENCIES) if (DEPARTMENT_NAMES[a.code]) expect({ code: a.code, name: DEPARTMENT_NAMES[a.code] }).toEqual({ code: a.code, name: a.name });
  for (const a of DEMO_AGENCIES) if (a.kind === 'PROVIDER' || a.kind === 'ADMINISTERING') expect(DEPARTMENT_NAMES[a.code]).toBeDefined();
});
