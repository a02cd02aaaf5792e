/** The demo agencies (codes are part of the contract: tokens and grants name them). */
export const DEMO_AGENCIES = [
  { code: 'public-security', name: '衡阳市公安局', kind: 'PROVIDER', provides: 'population', description: '人口基础库 provider' },
  { code: 'market-regulation', name: '衡阳市市场监督管理局', kind: 'PROVIDER', provides: 'legal-person', description: '法人基础库 provider' },
  { code: 'natural-resources', name: '衡阳市自然资源和规划局', kind: 'PROVIDER', provides: 'geospatial', description: '自然资源和空间地理基础库 provider' },
  {
    code: 'data-bureau',
    name: '衡阳市行政审批服务局',
    kind: 'ADMINISTERING',
    provides: 'e-license',
    description: 'The administering bureau (Art. 8); provides 电子证照库',
  },
  { code: 'development-reform', name: '衡阳市发展和改革委员会', kind: 'PROVIDER', provides: 'credit', description: '社会信用库 provider' },
  // Providers of licence kinds only (电子证照库 items, e-license/catalogue.ts): they review applications for them.
  {
    code: 'institution-registration',
    name: '中共衡阳市委机构编制委员会办公室',
    kind: 'PROVIDER',
    provides: null,
    description: '事业单位法人证书、统一社会信用代码证书 provider',
  },
  { code: 'transport', name: '衡阳市交通运输局', kind: 'PROVIDER', provides: null, description: '道路运输经营许可证 provider' },
  { code: 'health', name: '衡阳市卫生健康委员会', kind: 'PROVIDER', provides: null, description: '公共场所卫生许可证 provider' },
  { code: 'human-resources', name: '衡阳市人力资源和社会保障局', kind: 'CONSUMER', provides: null, description: 'Social insurance benefit eligibility' },
  { code: 'civil-affairs', name: '衡阳市民政局', kind: 'CONSUMER', provides: null, description: 'Minimum living allowance review' },
  { code: 'taxation', name: '国家税务总局衡阳市税务局', kind: 'CONSUMER', provides: null, description: '综合治税' },
  { code: 'finance-bank', name: '衡阳普惠金融服务网点（示范银行）', kind: 'CONSUMER', provides: null, description: '普惠金融 credit checks' },
] as const;

/** Purposes of the demo grants (the x-purpose a request must state to use them). */
export const PURPOSES = {
  socialInsurance: '社会保险待遇资格认证',
  minimumLiving: '最低生活保障审核',
  temporaryRelief: '临时救助审核',
  taxGovernance: '综合治税',
  inclusiveFinance: '普惠金融信用核查',
} as const;
