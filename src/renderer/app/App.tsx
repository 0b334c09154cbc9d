import { useEffect } from 'react';
import { CaptureOverlay } from '../features/capture/CaptureOverlay';
import { useHotkeyChords } from '../features/capture/useHotkeyChords';
import { DeclareDialog } from '../features/declare/DeclareDialog';
import { CheatSheet } from '../features/help/CheatSheet';
import { CommandPalette } from '../features/palette/CommandPalette';
import { AttributionPicker } from '../features/attribution/AttributionPicker';
import { EndDialog } from '../features/incident/EndDialog';
import { ClosingNoticeDialog } from '../features/postmortem/ClosingNoticeDialog';
import { IncidentView } from '../features/incident/IncidentView';
import { IncidentList } from '../features/incident-list/IncidentList';
import { Notices } from '../features/notices/Notices';
import { JoinDialog, JoinView } from '../features/sync/JoinDialog';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { ShareDialog } from '../features/sync/ShareDialog';
import { MembersDialog } from '../features/members/MembersDialog';
import { StatusObserver } from '../features/status/StatusObserver';
import { host } from '../host';
import { useIncidents } from '../stores/incident';
import { useUi } from '../stores/ui';
import { useAppKeys } from './useAppKeys';
import { useTypeaheadKeys } from './useTypeahead';
import { useIdentity } from '../incidents/identity-store';

export function App() {
  const route = useUi((s) => s.route);
  const dialog = useUi((s) => s.dialog);
  useAppKeys();
  useTypeaheadKeys();
  useHotkeyChords();
  useWindowTitle(route.view !== 'status');
  // The observer's status view: the status alone, nothing to act on.
  if (route.view === 'status') return <StatusObserver key={route.id} />;
  return (
    <div className="app">
      <TopBar />
      <Notices />
      <main className="main">
        {route.view === 'incident' ? (
          <IncidentView key={route.id} />
        ) : route.view === 'join' ? (
          <JoinView code={route.code} />
        ) : (
          <IncidentList />
        )}
      </main>
      {dialog === 'declare' && <DeclareDialog />}
      {dialog === 'practice' && <DeclareDialog practice />}
      {dialog === 'end' && <EndDialog />}
      {dialog === 'closing' && <ClosingNoticeDialog />}
      {dialog === 'share' && <ShareDialog />}
      {dialog === 'members' && <MembersDialog />}
      {dialog === 'join' && <JoinDialog />}
      {dialog === 'settings' && <SettingsDialog />}
      {dialog === 'keys' && <CheatSheet />}
      {dialog === 'palette' && <CommandPalette />}
      {dialog === 'attribution' && <AttributionPicker />}
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
  useEffect(() => {
    if (!active) return;
    const title = header
      ? `${header.name} · ${header.severity}${header.state === 'ended' ? ' · ended' : ''} · Command Post`
      : 'Command Post';
    host.setTitle(title);
  }, [header, active]);
}
