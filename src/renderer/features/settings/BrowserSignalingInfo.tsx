import { useEffect, useState } from 'react';
import { browserSignaling } from '../../../shared/sync/own-signaling';
import { webSignalingPort } from '../../host/web';
import { LAN_RISK } from './SignalingStatusLine';

/**
 * In a browser the page cannot run or change a signaling server, so this
 * shows no switches: it says how to run `npm run signal` (see
 * src/main/signaling/command.ts for its flags).
 */
export function BrowserSignalingInfo({ onClose }: { onClose: () => void }) {
  const [port, setPort] = useState<number | null>(null);
  useEffect(() => void webSignalingPort().then(setPort), []);
  const offered = port === null ? null : browserSignaling(location, port)[0];
  return (
    <div className="form">
      <section className="settings-section" aria-labelledby="signaling-heading">
        <h3 id="signaling-heading">Signaling server</h3>
        <p>
          In a browser, Command Post cannot run a signaling server itself. <code>npm run web</code> starts one next to the
          app (or run <code>npm run signal</code> on the machine that serves it); it listens on that machine only
          {port === null ? '' : `, on port ${port}`}.
        </p>
        <ul className="commands">
          <li>
            <code>npm run signal -- --lan</code> lets other computers on this network reach it. {LAN_RISK}
          </li>
          <li>
            <code>npm run signal -- --port 5000</code> listens on another port; then change the address in each incident&apos;s
            share dialog.
          </li>
        </ul>
        {offered && (
          <p className="muted">
            Invites made in this browser list <code>{offered}</code>.
          </p>
        )}
      </section>
      <div className="actions">
        <button type="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </div>
  );
}
