// Guards issue 8, class 13: "open values that carry another item's data". An individual business
// named after its operator (个体工商户（王敏淑）) carries Person.name; its credit-record texts repeat it;
// a business registered at home carries Person.householdAddress, and so does the standard address
// behind it. Each must be served (and searched) under the stricter, carried item.
import { asAgency, gql } from '../support/client';
import { legalPersonCount } from '../../seed/synthetic/city';
import { syntheticLegalPerson, SyntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticLegalPersonCreditRecords } from '../../seed/synthetic/credit';
import { seededHouseholds, syntheticAddress } from '../../seed/synthetic/geospatial';
import { administrativePrefix, applyMask } from '../../platform/masking';
import { PURPOSES } from '../../subgraphs/catalog/agencies/demo-agencies';
import { withDb } from '../support/db';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const all = (): SyntheticLegalPerson[] => Array.from({ length: legalPersonCount(scale()) }, (_, k) => syntheticLegalPerson(k, scale()));

/** An individual business named after its operator that has a credit record naming it. */
function namedAfterOperator() {
  for (const lp of all()) {
    if (!lp.operatorName) continue;
    const record = syntheticLegalPersonCreditRecords(lp.index, scale(), lp).find((r) => r.content.includes('{经营者}'));
    if (record) return { lp, operatorName: lp.operatorName, record };
  }
  throw new Error('no individual business named after its operator with a credit record at this scale');
}

const homeBusiness = () => {
  const lp = all().find((l) => l.registeredAtHome);
  if (!lp) throw new Error('no business registered at home at this scale');
  return lp;
};

const BY_USCC = `query($u: String!) { legalPersonByUscc(uscc: $u) { id name } }`;
const SEARCH = `query($n: String!) { legalPersons(name: $n, first: 50) { edges { node { uscc name } } } }`;

async function readers() {
  return {
    anonymous: {} as Record<string, string>,
    // an agency with no right to Person.name at all
    naturalResources: await asAgency('natural-resources'),
    // Person.name granted under its default mask (SURNAME)
    financeBank: await asAgency('finance-bank', PURPOSES.inclusiveFinance),
    // Person.name granted in full
    humanResources: await asAgency('human-resources', PURPOSES.socialInsurance),
    // the provider of LegalPerson.name, which registered the operator's name
    marketRegulation: await asAgency('market-regulation'),
  };
}

describe('an individual business named after its operator', () => {
  test('the open name does not carry the operator’s full name to a reader without Person.name', async () => {
    const { lp, operatorName } = namedAfterOperator();
    const r = await readers();
    for (const headers of [r.anonymous, r.naturalResources]) {
      const res = await gql(BY_USCC, { u: lp.uscc }, headers);
      expect(res.errors).toBeUndefined();
      expect(res.data.legalPersonByUscc.name).toBe('个体工商户（***）');
      expect(JSON.stringify(res.data)).not.toContain(operatorName);
      expect(JSON.stringify(res.data)).not.toContain(operatorName.slice(1)); // nor the given name
    }
  });

  test('an agency with Person.name sees it under its mask for that item; the provider and a FULL grant see it all', async () => {
    const { lp, operatorName } = namedAfterOperator();
    const r = await readers();
    const masked = (await gql(BY_USCC, { u: lp.uscc }, r.financeBank)).data.legalPersonByUscc.name;
    expect(masked).toBe(`个体工商户（${applyMask(operatorName, 'SURNAME', { hashKey: 'x' })}）`);
    expect(masked).not.toContain(operatorName);
    expect((await gql(BY_USCC, { u: lp.uscc }, r.humanResources)).data.legalPersonByUscc.name).toBe(lp.name);
    expect((await gql(BY_USCC, { u: lp.uscc }, r.marketRegulation)).data.legalPersonByUscc.name).toBe(lp.name);
  });

  test('legalPersons(name:) matches the hidden name only for a reader who may read Person.name in full', async () => {
    const { lp, operatorName } = namedAfterOperator();
    const r = await readers();
    const found = async (headers: Record<string, string>, text = operatorName) => {
      const res = await gql(SEARCH, { n: text }, headers);
      expect(res.errors).toBeUndefined();
      return res.data.legalPersons.edges.some((e: any) => e.node.uscc === lp.uscc);
    };
    expect(await found(r.anonymous)).toBe(false);
    expect(await found(r.naturalResources)).toBe(false);
    // a masked right is not enough: matching a full name against a masked one confirms guesses
    expect(await found(r.financeBank)).toBe(false);
    // variant: the given name alone does not match either
    expect(await found(r.anonymous, operatorName.slice(-2))).toBe(false);
    expect(await found(r.humanResources)).toBe(true);
    expect(await found(r.marketRegulation)).toBe(true);
    // the open part of the name is still searchable by anyone
    expect(await found(r.anonymous, '个体工商户')).toBe(true);
  });

  test('variant: the open credit-record text naming the business does not carry the operator’s name', async () => {
    const { operatorName, record } = namedAfterOperator();
    const r = await readers();
    const Q = `query($n: String!) { creditRecordByDecisionNumber(decisionNumber: $n) { content legalPerson { name } } }`;
    for (const headers of [r.anonymous, r.naturalResources]) {
      const res = await gql(Q, { n: record.decisionNumber }, headers);
      expect(res.errors).toBeUndefined();
      expect(res.data.creditRecordByDecisionNumber.content).toBe(record.content.split('{经营者}').join('***'));
      expect(JSON.stringify(res.data)).not.toContain(operatorName);
    }
    const banked = await gql(Q, { n: record.decisionNumber }, r.financeBank);
    expect(banked.data.creditRecordByDecisionNumber.content).not.toContain(operatorName);
    expect(banked.data.creditRecordByDecisionNumber.content).toContain(`个体工商户（${operatorName[0]}`);
    const full = await gql(Q, { n: record.decisionNumber }, r.humanResources);
    expect(full.data.creditRecordByDecisionNumber.content).toContain(operatorName);
  });
});

describe('a business registered at its operator’s household address', () => {
  test('the open registered address is generalised to its county for readers without Person.householdAddress', async () => {
    const lp = homeBusiness();
    const county = administrativePrefix(lp.registeredAddress)!;
    const r = await readers();
    const Q = `query($u: String!) { legalPersonByUscc(uscc: $u) { registeredAddress } }`;
    for (const headers of [r.anonymous, r.naturalResources, r.financeBank]) {
      const res = await gql(Q, { u: lp.uscc }, headers);
      expect(res.errors).toBeUndefined();
      expect(res.data.legalPersonByUscc.registeredAddress).toBe(county);
    }
    expect((await gql(Q, { u: lp.uscc }, r.marketRegulation)).data.legalPersonByUscc.registeredAddress).toBe(lp.registeredAddress);
    expect((await gql(Q, { u: lp.uscc }, await asAgency('public-security'))).data.legalPersonByUscc.registeredAddress).toBe(lp.registeredAddress);
  });

  test('variant: the standard address behind it (Address.text, granted in full to taxation) is served as Person.householdAddress', async () => {
    const lp = homeBusiness();
    const county = administrativePrefix(lp.registeredAddress)!;
    const taxation = await asAgency('taxation', PURPOSES.taxGovernance);
    const res = await gql(`query($u: String!) { legalPersonByUscc(uscc: $u) { registeredLocation { text } } }`, { u: lp.uscc }, taxation);
    expect(res.errors).toBeUndefined();
    expect(res.data.legalPersonByUscc.registeredLocation.text).toBe(county);

    // the provider of the standard address assigned the door plate: it reads it in full
    const own = await gql(
      `query($u: String!) { legalPersonByUscc(uscc: $u) { registeredLocation { text } } }`,
      { u: lp.uscc },
      await asAgency('natural-resources'),
    );
    expect(own.data.legalPersonByUscc.registeredLocation.text).toBe(lp.registeredAddress);
  });

  test('variant: the door plate’s point is not served finer than the county, nor found by distance', async () => {
    const lp = homeBusiness();
    const home = syntheticAddress(lp.registeredAddress);
    const taxation = await asAgency('taxation', PURPOSES.taxGovernance);
    const POINT = `query($u: String!) { legalPersonByUscc(uscc: $u) { registeredLocation { location { coordinates } division { centre { coordinates } } } } }`;
    const located = (await gql(POINT, { u: lp.uscc }, taxation)).data.legalPersonByUscc.registeredLocation;
    expect(located.location.coordinates).not.toEqual(home.location);
    expect(located.location.coordinates).toEqual(located.division.centre.coordinates);

    // distances from chosen points would trilaterate the door plate: household addresses are not listed
    const households = new Set([...seededHouseholds(scale())].map((h) => h.address));
    const NEAR = `query($lon: Float!, $lat: Float!) { addressesNear(lon: $lon, lat: $lat, radiusMeters: 3000, first: 500) { distanceMeters address { text } } }`;
    const near = await gql(NEAR, { lon: home.location[0], lat: home.location[1] }, taxation);
    expect(near.errors).toBeUndefined();
    expect(near.data.addressesNear.filter((x: any) => households.has(x.address.text) || x.distanceMeters === 0)).toEqual([]);
    const provider = await gql(NEAR, { lon: home.location[0], lat: home.location[1] }, await asAgency('natural-resources'));
    expect(provider.data.addressesNear.some((x: any) => x.address.text === lp.registeredAddress && x.distanceMeters === 0)).toBe(true);
  });
});

describe('variant: the licences of such a business (电子证照库) carry the same values', () => {
  // Grants that give every licence item in full, but no Person.name / Person.householdAddress (or
  // Person.name only under its default mask): what a licence repeats of its operator must still be
  // served as those items would be.
  const LICENCE_ITEMS = [
    'BusinessLicense.holderName',
    'BusinessLicense.name',
    'BusinessLicense.operator',
    'BusinessLicense.premises',
    'BusinessLicense.address',
  ];
  const WITHOUT_PERSON = `执照核查-${Date.now()}`;
  const WITH_MASKED_NAME = `执照核查姓名-${Date.now()}`;
  const full = Object.fromEntries(LICENCE_ITEMS.map((i) => [i, 'FULL']));
  const Q = `query($u: String!) { legalPersonByUscc(uscc: $u) { id licenses(type: "营业执照") { ... on BusinessLicense { holderName name operator premises } } } }`;
  const licence = async (lp: SyntheticLegalPerson, headers: Record<string, string>) => {
    const res = await gql(Q, { u: lp.uscc }, headers);
    expect(res.errors).toBeUndefined();
    return res.data.legalPersonByUscc.licenses[0];
  };

  beforeAll(async () => {
    await withDb('catalog', async (c) => {
      for (const [purpose, items] of [
        [WITHOUT_PERSON, LICENCE_ITEMS],
        [WITH_MASKED_NAME, [...LICENCE_ITEMS, 'Person.name']],
      ] as const) {
        await c.query(
          `INSERT INTO sharing_grant (agency_code, items, purposes, masks, valid_from, valid_to)
           VALUES ('natural-resources', $1::text[], $2::text[], $3::jsonb, now() - interval '1 minute', now() + interval '1 day')`,
          [items, [purpose], JSON.stringify(full)],
        );
      }
    });
    await new Promise((r) => setTimeout(r, 1000)); // every subgraph reloads grants on NOTIFY
  });

  test('the operator’s name in the holder name, 名称 and 经营者 is served as Person.name', async () => {
    const lp = all().find((l) => l.operatorName)!;
    const operatorName = lp.operatorName!;
    const none = await licence(lp, await asAgency('natural-resources', WITHOUT_PERSON));
    expect(none).toEqual(expect.objectContaining({ holderName: '个体工商户（***）', name: '个体工商户（***）', operator: '***' }));
    expect(JSON.stringify(none)).not.toContain(operatorName.slice(1));

    const masked = await licence(lp, await asAgency('natural-resources', WITH_MASKED_NAME));
    const surname = applyMask(operatorName, 'SURNAME', { hashKey: 'x' });
    expect(masked).toEqual(expect.objectContaining({ holderName: `个体工商户（${surname}）`, name: `个体工商户（${surname}）`, operator: surname }));
    expect(JSON.stringify(masked)).not.toContain(operatorName);

    // the provider of the business licence wrote the name on it: it reads it in full
    const own = await licence(lp, await asAgency('market-regulation'));
    expect(own).toEqual(expect.objectContaining({ holderName: lp.name, name: lp.name, operator: operatorName }));
  });

  test('the household address in 经营场所 is served as Person.householdAddress, also through licensesOf', async () => {
    const lp = homeBusiness();
    const county = administrativePrefix(lp.registeredAddress)!;
    const headers = await asAgency('natural-resources', WITHOUT_PERSON);
    const l = await licence(lp, headers);
    expect(l.premises).toBe(county);
    expect(JSON.stringify(l)).not.toContain(lp.registeredAddress);

    const key = (await gql(Q, { u: lp.uscc }, headers)).data.legalPersonByUscc.id;
    const of = await gql(`query($k: ID!) { licensesOf(holderId: $k, type: "BUSINESS_LICENSE") { ... on BusinessLicense { premises } } }`, { k: key }, headers);
    expect(of.errors).toBeUndefined();
    expect(of.data.licensesOf).toEqual([{ premises: county }]);

    expect((await licence(lp, await asAgency('market-regulation'))).premises).toBe(lp.registeredAddress);
  });
});
