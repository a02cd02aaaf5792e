/**
 * Audit search for the security administrator (`auditEvents`): by agency, operator, item, purpose,
 * decision and time. The platform scopes it (the bureau sees every event, a provider the reads of
 * its data and its own requests, any other agency its own requests) and audits the search itself.
 */
import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useAgencies } from '../agencies';
import { DECISION } from '../labels';
import { AUDIT_EVENTS } from '../queries';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';
import { AuditTable, type AuditEvent } from '../components/audit-table';

interface Filter {
  agency?: string;
  operator?: string;
  item?: string;
  purpose?: string;
  decision?: string;
  from?: string;
  to?: string;
}

interface Page {
  auditEvents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: AuditEvent }[] } | null;
}

/** A datetime-local value (Beijing time) as an ISO instant. */
const instant = (v?: string) => (v ? new Date(`${v}:00+08:00`).toISOString() : undefined);

export function AuditSearch() {
  const { list } = useAgencies();
  const [filter, setFilter] = useState<Filter>({});
  const [after, setAfter] = useState<string[]>([]);
  const clean = Object.fromEntries(
    Object.entries({ ...filter, from: instant(filter.from), to: instant(filter.to) })
      .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
      .map(([k, v]) => [k, String(v).trim()]),
  );
  const { data, error, loading } = useQuery<Page>(AUDIT_EVENTS, { first: 50, after: after.at(-1), filter: clean });
  const page = data?.auditEvents;
  return (
    <Card title="审计检索">
      <Form
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v: Filter) => {
          setAfter([]);
          setFilter(v);
        }}
      >
        <Form.Item name="agency" label="部门">
          <Select
            allowClear
            style={{ width: 190 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={list.map((a) => ({ value: a.code, label: a.name }))}
            data-testid="audit-agency"
          />
        </Form.Item>
        <Form.Item name="operator" label="操作员">
          <Input style={{ width: 150 }} data-testid="audit-operator" />
        </Form.Item>
        <Form.Item name="item" label="数据项">
          <Input style={{ width: 150 }} placeholder="Person.phone" data-testid="audit-item" />
        </Form.Item>
        <Form.Item name="purpose" label="用途">
          <Input style={{ width: 180 }} data-testid="audit-purpose" />
        </Form.Item>
        <Form.Item name="decision" label="结果">
          <Select allowClear style={{ width: 110 }} options={Object.entries(DECISION).map(([value, l]) => ({ value, label: l }))} />
        </Form.Item>
        <Form.Item name="from" label="自">
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="to" label="至">
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            检索
          </Button>
        </Form.Item>
      </Form>
      <Failure error={error} />
      <Typography.Paragraph type="secondary">共 {page?.totalCount ?? 0} 条（检索本身也记入审计）</Typography.Paragraph>
      <AuditTable rows={page?.edges.map((e) => e.node) ?? []} loading={loading} />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={!after.length} onClick={() => setAfter(after.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!page?.pageInfo.hasNextPage} onClick={() => setAfter([...after, page!.pageInfo.endCursor!])}>
          下一页
        </Button>
      </Space>
    </Card>
  );
}
