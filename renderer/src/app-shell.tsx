import type { ReactElement } from 'react';
import { NavSidebar } from './components/nav-sidebar';
import { StatusBar } from './components/status-bar';
import { CostScreen } from './features/cost/cost-screen';
import { DashboardScreen } from './features/dashboard/dashboard-screen';
import { useDashboard } from './features/dashboard/store';
import { ReviewScreen } from './features/review/review-screen';
import { RulesScreen } from './features/rules/rules-screen';
import { SettingsScreen } from './features/settings/settings-screen';
import { SyncScreen } from './features/sync/sync-screen';
import type { ScreenId } from './navigation/screens';
import { useNavigation } from './navigation/store';

const SCREEN_VIEWS: Record<ScreenId, () => ReactElement> = {
  dashboard: DashboardScreen,
  sync: SyncScreen,
  review: ReviewScreen,
  cost: CostScreen,
  rules: RulesScreen,
  settings: SettingsScreen,
};

export function AppShell() {
  const screen = useNavigation((s) => s.screen);
  const app = useDashboard((s) => s.app.data);
  const View = SCREEN_VIEWS[screen];
  return (
    <div className="shell">
      <NavSidebar version={app?.version ?? null} />
      <main className="content" id="content" tabIndex={-1}>
        <View key={screen} />
      </main>
      <StatusBar app={app} />
    </div>
  );
}
