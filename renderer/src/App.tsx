import { useEffect, useRef, type JSX } from 'react';
import { ConfirmResetDialog } from './components/ConfirmResetDialog';
import { Nav } from './components/Nav';
import { Toast } from './components/Toast';
import { UndoConfirmDialog } from './components/UndoConfirmDialog';
import { toUserMessage } from './errors';
import { useAppStore } from './store';
import { subscribeToEvents } from './store/events';
import type { ViewName } from './store/types';
import { BackupsView } from './views/BackupsView';
import { CredentialsView } from './views/CredentialsView';
import { DoctorView } from './views/DoctorView';
import { FindingDetailView } from './views/FindingDetailView';
import { OverviewView } from './views/OverviewView';
import { ReportView } from './views/ReportView';
import { SystemView } from './views/SystemView';

const VIEWS: Record<ViewName, () => JSX.Element> = {
  overview: OverviewView,
  credentials: CredentialsView,
  finding: FindingDetailView,
  backups: BackupsView,
  doctor: DoctorView,
  system: SystemView,
  report: ReportView,
};

/** First scan, backups list and event subscriptions, once. */
function useStartup(): void {
  useEffect(() => {
    let unsubscribe: () => void;
    try {
      unsubscribe = subscribeToEvents();
    } catch (error) {
      // No preload object: say so in the overview instead of showing a blank window.
      useAppStore.setState({ scanStatus: 'error', scanError: toUserMessage(error) });
      return;
    }
    const { runScan, loadBackups } = useAppStore.getState();
    void runScan();
    void loadBackups();
    return unsubscribe;
  }, []);
}

export function App() {
  useStartup();
  const view = useAppStore((s) => s.view);
  const View = VIEWS[view];

  // A new section starts at its top (its heading in sight, not under the app bar), and focus moves
  // to it so keyboard and screen-reader users are not left behind. Not on the first paint: then
  // the skip link must stay the first Tab stop.
  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [view]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app">
        <header className="app-header">
          <p className="app-name">MCP Auth Doctor</p>
          <Nav />
        </header>
        <main id="main" className="app-main" tabIndex={-1}>
          <View />
        </main>
      </div>
      <Toast />
      <ConfirmResetDialog />
      <UndoConfirmDialog />
    </>
  );
}
