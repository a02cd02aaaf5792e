/**
 * Who may change the catalogue register, and how (issue 10, item 3): only the bureau's approver;
 * another post of the bureau is refused naming the role, another agency's approver (even the
 * item's provider) is refused; a looser change without a review is REVIEW_REQUIRED, including a
 * mask that is not comparable. A refused step changes nothing (no version) and is audited. The
 * history is append-only in the database itself. Reading the history needs an agency token.
 */
import { asAgency, gql, unsignedGql, subgraphUrl } from '../support/client';
import { withDb } from '../support/db';
import { APPROVER, BUREAU, as, refused } from '../integration/catalog-support';
import { history, reclassify } from '../integration/register-support';

const CONDITIONAL_ITEM = 'LegalPerson.contactPhone'; // CONDITIONAL, mask PHONE, provider market-regulation
const NONE_ITEM = 'LegalPerson.totalAssets'; // NONE, provider market-regulation

const editItem = async (headers: Record<string, string>) =>
  gql(
    `mutation($item: String!, $input: CatalogueItemEditInput!) { editCatalogueItem(item: $item, input: $input) { version } }`,
    { item: CONDITIONAL_ITEM, input: { conditions: '试图修改', reason: 'x' } },
    headers,
  );
const editResource = async (headers: Record<string, string>) =>
  gql(
    `mutation($code: String!, $input: CatalogueResourceEditInput!) { editCatalogueResource(code: $code, input: $input) { version } }`,
    { code: 'HY-FR-001', input: { summary: '试图修改', reason: 'x' } },
    headers,
  );

async function refusedAudits(mutation: string): Promise<number> {
  return withDb(
    'catalog',
    async (c) => (await c.query(`SELECT count(*)::int AS n FROM audit_event WHERE $1 = ANY(items_refused)`, [`Mutation.${mutation}`])).rows[0].n as number,
  );
}

describe('refused register changes', () => {
  test('a bureau operator (not approver) is FORBIDDEN naming the role; nothing changes; the refusal is audited', async () => {
    const versions = (await history(CONDITIONAL_ITEM)).length;
    const audited = await refusedAudits('reclassifyCatalogueItem');
    const operator = await as(BUREAU, 'bureau-clerk');
    const e = refused(await reclassify(CONDITIONAL_ITEM, { sharingType: 'NONE', basis: 'x', reason: 'x' }, operator), 'FORBIDDEN');
    expect(e.extensions).toMatchObject({ requiredRole: 'approver' });
    expect(refused(await editItem(operator), 'FORBIDDEN').extensions?.requiredRole).toBe('approver');
    expect(refused(await editResource(operator), 'FORBIDDEN').extensions?.requiredRole).toBe('approver');
    expect((await history(CONDITIONAL_ITEM)).length).toBe(versions);
    expect(await refusedAudits('reclassifyCatalogueItem')).toBe(audited + 1);
  });

  test("another agency's approver, even the item's provider, is FORBIDDEN (the register is the bureau's)", async () => {
    const versions = (await history(CONDITIONAL_ITEM)).length;
    for (const agency of ['market-regulation', 'taxation']) {
      const approver = await as(agency, undefined, APPROVER);
      expect(refused(await reclassify(CONDITIONAL_ITEM, { sharingType: 'NONE', basis: 'x', reason: 'x' }, approver), 'FORBIDDEN').extensions).toMatchObject({
        requiredRole: 'BUREAU',
      });
      expect(refused(await editItem(approver), 'FORBIDDEN').extensions?.requiredRole).toBe('BUREAU');
      expect(refused(await editResource(approver), 'FORBIDDEN').extensions?.requiredRole).toBe('BUREAU');
    }
    expect((await history(CONDITIONAL_ITEM)).length).toBe(versions);
  });

  test('looser than the register without a review: REVIEW_REQUIRED (type, open, level, a weaker or an incomparable mask)', async () => {
    const versions = (await history(NONE_ITEM)).length;
    const none = refused(await reclassify(NONE_ITEM, { sharingType: 'CONDITIONAL', reason: '想直接放开' }), 'REVIEW_REQUIRED');
    expect(none.extensions).toMatchObject({ item: NONE_ITEM, attributes: ['type'] });
    expect(none.message).toMatch(/objectToNonSharing/);
    expect((await history(NONE_ITEM)).length).toBe(versions);

    const before = (await history(CONDITIONAL_ITEM)).length;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ sharingType: 'UNCONDITIONAL' }, ['type']],
      [{ mask: 'FULL' }, ['mask']],
      [{ mask: 'EMAIL' }, ['mask']], // PHONE and EMAIL: neither is stricter
      [{ level: 'L1' }, ['level']],
      [{ sharingType: 'UNCONDITIONAL', level: 'L4' }, ['type']], // a stricter level does not buy a looser type
    ];
    for (const [input, attributes] of cases) {
      const e = refused(await reclassify(CONDITIONAL_ITEM, { ...input, reason: 'x' }), 'REVIEW_REQUIRED');
      expect({ input, attributes: e.extensions?.attributes }).toEqual({ input, attributes });
    }
    expect((await history(CONDITIONAL_ITEM)).length).toBe(before);
  });

  test('bad input is BAD_USER_INPUT: unknown item, no change, NONE without basis, a mask on a number', async () => {
    expect(refused(await reclassify('LegalPerson.nothing', { level: 'L4', reason: 'x' }), 'BAD_USER_INPUT').extensions?.argument).toBe('item');
    expect(refused(await reclassify(CONDITIONAL_ITEM, { mask: 'PHONE', reason: 'x' }), 'BAD_USER_INPUT').message).toMatch(/nothing to change/);
    expect(refused(await reclassify(CONDITIONAL_ITEM, { mask: 'NOPE(1)', reason: 'x' }), 'BAD_USER_INPUT').extensions?.argument).toBe('input.mask');
    expect(refused(await reclassify(CONDITIONAL_ITEM, { level: 'L4', reason: '  ' }), 'BAD_USER_INPUT').extensions?.argument).toBe('input.reason');
    expect(refused(await reclassify(NONE_ITEM, { mask: 'HASH', reason: 'x' }), 'BAD_USER_INPUT').message).toMatch(/text fields only/);
  });
});

describe('the history', () => {
  test('append-only in the database: UPDATE and DELETE of a version are refused', async () => {
    await withDb('catalog', async (c) => {
      await expect(c.query(`UPDATE register_item_version SET reason = 'rewritten' WHERE item = $1`, [CONDITIONAL_ITEM])).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM register_item_version WHERE item = $1`, [CONDITIONAL_ITEM])).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM register_resource_version`)).rejects.toThrow(/append-only/);
    });
  });

  test('initialised from the code: version 1 by the provider’s release', async () => {
    const versions = await history(CONDITIONAL_ITEM);
    expect(versions.at(-1)).toMatchObject({
      version: 1,
      sharingType: 'CONDITIONAL',
      mask: 'PHONE',
      authorAgency: 'market-regulation',
      authorOperator: 'release:legal-person',
    });
  });

  test('needs an agency token: refused without one at the router and at the catalog', async () => {
    const q = `{ catalogueItemHistory(item: "${CONDITIONAL_ITEM}") { version reason authorOperator } }`;
    expect((await gql(q)).status).toBe(401);
    const direct = await gql(q, {}, {}, subgraphUrl('catalog'));
    expect(direct.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(direct.data?.catalogueItemHistory ?? null).toBeNull();
    expect((await unsignedGql(q, {}, await asAgency('taxation'), subgraphUrl('catalog'))).status).toBe(401);
  });
});
