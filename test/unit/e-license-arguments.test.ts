/**
 * 电子证照库 arguments and relations (issue 8, classes 4 and 5). A filter argument names one item
 * whose decision stands for the argument; `status` filters licences of every kind a holder may
 * hold, so it is declared by one kind's status item, which is exact only while every kind declares
 * the same policy for it. Each kind's `holder` is walked back by the holder's licence list.
 */
import { LICENSE_TYPES } from '../../subgraphs/e-license/catalogue';
import { commonPolicies, holderListsOf } from '../../subgraphs/e-license/items';
import { LEGAL_PERSON_STATUS_ITEM, PERSON_STATUS_ITEM } from '../../subgraphs/e-license/resolvers';
import { parseInverse } from '../../platform/policy/metadata';

const withoutProvider = ({ provider: _provider, inverse: _inverse, ...rest }: Record<string, unknown>) => rest;

test.each(['status', 'type', 'holder'])('every kind declares the same %s policy (apart from its provider), so one kind may stand for all', (field) => {
  const policies = LICENSE_TYPES.map((t) => withoutProvider(commonPolicies(t)[field] as never));
  for (const p of policies) expect(p).toEqual(policies[0]);
});

test('the status filters name a status item of a kind each holder may hold', () => {
  const kindOf = (item: string) => LICENSE_TYPES.find((t) => t.graphqlName === item.split('.')[0])!;
  expect(kindOf(PERSON_STATUS_ITEM).holderKinds).toContain('PERSON');
  expect(kindOf(LEGAL_PERSON_STATUS_ITEM).holderKinds).toContain('LEGAL_PERSON');
});

test('each kind’s holder names the licence lists of the holders it may have', () => {
  expect(holderListsOf(LICENSE_TYPES.find((t) => t.code === 'ID_CARD')!)).toBe('Person.licenses');
  expect(holderListsOf(LICENSE_TYPES.find((t) => t.code === 'BUSINESS_LICENSE')!)).toBe('LegalPerson.licenses');
  expect(holderListsOf(LICENSE_TYPES.find((t) => t.code === 'REAL_ESTATE_CERTIFICATE')!)).toBe('Person.licenses, LegalPerson.licenses');
  for (const t of LICENSE_TYPES) expect(parseInverse(commonPolicies(t).holder.inverse!)).toMatchObject({ none: false });
});
