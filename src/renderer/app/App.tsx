import { useEffect } from 'react';
import { CaptureOverlay } from '../features/capture/CaptureOverlay';
import { useHotkeyChords } from '../features/capture/useHotkeyChords';
import { IncidentList } from '../features/incident-list/IncidentList';
import { useCollisionNotices } from '../features/incident-list/collisions';
import { Notices } from '../features/notices/Notices';
import { host } from '../host';
import { useIncidents } from '../stores/incident';
import { useUi } from '../stores/ui';
import { useLanShare } from '../stores/lan-share';
import { useAppKeys } from './useAppKeys';
import { useTypeaheadKeys } from './useTypeahead';
import { useIdentity } from '../incidents/identity-store';
import { DeferredView, OpenDialog } from './DeferredParts';
import { FormsView, IncidentView, JoinView, MetricsView, StatusObserver } from './parts';

export function App() {
  const route = useUi((s) => s.route);
  const dialog = useUi((s) => s.dialog);
  useAppKeys();
  useTypeaheadKeys();
  useHotkeyChords();
  useCollisionNotices();
  useWindowTitle(route.view !== 'status' && route.view !== 'forms');
  // The observer's status view: the status alone, nothing to act on.
  if (route.view === 'status') {
    return (
      <DeferredView key={route.id} what="the status" observer>
        <StatusObserver />
      </DeferredView>
    );
  }
  // The printed forms: pages of paper, nothing else of the app around them.
  if (route.view === 'forms') {
    return (
      <>
        <Notices />
        <DeferredView key={route.id} what="the ICS forms" observer>
          <FormsView />
        </DeferredView>
      </>
    );
  }
  return (
    <div className="app">
      <TopBar />
      <Notices />
      <main className="main">
        {route.view === 'incident' ? (
          <DeferredView key={route.id} what="incident">
            <IncidentView />
          </DeferredView>
        ) : route.view === 'metrics' ? (
          <DeferredView what="the metrics">
            <MetricsView />
          </DeferredView>
        ) : route.view === 'join' ? (
          <DeferredView what="the invite">
            <JoinView code={route.code} />
          </DeferredView>
        ) : (
          <IncidentList />
        )}
      </main>
      {dialog && <OpenDialog key={dialog} dialog={dialog} />}
      <CaptureOverlay />
    </div>
  );
}

function TopBar() {
  const name = useIdentity((s) => s.name);
  return (
    <nav className="topbar" aria-label="Command Post">
      <a href="#/" className="brand">
        Command Post
      </a>
      <span className="muted host-kind">{host.kind === 'electron' ? 'Desktop' : 'Browser'}</span>
      <span className="spacer" />
      {/* Both open Settings, where the name is set or changed. */}
      <button type="button" className="link-button identity" title="Your name (in Settings)" onClick={() => useUi.getState().openDialog('settings')}>
        {name ? `Signed in as ${name}` : 'Not signed in: set your name'}
      </button>
      <button type="button" className="settings-button" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={() => useUi.getState().openDialog('keys')}>
        Keys
      </button>
      <button
        type="button"
        className="settings-button"
        aria-keyshortcuts="Control+,"
        title="Settings (Ctrl+,)"
        onClick={() => useUi.getState().openDialog('settings')}
      >
        Settings
      </button>
    </nav>
  );
}

function useWindowTitle(active: boolean) {
  const header = useIncidents((s) => s.snapshot?.header);
  // Someone on the network waits for the IC's answer: the taskbar says so while the window is behind another.
  const asking = useLanShare((s) => s.knocks.length);
  useEffect(() => {
    if (!active) return;
    const title = header
      ? `${asking ? `(${asking} asking to join) ` : ''}${header.name} · ${header.severity}${header.state === 'ended' ? ' · ended' : ''} · Command Post`
      : 'Command Post';
    host.setTitle(title);
  }, [header, active, asking]);
}
