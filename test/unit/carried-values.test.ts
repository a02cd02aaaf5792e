// Guards issue 8, class 13 at the unit level: a value carried inside another item's value is shown
// as the reader may see the carried item (platform/policy/carried.ts).
import { AuditCollector } from '../../platform/audit/collector';
import type { Identity } from '../../platform/identity/identity';
import type { GrantStore, LiveGrant } from '../../platform/policy/grants';
import { RequestPolicy } from '../../platform/policy/request';
import { carriedView, HOUSEHOLD_ADDRESS, PERSON_NAME, readsCarriedInFull, renderCarriedName } from '../../platform/policy/carried';

const PURPOSE = '普惠金融信用核查';
const grant = (items: string[], masks: Record<string, string> = {}, rowScope: LiveGrant['rowScope'] = null): LiveGrant => ({
  id: 'g1',
  agency: 'finance-bank',
  items: new Set(items),
  purposes: new Set([PURPOSE]),
  masks,
  rowScope,
  validFrom: new Date(0),
  validTo: null,
  methods: new Set(['ONLINE_QUERY']),
  batch: null,
});
const store = (grants: LiveGrant[]) => ({ liveGrants: () => grants }) as unknown as GrantStore;
const agency = (code: string): Identity => ({ kind: 'agency', agency: code, roles: [] });
const policy = (who: Identity, grants: LiveGrant[] = [], purpose: string | null = PURPOSE) =>
  new RequestPolicy(who, purpose ?? undefined, store(grants), new AuditCollector());

describe('carriedView', () => {
  test('the carrying item’s provider reads the carried value in full', () => {
    expect(carriedView(policy(agency('market-regulation')), 'market-regulation', PERSON_NAME, '王敏淑')).toMatchObject({ text: '王敏淑', outcome: 'served' });
  });

  test('a reader without the carried item gets a stand-in that tells nothing', () => {
    expect(carriedView(policy({ kind: 'anonymous', roles: [] }), 'market-regulation', PERSON_NAME, '王敏淑')).toMatchObject({
      text: '***',
      outcome: 'refused',
    });
    expect(carriedView(policy(agency('natural-resources')), 'market-regulation', PERSON_NAME, '欧阳修文').text).toBe('***');
    expect(carriedView(policy(agency('taxation')), 'natural-resources', HOUSEHOLD_ADDRESS, '湖南省衡阳市蒸湘区解放大道12号3栋2单元1501室').text).toBe(
      '湖南省衡阳市蒸湘区',
    );
  });

  test('a grant for the carried item applies its mask; a row-scoped grant is not applied (fails closed)', () => {
    expect(carriedView(policy(agency('finance-bank'), [grant(['Person.name'])]), 'market-regulation', PERSON_NAME, '王敏淑')).toMatchObject({
      text: '王**',
      outcome: 'masked',
    });
    expect(
      carriedView(policy(agency('finance-bank'), [grant(['Person.name'], { 'Person.name': 'FULL' })]), 'market-regulation', PERSON_NAME, '王敏淑').text,
    ).toBe('王敏淑');
    expect(carriedView(policy(agency('finance-bank'), [grant(['Person.name'])], null), 'market-regulation', PERSON_NAME, '王敏淑').text).toBe('***');
    const scoped = grant(['Person.name'], { 'Person.name': 'FULL' }, { field: 'householdDivisionCode', values: ['430408'] });
    expect(carriedView(policy(agency('finance-bank'), [scoped]), 'market-regulation', PERSON_NAME, '王敏淑').text).toBe('***');
  });

  test('searching inside the carried value needs it in full', () => {
    expect(readsCarriedInFull(policy(agency('finance-bank'), [grant(['Person.name'])]), 'market-regulation', PERSON_NAME)).toBe(false);
    expect(readsCarriedInFull(policy(agency('finance-bank'), [grant(['Person.name'], { 'Person.name': 'FULL' })]), 'market-regulation', PERSON_NAME)).toBe(
      true,
    );
    expect(readsCarriedInFull(policy(agency('market-regulation')), 'market-regulation', PERSON_NAME)).toBe(true);
    expect(readsCarriedInFull(policy(agency('public-security')), 'natural-resources', HOUSEHOLD_ADDRESS)).toBe(true); // Person.householdAddress's own provider
  });
});

describe('renderCarriedName', () => {
  test('fills the placeholder and records the carried item in the audit trail', () => {
    const p = policy(agency('natural-resources'));
    expect(renderCarriedName(p, 'market-regulation', '个体工商户（{经营者}）', '王敏淑', 'person-key')).toBe('个体工商户（***）');
    const [event] = p.audit.events({
      requestId: 'r',
      subgraph: 'legal-person',
      agency: 'natural-resources',
      operator: null,
      actorSubject: null,
      purpose: null,
    });
    expect(event).toMatchObject({ resource: 'Person', itemsRefused: ['Person.name'], subjects: [{ key: 'person-key', disclosed: false }] });
  });

  test('a text without the placeholder, or without a carried name, is returned as it is', () => {
    const p = policy(agency('natural-resources'));
    expect(renderCarriedName(p, 'market-regulation', '衡阳市王记米粉店', null, 'k')).toBe('衡阳市王记米粉店');
    expect(renderCarriedName(p, 'market-regulation', '衡阳市鑫盛建材有限公司', '王敏淑', 'k')).toBe('衡阳市鑫盛建材有限公司');
    expect(p.audit.isEmpty).toBe(true);
  });
});
