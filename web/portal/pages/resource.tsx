/** One catalogue resource: its metadata and every item with its classes (open data). */
import { Button, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useAgencyName } from '../agencies';
import { KIND, MASK, UPDATE_CYCLE, label, when } from '../labels';
import { RESOURCE } from '../queries';
import { useQuery } from '../use-query';
import { Failure, applyLink } from '../components/refusals';
import { OpenTag, SharingTag } from '../components/sharing-tags';
import { currentSession, hasPost } from '../session';

export interface CatalogItem {
  name: string;
  resourceCode: string;
  field: string;
  description: string | null;
  dataType: string;
  valueKind: string;
  sharingType: string;
  sharingCondition: string;
  sharingMethod: string;
  openType: string;
  openCondition: string;
  level: string;
  mask: string;
  provider: string;
  basis: string | null;
  updateCycle: string;
}

interface ResourceDetail {
  code: string;
  name: string;
  summary: string;
  provider: string;
  updateCycle: string;
  format: string;
  sharingType: string;
  openType: string;
  kind: string;
  typeName: string | null;
  description: string | null;
  subgraph: string | null;
  publishedAt: string | null;
  publicDisclosureUrl: string | null;
  items: CatalogItem[];
}

/** The item's description without the sharing line the explorer shows first. */
export const itemDescription = (d: string | null) => (d ?? '').replace(/^【[^】]*】\s*/, '');

export function Resource() {
  const { code = '' } = useParams();
  const agencyName = useAgencyName();
  const { data, error, loading } = useQuery<{ catalogResource: ResourceDetail | null }>(RESOURCE, { code });
  const r = data?.catalogResource;
  const canApply = hasPost(currentSession(), 'operator');
  return (
    <Card title={r ? `${r.name}（${r.code}）` : code} loading={loading}>
      <Failure error={error} />
      {r ? (
        <>
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="提供部门">{agencyName(r.provider)}</Descriptions.Item>
            <Descriptions.Item label="目录类别">{label(KIND, r.kind)}</Descriptions.Item>
            <Descriptions.Item label="共享类型">
              <SharingTag type={r.sharingType} />
            </Descriptions.Item>
            <Descriptions.Item label="开放类型">
              <OpenTag type={r.openType} />
            </Descriptions.Item>
            <Descriptions.Item label="更新周期">{label(UPDATE_CYCLE, r.updateCycle)}</Descriptions.Item>
            <Descriptions.Item label="格式">{r.format}</Descriptions.Item>
            <Descriptions.Item label="发布时间">{when(r.publishedAt)}</Descriptions.Item>
            <Descriptions.Item label="接口类型">
              {r.typeName ? <a href={`../explorer/?type=${encodeURIComponent(r.typeName)}`}>{r.typeName}（在 GraphQL 浏览器中查看）</a> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="摘要" span={2}>
              {r.summary}
            </Descriptions.Item>
          </Descriptions>
          <Table<CatalogItem>
            rowKey="name"
            size="small"
            dataSource={r.items}
            pagination={false}
            data-testid="resource-items"
            columns={[
              { title: '数据项', dataIndex: 'name', render: (n: string) => <Typography.Text code>{n}</Typography.Text> },
              { title: '说明', dataIndex: 'description', render: itemDescription },
              { title: '共享', dataIndex: 'sharingType', render: (t: string) => <SharingTag type={t} /> },
              { title: '开放', dataIndex: 'openType', render: (t: string) => <OpenTag type={t} /> },
              { title: '等级', dataIndex: 'level', render: (l: string) => <Tag>{l}</Tag> },
              { title: '默认脱敏', dataIndex: 'mask', render: (m: string) => label(MASK, m) },
              { title: '共享条件', dataIndex: 'sharingCondition', ellipsis: true },
              { title: '依据', dataIndex: 'basis', ellipsis: true },
              {
                title: '',
                key: 'apply',
                render: (_: unknown, item: CatalogItem) =>
                  canApply && item.sharingType === 'CONDITIONAL' ? (
                    <Link to={applyLink([item.name])}>
                      <Button size="small">申请</Button>
                    </Link>
                  ) : null,
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
