import { useState } from 'react';
import { FormError } from '../../components/FormError';
import type { ShareEntry } from '../../incidents/db';
import { parseRelays } from '../../../shared/sync/relays';
import { openSession } from '../../incidents/open-incident';
import { setRelays } from '../../incidents/sync/share';
import { addNotice } from '../../stores/notices';
import { useSync } from '../../stores/sync';
import type { RelayNode } from '../../incidents/sync/relay-link';
import { nodeText } from './SyncIndicator';

const NO_NODES: readonly RelayNode[] = [];

/**
 * The share dialog's relay section: relays (`npm run relay`, Hocuspocus) the
 * incident also syncs through, for a response with more participants than
 * a WebRTC mesh holds (about 20 to 30), and so a newcomer gets the incident
 * while every command post is offline. They go into the invite. What a
 * relay carries and holds is sealed (incidents/sync/relay-seal.ts): it sees
 * who is connected, not what is written, and the hint says so. Below it,
 * how this machine stands with each relay now.
 */
export function RelaySettings({ initial, onSaved }: { initial: readonly string[]; onSaved: (share: ShareEntry) => void }) {
  const [text, setText] = useState(initial.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const nodes = useSync((s) => s.state?.relayNodes ?? NO_NODES);

  async function save() {
    const session = openSession();
    if (!session) return;
    const parsed = parseRelays(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setText(parsed.relays.join('\n'));
    onSaved(await setRelays(session, parsed.relays));
    addNotice(
      'info',
      parsed.relays.length
        ? `Syncing through ${parsed.relays.length === 1 ? 'the relay' : `${parsed.relays.length} relays`} too; invites made now list ${parsed.relays.length === 1 ? 'it' : 'them'}.`
        : 'No relay: peers sync directly, over WebRTC only.',
    );
  }

  return (
    <>
      <label>
        Relays (optional, one per line)
        <textarea
          rows={Math.min(4, Math.max(1, text.split('\n').length))}
          value={text}
          placeholder="None: peers connect directly"
          onChange={(e) => setText(e.target.value)}
          aria-describedby="relay-hint"
        />
        <small id="relay-hint">
          For more than about 20 to 30 responders, or for joining while everyone else is offline: a relay your team runs (npm run relay),
          e.g. ws://192.168.1.20:4455. A relay sees ciphertext only: who is connected, not what is written. It admits only holders of
          this invite. Part of the invite.
        </small>
      </label>
      <FormError message={error} />
      {nodes.length ? (
        <ul className="relay-nodes" aria-label="Relays now">
          {nodes.map((node) => (
            <li key={node.url} data-state={node.state}>
              <span className="dot" aria-hidden="true" />
              <code>{node.url}</code> {nodeText(node)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => void save()}>
          Use these relays
        </button>
      </div>
    </>
  );
}
