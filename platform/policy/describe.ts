/**
 * A field's sharing class as a line of its GraphQL description (issue 14): every introspecting
 * tool (GraphiQL's docs pane, Sandbox, codegen) shows it beside the field without knowing our
 * `@sharing` directive, which introspection does not carry.
 *
 *   【有条件共享 · 不予开放 · L3 · 默认脱敏：身份证号 · 提供：衡阳市公安局】
 */
import type { FieldPolicy, OpenType, SharingType } from './metadata';
import { parseMaskSpec, type MaskSpec } from '../masking/spec';

const SHARING_LABEL: Record<SharingType, string> = { UNCONDITIONAL: '无条件共享', CONDITIONAL: '有条件共享', NONE: '不予共享' };
const OPEN_LABEL: Record<OpenType, string> = { OPEN: '无条件开放', CONDITIONAL: '有条件开放', CLOSED: '不予开放' };

/** The opening bracket of the line: descriptions are rewritten by replacing what starts with it. */
export const SHARING_LINE_START = '【';

export function maskLabel(mask: string | undefined): string {
  let spec: MaskSpec;
  try {
    spec = parseMaskSpec(mask ?? 'FULL');
  } catch {
    return mask ?? '不脱敏';
  }
  switch (spec.kind) {
    case 'FULL':
      return '不脱敏';
    case 'KEEP':
      return `保留前${spec.first}后${spec.last}位`;
    case 'RANGE':
      return `遮盖第${spec.from}至${spec.to}位`;
    case 'SURNAME':
      return '仅保留姓氏';
    case 'ID_NUMBER':
      return '身份证号';
    case 'PHONE':
      return '电话号码';
    case 'LICENSE_NUMBER':
      return '证照编号';
    case 'REGISTER_NUMBER':
      return '登记编号';
    case 'EMAIL':
      return '电子邮箱';
    case 'ADDRESS_DISTRICT':
      return '地址至区县';
    case 'HASH':
      return '假名化';
    case 'YEAR':
      return '仅年份';
    case 'AGE_BAND':
      return '年龄段';
  }
}

/** The sharing line of one item; `providerName` resolves an agency code to its name. */
export function sharingLine(policy: FieldPolicy, providerName: (code: string) => string): string {
  const parts = [
    SHARING_LABEL[policy.type],
    OPEN_LABEL[policy.open],
    policy.level,
    `默认脱敏：${maskLabel(policy.mask)}`,
    `提供：${providerName(policy.provider)}`,
  ];
  if (policy.type === 'NONE' && policy.basis) parts.push(`依据：${policy.basis}`);
  return `${SHARING_LINE_START}${parts.join(' · ')}】`;
}

/** The description with its sharing line first (replacing an earlier one), the rest kept. */
export function describeField(description: string | undefined, line: string): string {
  const rest = (description ?? '')
    .split('\n')
    .filter((l, i) => !(i === 0 && l.startsWith(SHARING_LINE_START)))
    .join('\n')
    .trim();
  return rest ? `${line}\n${rest}` : line;
}

/** The description without its sharing line (the catalogue shows the class in columns of its own). */
export function plainDescription(description: string | undefined): string | null {
  if (description === undefined) return null;
  const lines = description.split('\n');
  return (lines[0]?.startsWith(SHARING_LINE_START) ? lines.slice(1).join('\n') : description).trim() || null;
}
