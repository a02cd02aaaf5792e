/**
 * The sharing catalogue (共享目录) and the open catalogue (开放目录, Art. 21-23): resources by
 * keyword, provider, sharing class, level and kind, from `catalogResources` (open data: no sign-in).
 */
import { useState } from 'react';
import { Button, Card, Form, Input, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useAgencies, useAgencyName } from '../agencies';
import { KIND, SHARING_TYPE, UPDATE_CYCLE, label } from '../labels';
import { CATALOGUE } from '../queries';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';
import { OpenTag, SharingTag } from '../components/sharing-tags';

interface ResourceRow {
  code: string;
  name: string;
  summary: string;
  provider: string;
  updateCycle: string;
  sharingType: string;
  openType: string;
  kind: string;
  itemCount: number;
  typeName: string | null;
}

interface Filters {
  keyword?: string;
  provider?: string;
  sharingType?: string;
  level?: string;
  kind: string;
}

export function Catalogue({ open = false }: { open?: boolean }) {
  const [filters, setFilters] = useState<Filters>({ kind: 'BASE' });
  const { list } = useAgencies();
  const agencyName = useAgencyName();
  const variables = { ...filters, keyword: filters.keyword?.trim() || undefined, open: open ? true : undefined };
  const { data, error, loading } = useQuery<{ catalogResources: ResourceRow[] }>(CATALOGUE, variables);
  return (
    <Card title={open ? '开放目录（向社会开放的数据）' : '共享目录'}>
      <Typography.Paragraph type="secondary">
        {open
          ? '《条例》第二十一至二十三条：无条件开放的数据项，任何人无需登录即可查询。'
          : '各部门提供的政务数据资源及其数据项，每项注明共享类型、开放类型、安全等级与默认脱敏方式。有条件共享的数据项须提出申请。'}
      </Typography.Paragraph>
      <Form layout="inline" initialValues={filters} onFinish={(v: Filters) => setFilters(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="keyword" label="关键词">
          <Input allowClear placeholder="名称、代码或数据项" data-testid="catalogue-keyword" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="provider" label="提供部门">
          <Select allowClear style={{ width: 200 }} options={list.filter((a) => a.kind !== 'CONSUMER').map((a) => ({ value: a.code, label: a.name }))} />
        </Form.Item>
        {open ? null : (
          <Form.Item name="sharingType" label="共享类型">
            <Select allowClear style={{ width: 130 }} options={Object.entries(SHARING_TYPE).map(([value, l]) => ({ value, label: l }))} />
          </Form.Item>
        )}
        <Form.Item name="level" label="安全等级">
          <Select allowClear style={{ width: 90 }} options={['L1', 'L2', 'L3', 'L4'].map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="kind" label="目录类别">
          <Select style={{ width: 110 }} options={Object.entries(KIND).map(([value, l]) => ({ value, label: l }))} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="catalogue-search">
            查询
          </Button>
        </Form.Item>
      </Form>
      <Failure error={error} />
      <Table<ResourceRow>
        rowKey="code"
        loading={loading}
        dataSource={data?.catalogResources ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="catalogue-table"
        columns={[
          { title: '资源代码', dataIndex: 'code', render: (code: string) => <Link to={`/resource/${encodeURIComponent(code)}`}>{code}</Link> },
          { title: '名称', dataIndex: 'name' },
          { title: '提供部门', dataIndex: 'provider', render: (c: string) => agencyName(c) },
          { title: '类别', dataIndex: 'kind', render: (k: string) => label(KIND, k) },
          { title: '共享', dataIndex: 'sharingType', render: (t: string) => <SharingTag type={t} /> },
          { title: '开放', dataIndex: 'openType', render: (t: string) => <OpenTag type={t} /> },
          { title: '更新周期', dataIndex: 'updateCycle', render: (c: string) => label(UPDATE_CYCLE, c) },
          { title: '数据项', dataIndex: 'itemCount' },
          { title: '摘要', dataIndex: 'summary', ellipsis: true },
        ]}
      />
    </Card>
  );
}
