/**
 * The evaluation (Art. 25): the published report (`evaluationReport`, closed periods, open data) or
 * the bureau's internal one (`bureauEvaluationReport`, up to now), with a chart per department
 * (ECharts, bundled) and the CSV as published (`evaluationReportCsv`).
 */
import { useState } from 'react';
import { App, Button, Card, InputNumber, Space, Table, Tabs, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { fetchData } from '../api';
import { when } from '../labels';
import { BUREAU_EVALUATION, EVALUATION, EVALUATION_CSV } from '../queries';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Provider {
  agencyCode: string;
  agency: { name: string } | null;
  itemsPublished: number;
  applicationsReceived: number;
  applicationsApproved: number;
  provisioned: number;
  provisionedOnTime: number;
  provisionedLate: number;
  provisioningOverdue: number;
  demandsReceived: number;
  demandsAnswered: number;
  dataObjectionsReceived: number;
  dataObjectionsAnswered: number;
}

interface Consumer {
  agencyCode: string;
  agency: { name: string } | null;
  requests: number;
  itemsServed: number;
  itemsMasked: number;
  refusals: number;
  applicationsSubmitted: number;
}

interface Report {
  year: number;
  generatedAt: string;
  asOf: string;
  providers: Provider[];
  consumers: Consumer[];
}

const name = (r: { agencyCode: string; agency: { name: string } | null }) => r.agency?.name ?? r.agencyCode;

function barOption(categories: string[], series: { name: string; data: number[] }[]) {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { rotate: 30, fontSize: 11 } },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ ...s, type: 'bar' })),
  };
}

export function Evaluation({ bureau = false }: { bureau?: boolean }) {
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const { data, error, loading } = useQuery<{ evaluationReport?: Report; bureauEvaluationReport?: Report | null }>(bureau ? BUREAU_EVALUATION : EVALUATION, {
    year,
  });
  const report = bureau ? data?.bureauEvaluationReport : data?.evaluationReport;
  const download = async () => {
    try {
      const { evaluationReportCsv } = await fetchData<{ evaluationReportCsv: string }>(EVALUATION_CSV, { year });
      // A byte-order mark so that spreadsheet programs read the Chinese names as UTF-8.
      const url = URL.createObjectURL(new Blob(['\ufeff', evaluationReportCsv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `evaluation-${year}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const providers = report?.providers ?? [];
  const consumers = report?.consumers ?? [];
  return (
    <Card
      title={bureau ? '部门评估（内部，统计至今）' : '共享工作评估报告'}
      extra={
        <Space>
          <InputNumber value={year} min={2020} max={2100} onChange={(v) => v && setYear(v)} />
          <Button onClick={() => void download()} data-testid="evaluation-csv">
            下载 CSV（公开报告）
          </Button>
        </Space>
      }
      loading={loading}
    >
      <Failure error={error} />
      {report ? (
        <>
          <Typography.Paragraph type="secondary">
            统计截至 {when(report.asOf)}，生成于 {when(report.generatedAt)}。{bureau ? '' : '公开报告只含已结束的统计期（至上一个完整月末）。'}
          </Typography.Paragraph>
          <Tabs
            items={[
              {
                key: 'providers',
                label: '提供部门',
                children: (
                  <>
                    <div data-testid="evaluation-chart-providers">
                      <ReactEChartsCore
                        echarts={echarts}
                        style={{ height: 340 }}
                        option={barOption(providers.map(name), [
                          { name: '收到申请', data: providers.map((p) => p.applicationsReceived) },
                          { name: '按期开通', data: providers.map((p) => p.provisionedOnTime) },
                          { name: '逾期开通', data: providers.map((p) => p.provisionedLate) },
                          { name: '逾期未开通', data: providers.map((p) => p.provisioningOverdue) },
                        ])}
                      />
                    </div>
                    <Table<Provider>
                      rowKey="agencyCode"
                      size="small"
                      pagination={false}
                      dataSource={providers}
                      columns={[
                        { title: '部门', key: 'n', render: (_: unknown, p: Provider) => name(p) },
                        { title: '发布数据项', dataIndex: 'itemsPublished' },
                        { title: '收到申请', dataIndex: 'applicationsReceived' },
                        { title: '批准', dataIndex: 'applicationsApproved' },
                        { title: '开通', dataIndex: 'provisioned' },
                        { title: '按期', dataIndex: 'provisionedOnTime' },
                        { title: '逾期未开通', dataIndex: 'provisioningOverdue' },
                        { title: '需求（收到/答复）', key: 'd', render: (_: unknown, p: Provider) => `${p.demandsReceived}/${p.demandsAnswered}` },
                        {
                          title: '异议（收到/答复）',
                          key: 'o',
                          render: (_: unknown, p: Provider) => `${p.dataObjectionsReceived}/${p.dataObjectionsAnswered}`,
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'consumers',
                label: '使用部门',
                children: (
                  <>
                    <ReactEChartsCore
                      echarts={echarts}
                      style={{ height: 340 }}
                      option={barOption(consumers.map(name), [
                        { name: '请求', data: consumers.map((c) => c.requests) },
                        { name: '脱敏提供的数据项', data: consumers.map((c) => c.itemsMasked) },
                        { name: '拒绝', data: consumers.map((c) => c.refusals) },
                      ])}
                    />
                    <Table<Consumer>
                      rowKey="agencyCode"
                      size="small"
                      pagination={false}
                      dataSource={consumers}
                      columns={[
                        { title: '部门', key: 'n', render: (_: unknown, c: Consumer) => name(c) },
                        { title: '请求', dataIndex: 'requests' },
                        { title: '提供的数据项', dataIndex: 'itemsServed' },
                        { title: '脱敏', dataIndex: 'itemsMasked' },
                        { title: '拒绝', dataIndex: 'refusals' },
                        { title: '提交申请', dataIndex: 'applicationsSubmitted' },
                      ]}
                    />
                  </>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
