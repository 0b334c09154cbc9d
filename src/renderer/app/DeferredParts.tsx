/**
 * How the app shows its deferred parts (app/parts.ts): a view says it is
 * opening while its code loads (rarely seen: the parts are loaded ahead),
 * and says why if it cannot be loaded, with a way to reload; a dialog that
 * cannot be loaded closes and says why in a notice, the view behind it
 * untouched.
 */
import type { ReactNode } from 'react';
import { addNotice } from '../stores/notices';
import { useUi, type DialogName } from '../stores/ui';
import { PartBoundary, type PartLoadError } from './deferred';
import {
  AttributionPicker,
  CheatSheet,
  ClosingNoticeDialog,
  CommandPalette,
  SearchDialog,
  DeclareDialog,
  EndDialog,
  JoinDialog,
  RenameDialog,
  MembersDialog,
  SettingsDialog,
  ShareDialog,
  ShiftChangeDialog,
  AcknowledgeShiftDialog,
} from './parts';

const RELOAD_ADVICE = 'Check that Command Post is still running (in a browser: that its page still loads), then reload it: what is saved stays.';

/** A deferred view in the page; `what` finishes "Opening …"; the observer's view is a page of its own. */
export function DeferredView({ what, observer = false, children }: { what: string; observer?: boolean; children: ReactNode }) {
  const page = (content: ReactNode) => (observer ? <main className="observer">{content}</main> : content);
  return (
    <PartBoundary fallback={page(<p className="muted">Opening {what}…</p>)} failed={(error) => page(<PartFailed error={error} />)}>
      {children}
    </PartBoundary>
  );
}

function PartFailed({ error }: { error: PartLoadError }) {
  return (
    <div className="empty" role="alert">
      <p>
        {error.message}. {RELOAD_ADVICE}
      </p>
      <p>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>{' '}
        <a href="#/">Back to incidents</a>
      </p>
    </div>
  );
}

function dialogFailed(error: PartLoadError) {
  addNotice('error', `${error.message}. ${RELOAD_ADVICE}`);
  useUi.getState().openDialog(null);
}

/** The open dialog (keyed by its name where it is used, so each opening starts afresh). */
export function OpenDialog({ dialog }: { dialog: Exclude<DialogName, null> }) {
  return (
    <PartBoundary failed={() => null} onFailure={dialogFailed}>
      <Dialog dialog={dialog} />
    </PartBoundary>
  );
}

function Dialog({ dialog }: { dialog: Exclude<DialogName, null> }) {
  switch (dialog) {
    case 'declare':
      return <DeclareDialog />;
    case 'practice':
      return <DeclareDialog practice />;
    case 'end':
      return <EndDialog />;
    case 'rename':
      return <RenameDialog />;
    case 'closing':
      return <ClosingNoticeDialog />;
    case 'share':
      return <ShareDialog />;
    case 'members':
      return <MembersDialog />;
    case 'join':
      return <JoinDialog />;
    case 'settings':
      return <SettingsDialog />;
    case 'keys':
      return <CheatSheet />;
    case 'palette':
      return <CommandPalette />;
    case 'search':
      return <SearchDialog />;
    case 'shift-change':
      return <ShiftChangeDialog />;
    case 'shift-acknowledge':
      return <AcknowledgeShiftDialog />;
    case 'attribution':
      return <AttributionPicker />;
    // No dialog of its own: the name is asked for above the entry line (features/identity) and changed in Settings.
    case 'identity':
      return null;
  }
}
