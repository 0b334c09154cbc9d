import { browserSignaling } from '../../../shared/sync/own-signaling';
import { WEB_SIGNALING_PORT } from '../../host/web';
import { LAN_RISK } from './SignalingStatusLine';

/**
 * In a browser the page cannot run or change a signaling server, so this
 * shows no switches: it says how to run `npm run signal` (see
 * src/main/signaling/command.ts for its flags).
 */
export function BrowserSignalingInfo({ onClose }: { onClose: () => void }) {
  const offered = browserSignaling(location, WEB_SIGNALING_PORT)[0];
  return (
    <div className="form">
      <section className="settings-section" aria-labelledby="signaling-heading">
        <h3 id="signaling-heading">Signaling server</h3>
        <p>
          In a browser, Command Post cannot run a signaling server itself. Run <code>npm run signal</code> on the machine
          that serves this app; it listens on that machine only, on port {WEB_SIGNALING_PORT}.
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
        <p className="muted">
          Invites made in this browser list <code>{offered}</code>.
        </p>
      </section>
      <div className="actions">
        <button type="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </div>
  );
}
