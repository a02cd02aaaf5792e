// Guards issue 8, class 13 in 电子证照库: a licence of an individual business repeats its operator's
// name and, when registered at home, a household address; each field holding one serves it as the
// reader may see Person.name / Person.householdAddress (subgraphs/e-license/carried.ts).
import { AuditCollector } from '../../platform/audit/collector';
import type { Identity } from '../../platform/identity/identity';
import type { GrantStore, LiveGrant } from '../../platform/policy/grants';
import { RequestPolicy } from '../../platform/policy/request';
import { serveCarried } from '../../subgraphs/e-license/carried';
import type { LicenseEntity } from '../../subgraphs/e-license/entities';

const PURPOSE = '执照核查';
const HOME = '湖南省衡阳市蒸湘区解放大道12号3栋2单元1501室';
const grant = (items: string[]): LiveGrant => ({
  id: 'g1',
  agency: 'natural-resources',
  items: new Set(items),
  purposes: new Set([PURPOSE]),
  masks: {},
  rowScope: null,
  validFrom: new Date(0),
  validTo: null,
  methods: new Set(['ONLINE_QUERY']),
  batch: null,
});
const policy = (agency: string, grants: LiveGrant[] = []) =>
  new RequestPolicy(
    { kind: 'agency', agency, roles: [] } as unknown as Identity,
    PURPOSE,
    { liveGrants: () => grants } as unknown as GrantStore,
    new AuditCollector(),
  );
const row = { carriedName: '王敏淑', carriedAddress: HOME, carriedSubject: 'operator-key' } as LicenseEntity;
const view = () => ({
  id: 'k',
  number: '92430408MA4L000000',
  holderName: '个体工商户（王敏淑）',
  name: '个体工商户（王敏淑）',
  operator: '王敏淑',
  premises: HOME,
  businessScope: '餐饮服务',
  registrationDate: '2019-03-01',
});
const events = (p: RequestPolicy) => p.audit.events({ requestId: 'r', subgraph: 'e-license', agency: 'x', operator: null, actorSubject: null, purpose: null });

test('a reader without Person.name / Person.householdAddress gets stand-ins that tell nothing', () => {
  const p = policy('natural-resources');
  const v = view();
  serveCarried(v, row, 'market-regulation', p);
  expect(v).toEqual({ ...view(), holderName: '个体工商户（***）', name: '个体工商户（***）', operator: '***', premises: '湖南省衡阳市蒸湘区' });
  expect(
    events(p)
      .flatMap((e) => e.itemsRefused)
      .sort(),
  ).toEqual(['Person.householdAddress', 'Person.name']);
  expect(events(p)[0].subjects).toEqual([expect.objectContaining({ key: 'operator-key' })]);
});

test('a grant for Person.name shows it under that grant’s mask; the kind’s provider reads all', () => {
  const masked = view();
  serveCarried(masked, row, 'market-regulation', policy('natural-resources', [grant(['Person.name'])]));
  expect([masked.holderName, masked.operator]).toEqual(['个体工商户（王**）', '王**']);
  const own = view();
  serveCarried(own, row, 'market-regulation', policy('market-regulation'));
  expect(own).toEqual(view());
});

test('only the fields a query reads are decided and audited; a licence carrying nothing is untouched', () => {
  const p = policy('natural-resources');
  const v = view();
  serveCarried(v, row, 'market-regulation', p);
  expect(events(p)).toEqual([]);
  const _read = v.number; // reading a field that carries nothing decides and records nothing
  expect(events(p)).toEqual([]);
  const plain = view();
  serveCarried(plain, { carriedName: null, carriedAddress: null } as LicenseEntity, 'market-regulation', policy('natural-resources'));
  expect(plain).toEqual(view());
});
