/** A catalogue item's or resource's classes as coloured tags. */
import { Tag } from 'antd';
import { OPEN_TYPE, SHARING_TYPE, label } from '../labels';

const SHARING_COLOR: Record<string, string> = { UNCONDITIONAL: 'green', CONDITIONAL: 'orange', NONE: 'red' };
const OPEN_COLOR: Record<string, string> = { OPEN: 'cyan', CONDITIONAL: 'gold', CLOSED: 'default' };

export function SharingTag({ type }: { type: string }) {
  return <Tag color={SHARING_COLOR[type]}>{label(SHARING_TYPE, type)}</Tag>;
}

export function OpenTag({ type }: { type: string }) {
  return <Tag color={OPEN_COLOR[type]}>{label(OPEN_TYPE, type)}</Tag>;
}
