/** Chinese names of the platform's codes, as the regulation words them. */
export const SHARING_TYPE: Record<string, string> = { UNCONDITIONAL: '无条件共享', CONDITIONAL: '有条件共享', NONE: '不予共享' };
export const OPEN_TYPE: Record<string, string> = { OPEN: '无条件开放', CONDITIONAL: '有条件开放', CLOSED: '不予开放' };
export const KIND: Record<string, string> = { BASE: '基础库', THEMATIC: '主题库', DEPARTMENT: '部门目录' };
export const UPDATE_CYCLE: Record<string, string> = {
  REAL_TIME: '实时',
  DAILY: '每日',
  WEEKLY: '每周',
  MONTHLY: '每月',
  QUARTERLY: '每季度',
  YEARLY: '每年',
};
export const APPLICATION_STATUS: Record<string, string> = {
  UNDER_REVIEW: '审核中',
  APPROVED: '已批准，待开通',
  PARTIALLY_PROVISIONED: '部分开通',
  PROVISIONED: '已开通',
  GRANTED: '已授权',
  REJECTED: '已驳回',
  WITHDRAWN: '已撤回',
  REVOKED: '已撤销',
  EXPIRED: '已过期',
};
export const GRANT_STATUS: Record<string, string> = { LIVE: '有效', PENDING: '待生效', REVOKED: '已撤销', EXPIRED: '已过期' };
export const DECISION: Record<string, string> = { SERVED: '已提供', MASKED: '脱敏提供', REFUSED: '拒绝', PARTIAL: '部分提供' };
export const DEMAND_STATUS: Record<string, string> = { SUBMITTED: '已提交', ASSIGNED: '已分派', ANSWERED: '已答复' };
export const NOTICE_STATUS: Record<string, string> = { OPEN: '待整改', ACKNOWLEDGED: '已反馈', CLOSED: '已关闭' };
export const OBJECTION_STATUS: Record<string, string> = { OPEN: '核实中', RESOLVED: '已办结' };
export const OBJECTION_OUTCOME: Record<string, string> = { CORRECTED: '已更正', CONFIRMED: '数据无误', REJECTED: '不予受理' };
export const EXPORT_STATUS: Record<string, string> = { QUEUED: '排队中', RUNNING: '导出中', COMPLETED: '已完成', FAILED: '失败', EXPIRED: '已过期' };
export const POST: Record<string, string> = { operator: '数据操作员', approver: '数据分管领导（审核人）', 'security-admin': '数据安全管理员' };
export const ERROR_CODE: Record<string, string> = {
  FORBIDDEN: '无权访问',
  UNAUTHENTICATED: '未登录或令牌无效',
  BAD_USER_INPUT: '输入有误',
  REVIEW_REQUIRED: '需经论证审核',
  LOOKUP_BUDGET_EXHAUSTED: '今日查询额度已用尽',
  NOT_FOUND: '未找到',
  BATCH_NOT_GRANTED: '无批量下载授权',
  EXPORT_LIMIT_EXCEEDED: '超出批量下载限额',
  EXPORT_NOT_READY: '文件尚未生成',
  EXPORT_EXPIRED: '文件已过期',
  EXPORT_NOT_FOUND: '导出任务不存在',
};
export const MASK: Record<string, string> = {
  FULL: '不脱敏',
  ID_NUMBER: '身份证号',
  PHONE: '电话号码',
  SURNAME: '仅保留姓氏',
  EMAIL: '电子邮箱',
  ADDRESS_DISTRICT: '地址保留到区县',
  LICENSE_NUMBER: '证照号码',
  REGISTER_NUMBER: '登记号码',
  YEAR: '日期保留到年',
  AGE_BAND: '年龄段',
  HASH: '不可逆哈希',
};

export const label = (table: Record<string, string>, code: string | null | undefined) => (code ? (table[code] ?? code) : '—');

/** ISO time as Beijing local time, to the minute. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
