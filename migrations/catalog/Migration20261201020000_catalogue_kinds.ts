import { Migration } from '@mikro-orm/migrations';

/**
 * The catalogue's four kinds (Art. 12, issue 10): thematic resources (主题信息资源, a named
 * composition of items from several base databases with a responsible agency) and department
 * resources (部门信息资源, possibly held outside the platform: metadata only) live here; base
 * resources stay generated from the supergraph. `catalog_disclosure_link` links any resource, of
 * any kind, to its 政府信息公开目录 entry.
 */

interface ComposedResource {
  code: string;
  kind: 'THEMATIC' | 'DEPARTMENT';
  name: string;
  summary: string;
  provider: string;
  updateCycle: string;
  items: string[];
  heldOutsidePlatform: boolean;
  /** Only for a resource without platform items (held outside): its classes as the department declares them. */
  sharingType: string;
  openType: string;
}

/** The demo themes (Art. 6 主题数据库) and one department resource held outside the platform. */
export const COMPOSED_RESOURCES: ComposedResource[] = [
  {
    code: 'HY-ZT-001',
    kind: 'THEMATIC',
    name: '综合治税主题库',
    summary: '税务部门牵头建设：企业登记、法定代表人、营业执照、不动产与宗地、信用记录，供涉税信息比对与税源监控',
    provider: 'taxation',
    updateCycle: 'DAILY',
    items: [
      'LegalPerson.uscc',
      'LegalPerson.name',
      'LegalPerson.registeredCapital',
      'LegalPerson.contactPhone',
      'LegalPerson.legalRepresentative',
      'LegalPerson.creditProfile',
      'Person.name',
      'Person.idNumber',
      'BusinessLicense.registeredCapital',
      'BusinessLicense.businessScope',
      'LandParcel.code',
      'LandParcel.areaSquareMeters',
      'LandParcel.holderLegalPerson',
      'RealEstateCertificate.area',
      'RealEstateCertificate.use',
      'CreditRecord.listName',
    ],
    heldOutsidePlatform: false,
    sharingType: 'CONDITIONAL',
    openType: 'CLOSED',
  },
  {
    code: 'HY-ZT-002',
    kind: 'THEMATIC',
    name: '普惠金融主题库',
    summary: '金融服务机构牵头建设：借款人身份、信用概况与信用记录、企业登记与经营范围、不动产权利，供普惠金融信用核查',
    provider: 'finance-bank',
    updateCycle: 'DAILY',
    items: [
      'Person.name',
      'Person.idNumber',
      'Person.creditProfile',
      'Person.creditRecords',
      'CreditProfile.rating',
      'CreditProfile.onBlacklistNow',
      'LegalPerson.uscc',
      'LegalPerson.name',
      'LegalPerson.status',
      'LegalPerson.creditProfile',
      'BusinessLicense.businessScope',
      'RealEstateCertificate.rightHolder',
    ],
    heldOutsidePlatform: false,
    sharingType: 'CONDITIONAL',
    openType: 'CLOSED',
  },
  {
    code: 'HY-BM-001',
    kind: 'DEPARTMENT',
    name: '纳税信用等级评价结果',
    summary: '税务部门年度纳税信用评价（A、B、M、C、D 级），保存在税收征管系统，未接入共享平台：仅登记目录信息，按需向税务部门申请',
    provider: 'taxation',
    updateCycle: 'YEARLY',
    items: [],
    heldOutsidePlatform: true,
    sharingType: 'CONDITIONAL',
    openType: 'CONDITIONAL',
  },
];

/** 政府信息公开目录 entries of resources whose content is (in part) proactively disclosed. */
export const DISCLOSURE_LINKS: [string, string][] = [
  ['HY-FR-001', 'https://www.hengyang.gov.cn/xxgk/zfxxgkml/scjg/qydj/'],
  ['HY-XY-001', 'https://www.hengyang.gov.cn/xxgk/zfxxgkml/fgw/xyxx/'],
  ['HY-KJ-001', 'https://www.hengyang.gov.cn/xxgk/zfxxgkml/zrzy/xzqh/'],
  ['HY-BM-001', 'https://hunan.chinatax.gov.cn/xxgk/nsxy/'],
];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export class Migration20261201020000_catalogue_kinds extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE catalog_composed_resource (
      code text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('THEMATIC', 'DEPARTMENT')),
      name text NOT NULL,
      summary text NOT NULL,
      provider text NOT NULL,
      update_cycle text NOT NULL,
      items text[] NOT NULL DEFAULT '{}',
      held_outside_platform boolean NOT NULL DEFAULT false,
      sharing_type text NOT NULL DEFAULT 'CONDITIONAL' CHECK (sharing_type IN ('UNCONDITIONAL', 'CONDITIONAL', 'NONE')),
      open_type text NOT NULL DEFAULT 'CLOSED' CHECK (open_type IN ('OPEN', 'CONDITIONAL', 'CLOSED')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind = 'DEPARTMENT' OR NOT held_outside_platform),
      CHECK (held_outside_platform OR cardinality(items) > 0)
    )`);
    this.addSql(`CREATE TABLE catalog_disclosure_link (resource_code text PRIMARY KEY, url text NOT NULL CHECK (url ~ '^https?://'))`);
    for (const r of COMPOSED_RESOURCES) {
      this.addSql(
        `INSERT INTO catalog_composed_resource (code, kind, name, summary, provider, update_cycle, items, held_outside_platform, sharing_type, open_type)
         VALUES (${[r.code, r.kind, r.name, r.summary, r.provider, r.updateCycle].map(lit).join(', ')}, ARRAY[${r.items.map(lit).join(', ')}]::text[],
                 ${r.heldOutsidePlatform}, ${lit(r.sharingType)}, ${lit(r.openType)})`,
      );
    }
    for (const [code, url] of DISCLOSURE_LINKS) this.addSql(`INSERT INTO catalog_disclosure_link (resource_code, url) VALUES (${lit(code)}, ${lit(url)})`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE catalog_disclosure_link');
    this.addSql('DROP TABLE catalog_composed_resource');
  }
}
