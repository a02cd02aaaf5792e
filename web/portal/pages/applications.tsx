/** The operator's applications: status, reviews, provisioning deadline; withdraw one under review. */
import { Button, Card, Popconfirm, Space } from 'antd';
import { fetchData } from '../api';
import { APPLICATIONS, WITHDRAW_APPLICATION } from '../queries';
import { currentSession } from '../session';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';
import { ApplicationTable, type ApplicationPage } from '../components/application-table';

export function Applications() {
  const session = currentSession();
  const { data, error, loading, reload } = useQuery<ApplicationPage>(APPLICATIONS, { first: 50, filter: { applicant: session?.agency } });
  return (
    <Card title="我的申请" extra={<Button onClick={reload}>刷新</Button>}>
      <Failure error={error} />
      <ApplicationTable
        rows={data?.sharingApplications?.edges.map((e) => e.node) ?? []}
        loading={loading}
        actions={(a) =>
          a.status === 'UNDER_REVIEW' ? (
            <Space>
              <Popconfirm title="撤回这份申请？" onConfirm={() => void fetchData(WITHDRAW_APPLICATION, { id: a.id }).then(reload)}>
                <Button size="small">撤回</Button>
              </Popconfirm>
            </Space>
          ) : null
        }
      />
    </Card>
  );
}
