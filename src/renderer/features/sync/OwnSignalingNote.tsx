import { useEffect, useState } from 'react';
import type { SignalingStatus } from '../../../shared/ipc';
import { desktopSignaling } from '../../../shared/sync/own-signaling';
import { host } from '../../host';
import type { ShareEntry } from '../../incidents/db';
import { useUi } from '../../stores/ui';
import { openSession } from '../../incidents/open-incident';
import { setSignaling } from '../../incidents/sync/share';

/** An invite holds at most this many signaling addresses (src/shared/sync/invite.ts). */
const MAX_INVITE_SIGNALING = 8;

/** ws://127.0.0.1:…, ws://localhost:…, ws://[::1]:…: addresses that lead another computer to itself. */
function isLoopback(url: string): boolean {
  return /^wss?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/|$)/i.test(url);
}

/**
 * In the share dialog, in the desktop app: whether other computers can use
 * this computer's signaling server through this invite. When the server is
 * not open to the network, says so and leads to the setting; when it is but
 * the invite was made before, offers to list its network addresses.
 * Browsers show nothing: they cannot know how `npm run signal` was started.
 */
export function OwnSignalingNote({ share, onShareChange }: { share: ShareEntry | null; onShareChange: (share: ShareEntry) => void }) {
  const control = host.signaling;
  const [status, setStatus] = useState<SignalingStatus | null>(null);
  useEffect(() => {
    if (!control) return;
    let current = true;
    control.getStatus().then(
      (loaded) => current && setStatus(loaded),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [control]);

  if (!status || !share) return null;
  if (!status.exposedOnLan) {
    return (
      <p className="note">
        Only this computer can use its signaling server, so another computer can join with this invite only through another
        address listed below.{' '}
        <button type="button" className="link-button" onClick={() => useUi.getState().openDialog('settings')}>
          Let other computers reach it (Settings)
        </button>
      </p>
    );
  }
  const missing = desktopSignaling(status).filter((url) => !share.signaling.includes(url));
  if (missing.length === 0) return null;

  async function addToInvite() {
    const session = openSession();
    if (!session || !share) return;
    const signaling = [...missing, ...share.signaling.filter((url) => !isLoopback(url))].slice(0, MAX_INVITE_SIGNALING);
    onShareChange(await setSignaling(session, signaling));
  }

  return (
    <p className="note">
      This computer&apos;s signaling server is open to the network, but this invite does not list it yet.{' '}
      <button type="button" className="link-button" onClick={() => void addToInvite()}>
        Add {missing.join(', ')} to the invite
      </button>
    </p>
  );
}
