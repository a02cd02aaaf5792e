/**
 * A data objection must not be an oracle (issue 11, item 3): an agency that may not read an item
 * (no grant, another purpose, no purpose, not the operator's post) is refused the same way whether
 * the key names a record or not, and nothing is recorded; raising never looks the record up.
 */
import { asAgency, gql } from '../support/client';
import { personKey } from '../../platform/keys';
import { syntheticPerson } from '../../seed/synthetic/people';
import { PURPOSES } from '../../subgraphs/catalog/agencies/demo-agencies';
import { BUREAU, as, ok, refused } from '../integration/catalog-support';

const existing = personKey(syntheticPerson(3).idNumber);
const missing = personKey('430407199001010000');

async function raise(agency: string, purpose: string | undefined, item: string, key: string, roles = ['operator']) {
  return gql(
    `mutation R($input: DataObjectionInput!) { raiseDataObjection(input: $input) { id } }`,
    { input: { item, key, claim: '有误', evidence: '证明' } },
    await asAgency(agency, purpose, { roles }),
  );
}

test.each([
  ['no grant for the item', 'finance-bank', PURPOSES.inclusiveFinance, 'Person.idNumber', ['operator']],
  ['a granted item, another purpose', 'civil-affairs', PURPOSES.taxGovernance, 'Person.name', ['operator']],
  ['a granted item, no purpose', 'civil-affairs', undefined, 'Person.name', ['operator']],
  ['a NONE item', 'civil-affairs', PURPOSES.minimumLiving, 'Person.ethnicity', ['operator']],
])('%s: the same refusal for an existing and a missing record', async (_why, agency, purpose, item, roles) => {
  const a = refused(await raise(agency, purpose, item, existing, roles), 'FORBIDDEN');
  const b = refused(await raise(agency, purpose, item, missing, roles), 'FORBIDDEN');
  expect(b).toEqual(a);
  expect(a.extensions?.reason).toBe('item');
});

test('raising is the operator’s post', async () => {
  const e = refused(await raise('civil-affairs', PURPOSES.minimumLiving, 'Person.name', existing, ['approver']), 'FORBIDDEN');
  expect(e.extensions?.requiredRole).toBe('operator');
});

test('an unknown item is bad input; nothing refused was recorded', async () => {
  refused(await raise('civil-affairs', PURPOSES.minimumLiving, 'Person.nope', existing), 'BAD_USER_INPUT');
  const all = ok(await gql(`{ dataObjections(first: 500) { edges { node { subjectKey raisedBy } } } }`, {}, await as(BUREAU))).dataObjections.edges;
  expect(all.filter((e: any) => e.node.subjectKey === missing)).toEqual([]);
  expect(all.filter((e: any) => e.node.raisedBy === 'finance-bank')).toEqual([]);
});
