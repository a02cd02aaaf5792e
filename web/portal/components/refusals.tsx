/**
 * Refused items, shown as refused (issue 14 item 3): the item, the platform's reason and its
 * stable code (extensions.code), and a link to apply for the item through the portal.
 */
import { Alert, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { GraphQLErrorEntry } from '../api';
import { ERROR_CODE, label } from '../labels';

export function applyLink(items: string[], purpose?: string): string {
  const q = new URLSearchParams({ items: items.join(',') });
  if (purpose) q.set('purpose', purpose);
  return `/apply?${q.toString()}`;
}

export function Refusal({ error, purpose }: { error: GraphQLErrorEntry; purpose?: string }) {
  const ext = error.extensions ?? {};
  const item = typeof ext.item === 'string' ? ext.item : undefined;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="refusal"
      title={
        <Space wrap>
          <Tag color="red">已拒绝</Tag>
          {item ? <Typography.Text code>{item}</Typography.Text> : null}
          <Typography.Text type="secondary">
            {label(ERROR_CODE, ext.code)}（{ext.code ?? '—'}）
          </Typography.Text>
        </Space>
      }
      description={
        <Space orientation="vertical" size={2}>
          <span>{typeof ext.reason === 'string' ? ext.reason : error.message}</span>
          {typeof ext.basis === 'string' ? <span>依据：{ext.basis}</span> : null}
          {typeof ext.requiredRole === 'string' ? <span>需要岗位：{ext.requiredRole}</span> : null}
          {item && ext.code === 'FORBIDDEN' && ext.sharingType !== 'NONE' ? <Link to={applyLink([item], purpose)}>申请使用该数据项 →</Link> : null}
        </Space>
      }
    />
  );
}

export function Refusals({ errors, purpose }: { errors: GraphQLErrorEntry[]; purpose?: string }) {
  if (!errors.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {errors.map((e, i) => (
        <Refusal key={`${e.extensions?.item ?? e.message}-${i}`} error={e} purpose={purpose} />
      ))}
    </Space>
  );
}

/** A request that failed as a whole (not signed in, wrong post, bad input). */
export function Failure({ error }: { error?: Error & { code?: string } }) {
  if (!error) return null;
  return (
    <Alert type="error" showIcon data-testid="failure" title={`${label(ERROR_CODE, error.code)}（${error.code ?? '错误'}）`} description={error.message} />
  );
}
