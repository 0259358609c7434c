import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './app-shell';
import { followActivity } from './features/activity/store';
import { useDashboard } from './features/dashboard/store';
import { initHost } from './host';
import { followLocationHash } from './navigation/store';
import './styles/base.css';
import './styles/shell.css';
import './styles/screens.css';

const host = initHost();
followActivity(host);
followLocationHash();
// The shell shows the version and engine on every screen, so app info loads once at start.
void useDashboard.getState().loadApp();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
