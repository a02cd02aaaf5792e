/**
 * The sharing portal (共享门户网站, issue 14): public catalogue and evaluation, and a screen per post
 * (operator, approver, security administrator, the bureau, a data subject), every one of them a
 * client of the public GraphQL API. Routes live in the hash (#/catalogue) so the router serves one
 * page at /portal/ and /portal/auth/* stays free for the identity provider's sign-in flow.
 */
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { HashRouter } from 'react-router';
import { Shell } from './shell';

createRoot(document.getElementById('portal')!).render(
  <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#b71c1c', fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif' } }}>
    <AntApp>
      <HashRouter>
        <Shell />
      </HashRouter>
    </AntApp>
  </ConfigProvider>,
);
