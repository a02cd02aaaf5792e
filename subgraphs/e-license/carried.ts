/**
 * Values that carry other items, in licences (issue 8, class 13). Every licence of an individual
 * business named after its operator repeats the operator's full name — its holder name
 * (个体工商户（王敏淑）), 名称, 经营者, 经营者名称, 法定代表人（负责人） — and every licence of one
 * registered at the operator's home repeats a household address (经营场所, 住所, 地址). The content
 * stays as issued (the signature commits to it); what it carries is recorded beside it
 * (`carried_name`, `carried_address`) and, at read time, each field that holds a carried value
 * serves that part as the reader may see the carried item (platform/policy/carried.ts): the name
 * as Person.name, the address as Person.householdAddress. The field's own decision and mask still
 * apply afterwards, so the stricter of the two wins. The kind's provider reads both in full: it
 * wrote them on the licence.
 */
import { carriedView, HOUSEHOLD_ADDRESS, OPERATOR_PLACEHOLDER, renderCarriedName } from '../../platform/policy/carried';
import type { RequestPolicy } from '../../platform/policy/request';
import type { LicenseEntity } from './entities';

/** Fields that never carry a name or an address: keys, numbers, dates, codes, the signature. */
const NOT_CARRYING = new Set([
  '__typename',
  'holderId',
  'id',
  'number',
  'holderKind',
  'issueDate',
  'validFrom',
  'validTo',
  'signature',
  'photoDigest',
  'fingerprintEnrolled',
  'uscc',
]);

/** The text as this reader may see the household address inside it, audited as Person.householdAddress. */
function renderCarriedAddress(policy: RequestPolicy, provider: string, text: string, address: string, subject: string | null): string {
  const view = carriedView(policy, provider, HOUSEHOLD_ADDRESS, address);
  policy.audit.record(HOUSEHOLD_ADDRESS.resource, HOUSEHOLD_ADDRESS.item, view.outcome, subject);
  return text.split(address).join(view.text);
}

/**
 * Replaces, on a licence view, every field whose value holds a carried name or address by a getter
 * that serves it as this reader may see the carried item. Getters, so that only the fields a query
 * selects are decided and audited.
 */
export function serveCarried(view: Record<string, unknown>, row: LicenseEntity, provider: string, policy: RequestPolicy): void {
  const name = row.carriedName || null;
  const address = row.carriedAddress || null;
  if (!name && !address) return;
  const subject = row.carriedSubject ?? null;
  for (const [field, value] of Object.entries(view)) {
    if (NOT_CARRYING.has(field) || typeof value !== 'string') continue;
    const hasName = !!name && value.includes(name);
    const hasAddress = !!address && value.includes(address);
    if (!hasName && !hasAddress) continue;
    let served: string | undefined;
    Object.defineProperty(view, field, {
      enumerable: true,
      configurable: true,
      get: () => {
        if (served !== undefined) return served;
        // The address first: a name inside an address (a street named after someone) stays hidden with it.
        let text = hasAddress ? renderCarriedAddress(policy, provider, value, address, subject) : value;
        if (hasName && text.includes(name)) text = renderCarriedName(policy, provider, text.split(name).join(OPERATOR_PLACEHOLDER), name, subject);
        served = text;
        return served;
      },
    });
  }
}
