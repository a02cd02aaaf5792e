/**
 * Demo agencies and the grants the issue asks for: human-resources reads persons' names and ID
 * numbers in full for social-insurance certification; civil-affairs reads persons under default
 * masking for minimum-living review (and phones of one county only, for temporary relief);
 * taxation and finance-bank read legal-person and credit items for their own purposes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SeedOptions } from '../../platform/subgraph/definition';
import { countAgencies, issueGrant, registerAgencies } from '../../platform/governance';
import { DEMO_AGENCIES, PURPOSES } from './agencies/demo-agencies';
import { query } from './shared/sql';
import { BUREAU } from './shared/actors';
import { LICENSE_TYPES } from '../e-license/catalogue';
import { ensureQualityActor, QUALITY_ACTOR } from './quality/actor';

/** `<Type>.<field>` of every licence kind (each kind is its own resource, see e-license/items.ts). */
const everyLicenceKind = (field: string) => LICENSE_TYPES.map((t) => `${t.graphqlName}.${field}`);

interface DemoGrant {
  agency: string;
  items: string[];
  purposes: string[];
  masks?: Record<string, string>;
  rowScope?: { field: string; values: string[] };
}

export const DEMO_GRANTS: DemoGrant[] = [
  {
    agency: 'human-resources',
    items: ['Person.name', 'Person.idNumber', 'Person.birthDate'],
    purposes: [PURPOSES.socialInsurance],
    masks: { 'Person.name': 'FULL', 'Person.idNumber': 'FULL' },
  },
  {
    agency: 'civil-affairs',
    items: [
      'Person.name',
      'Person.idNumber',
      'Person.birthDate',
      'Person.householdAddress',
      'Person.household',
      'Household.head',
      'Household.members',
      'Household.householdNumber',
      'Household.address',
    ],
    purposes: [PURPOSES.minimumLiving],
  },
  {
    agency: 'civil-affairs',
    items: ['Person.phone'],
    purposes: [PURPOSES.temporaryRelief],
    rowScope: { field: 'householdDivisionCode', values: ['430408'] },
  },
  {
    // 综合治税: the thematic query across all five domains for enterprises and their representatives.
    agency: 'taxation',
    items: [
      'LegalPerson.contactPhone',
      'Person.name',
      'Person.idNumber',
      'Person.licenses',
      ...everyLicenceKind('number'),
      ...everyLicenceKind('holderName'),
      // What a licence says, item by item, under the same default masks as Person.name / idNumber.
      'IdCard.name',
      'IdCard.idNumber',
      'BusinessLicense.legalRepresentative',
      'BusinessLicense.registeredCapital',
      'BusinessLicense.businessScope',
      'Person.creditProfile',
      'Person.creditRecords',
      'CreditRecord.person',
      'CreditRecord.personalContent',
      'Person.parcels',
      'LandParcel.holderPerson',
      'Address.text',
    ],
    purposes: [PURPOSES.taxGovernance],
    masks: { 'LegalPerson.contactPhone': 'FULL', 'Address.text': 'FULL' },
  },
  {
    // 普惠金融: a bank branch checks a borrower's credit, with personal data masked by default.
    agency: 'finance-bank',
    items: [
      'LegalPerson.contactPhone',
      'Person.name',
      'Person.creditProfile',
      'Person.creditRecords',
      'CreditRecord.personalContent',
      'BusinessLicense.holderName',
    ],
    purposes: [PURPOSES.inclusiveFinance],
  },
];

export async function seedCatalog(em: EntityManager, { log }: SeedOptions): Promise<void> {
  const sql = query(em);
  await registerAgencies(sql, DEMO_AGENCIES);
  // The register was truncated for the demo data: the consistency job's actor (a migration's) again.
  await ensureQualityActor(sql);
  const day = 86_400_000;
  for (const g of DEMO_GRANTS) {
    const now = Date.now();
    await issueGrant(sql, { ...g, validFrom: new Date(now - day), validTo: new Date(now + 2 * 365 * day) });
  }
  log(`${DEMO_AGENCIES.length} agencies, ${DEMO_GRANTS.length} grants`);
}

/** No agency but those migrations register (the administering bureau, the consistency job) is in the register. */
export async function isCatalogEmpty(em: EntityManager): Promise<boolean> {
  return (await countAgencies(query(em), [BUREAU, QUALITY_ACTOR])) === 0;
}
