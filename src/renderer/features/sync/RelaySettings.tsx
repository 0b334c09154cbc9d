import { useState } from 'react';
import { FormError } from '../../components/FormError';
import type { ShareEntry } from '../../incidents/db';
import { parseRelays } from '../../../shared/sync/relays';
import { openSession } from '../../incidents/open-incident';
import { setRelays } from '../../incidents/sync/share';
import { addNotice } from '../../stores/notices';

/**
 * The share dialog's relay section: y-websocket relays the incident also
 * syncs through, for a response with more participants than a WebRTC mesh
 * holds (about 20 to 30). They go into the invite. What a relay carries
 * and holds is sealed (incidents/sync/relay-seal.ts): it sees who is
 * connected, not what is written, and the hint says so.
 */
export function RelaySettings({ initial, onSaved }: { initial: readonly string[]; onSaved: (share: ShareEntry) => void }) {
  const [text, setText] = useState(initial.join('\n'));
  const [error, setError] = useState<string | null>(null);

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
          rows={1}
          value={text}
          placeholder="None: peers connect directly"
          onChange={(e) => setText(e.target.value)}
          aria-describedby="relay-hint"
        />
        <small id="relay-hint">
          For more than about 20 to 30 responders: a relay your team runs on its own network (npm run relay), e.g.
          ws://192.168.1.20:4455. It carries the incident encrypted: it sees who is connected, not what is written. Part of the invite.
        </small>
      </label>
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={() => void save()}>
          Use these relays
        </button>
      </div>
    </>
  );
}
