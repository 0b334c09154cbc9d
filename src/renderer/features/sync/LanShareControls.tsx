import { useState } from 'react';
import { host } from '../../host';
import { openSession } from '../../incidents/open-incident';
import { shareOnLan, unshareOnLan } from '../../incidents/sync/lan-share';
import { useLanShare } from '../../stores/lan-share';

/**
 * 'Share on this network' in the Share dialog: one decision that announces
 * the incident to command posts on this LAN, opens this machine's signaling
 * server there for as long as it does, and lets them ask to join (each one
 * admitted or refused by the IC in the prompt). The announcement names no
 * incident unless the second switch says so. A browser cannot announce, so
 * it is told why instead.
 */
export function LanShareControls({ incidentId }: { incidentId: string | null }) {
  const mine = useLanShare((s) => s.incidentId === incidentId && incidentId !== null);
  const share = useLanShare((s) => (mine ? s.share : null));
  const busy = useLanShare((s) => mine && s.busy);
  const message = useLanShare((s) => (mine ? s.message : null));
  const [showName, setShowName] = useState(share?.showsIncident ?? false);
  // The switch moves at once and stays where the IC put it while main is asked; it goes back if main refuses.
  const [intended, setIntended] = useState(false);

  if (!host.discovery) {
    return (
      <section className="lan-share" aria-labelledby="lan-share-heading">
        <h3 id="lan-share-heading" className="form-heading">
          On this network
        </h3>
        <p className="muted">
          Only the desktop app can announce an incident on this network (a browser can neither send nor hear the
          announcements). Hand over the short code or the invite above instead.
        </p>
      </section>
    );
  }

  const flip = (on: boolean, named: boolean) => {
    const session = openSession();
    if (!session) return;
    setIntended(on);
    void (on ? shareOnLan(session, named) : unshareOnLan());
  };

  return (
    <section className="lan-share" aria-labelledby="lan-share-heading">
      <h3 id="lan-share-heading" className="form-heading">
        On this network
      </h3>
      <label className="checkbox">
        <input type="checkbox" checked={busy ? intended : share !== null} disabled={busy || !incidentId} onChange={(e) => flip(e.target.checked, showName)} aria-describedby="lan-share-hint" />
        Share on this network
      </label>
      <small id="lan-share-hint" className="hint">
        Command posts on this network list this machine (by the name in Settings) and can ask to join; you admit or refuse
        each one. Your signaling server is open to the network while the incident is shared this way.
      </small>
      <label className="checkbox lan-share-name">
        <input
          type="checkbox"
          checked={showName}
          disabled={busy}
          onChange={(e) => {
            setShowName(e.target.checked);
            // Already announced: announce again, with or without the name.
            if (share) flip(true, e.target.checked);
          }}
          aria-describedby="lan-name-hint"
        />
        Show this incident&apos;s name to the network
      </label>
      <small id="lan-name-hint" className="hint">
        {showName
          ? 'Everyone on this network can read its name and severity in the list.'
          : 'Off: the announcement names no incident, only this machine.'}
      </small>
      {busy && (
        <p className="muted" role="status">
          Asking this machine to announce…
        </p>
      )}
      {share && !busy && (
        <p className="form-ok" role="status">
          Shared on this network{share.showsIncident ? ', with its name' : ', without its name'}.
        </p>
      )}
      {message && (
        <p className="form-warning" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
