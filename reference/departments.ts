/**
 * The city's departments that provide data to the platform, by agency code: the names a field's
 * description shows at build time (`提供：衡阳市公安局`). The agency register in the governance
 * database is the live source; this list only labels the composed schema, where no database is at
 * hand. test/unit/field-descriptions.test.ts keeps it in step with the demo register.
 */
export const DEPARTMENT_NAMES: Readonly<Record<string, string>> = {
  'public-security': '衡阳市公安局',
  'market-regulation': '衡阳市市场监督管理局',
  'natural-resources': '衡阳市自然资源和规划局',
  'data-bureau': '衡阳市行政审批服务局',
  'development-reform': '衡阳市发展和改革委员会',
  'institution-registration': '中共衡阳市委机构编制委员会办公室',
  transport: '衡阳市交通运输局',
  health: '衡阳市卫生健康委员会',
  'civil-affairs': '衡阳市民政局',
};
