import { useState, type FormEvent } from 'react';
import { CHANNEL_KINDS, CHANNEL_KIND_LABELS, COMMS_LIMITS, fallbackChain, type ChannelKind, type CommsChannel, type CommsPlan } from '../../../shared/incident/comms-schema';
import { commsKeepers } from '../../../shared/incident/comms-rule';
import type { OrgChart } from '../../../shared/incident/org-chart';
import { messageOf } from '../../components/attempt';
import { commands } from '../../incidents/commands';
import { database } from '../../incidents/database';
import { storeDefaultCommsPlan } from '../../incidents/default-comms-plan';
import { incidentNow } from '../../incidents/clock';
import { useIdentity } from '../../incidents/identity-store';
import { addNotice } from '../../stores/notices';

/** Who keeps the plan, by name: the Comms Lead, else the IC. */
export function commsKeeperNames(org: OrgChart | null): string {
  if (!org) return '';
  const names = commsKeepers(org.roles, org.icId).map((id) => org.responders.find((r) => r.id === id)?.name ?? '');
  return names.filter(Boolean).join(' and ');
}

/** The plan as read: channels in order, where, who is reachable; then the fallback chain. For the observer's page too. */
export function CommsPlanList({ plan, empty }: { plan: CommsPlan; empty: string }) {
  if (!plan.channels.length) return <p className="muted">{empty}</p>;
  return (
    <>
      <ol className="comms-channels">
        {plan.channels.map((c) => (
          <li key={c.id}>
            <ChannelText channel={c} />
          </li>
        ))}
      </ol>
      <FallbackChain plan={plan} />
    </>
  );
}

function ChannelText({ channel: c }: { channel: CommsChannel }) {
  return (
    <span className="comms-channel-text">
      <strong>{c.name}</strong> <span className="muted">{CHANNEL_KIND_LABELS[c.kind]}</span>
      {c.address && <span className="comms-address">{c.address}</span>}
      {c.reachable && <span>Reachable: {c.reachable}</span>}
      {c.notes && <span className="muted">{c.notes}</span>}
    </span>
  );
}

function FallbackChain({ plan }: { plan: CommsPlan }) {
  const chain = fallbackChain(plan);
  if (!chain.length) return null;
  return (
    <ul className="comms-fallbacks" aria-label="When a channel is down">
      {chain.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

interface Props {
  readonly plan: CommsPlan;
  readonly org: OrgChart | null;
  /** This machine may write and the incident is running. */
  readonly canEdit: boolean;
  readonly incidentId: string;
}

type Editing = { readonly id: string | null } | null;

/**
 * The communications plan (ICS 205) in the status document: where the
 * response talks, who is reachable where, what to use when a channel is
 * down. Changed by the Comms Lead (the IC while nobody holds it); anyone
 * else's change is refused by the command with who to ask, shown in place.
 */
export function CommsPlanBox({ plan, org, canEdit, incidentId }: Props) {
  const [editing, setEditing] = useState<Editing>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const keeper = commsKeeperNames(org);
  const run = (what: () => void) => {
    try {
      what();
      setProblem(null);
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  const saveAsDefault = async () => {
    try {
      await storeDefaultCommsPlan(await database(), plan.channels, useIdentity.getState().name, incidentNow());
      addNotice('info', 'Saved as this machine’s default plan: incidents declared here start with it.');
    } catch (error) {
      addNotice('error', `The default plan could not be saved: ${messageOf(error)}`);
    }
  };
  return (
    <section className="status-box comms-plan" aria-labelledby="comms-plan-title">
      <h3 id="comms-plan-title">Communications plan</h3>
      <p className="muted comms-keeper">Kept by {keeper ? `the Comms Lead: ${keeper}` : 'the Comms Lead'}</p>
      {!canEdit || !plan.channels.length ? (
        <CommsPlanList plan={plan} empty={canEdit ? 'No channels yet: add where the response talks, then the fallbacks.' : 'No communications plan.'} />
      ) : (
        <>
          <ol className="comms-channels">
            {plan.channels.map((c, i) => (
              <li key={c.id}>
                {editing?.id === c.id ? (
                  <ChannelForm channel={c} onDone={() => setEditing(null)} />
                ) : (
                  <>
                    <ChannelText channel={c} />
                    <span className="comms-actions">
                      <button type="button" onClick={() => setEditing({ id: c.id })} aria-label={`Edit ${c.name}`}>
                        Edit
                      </button>
                      <button type="button" disabled={i === 0} onClick={() => run(() => commands.moveCommsChannel({ id: c.id, direction: 'earlier' }))} aria-label={`Move ${c.name} earlier`}>
                        ↑
                      </button>
                      <button type="button" disabled={i === plan.channels.length - 1} onClick={() => run(() => commands.moveCommsChannel({ id: c.id, direction: 'later' }))} aria-label={`Move ${c.name} later`}>
                        ↓
                      </button>
                      <button type="button" onClick={() => run(() => commands.removeCommsChannel({ id: c.id }))} aria-label={`Remove ${c.name}`}>
                        Remove
                      </button>
                    </span>
                  </>
                )}
              </li>
            ))}
          </ol>
          <FallbackChain plan={plan} />
        </>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {canEdit && (
        <div className="comms-footer">
          {editing?.id === null ? (
            <ChannelForm channel={null} onDone={() => setEditing(null)} />
          ) : (
            <button type="button" onClick={() => setEditing({ id: null })}>
              Add channel…
            </button>
          )}
          {plan.channels.length > 0 && (
            <button type="button" onClick={() => void saveAsDefault()}>
              Save as this machine’s default
            </button>
          )}
          <a href={`#/forms/${incidentId}?form=205&paper=letter`}>Print ICS forms…</a>
        </div>
      )}
    </section>
  );
}

/** One channel's fields, added or changed; Enter saves, Escape cancels, and a refusal says why beside them. */
function ChannelForm({ channel, onDone }: { channel: CommsChannel | null; onDone: () => void }) {
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'chat');
  const [name, setName] = useState(channel?.name ?? '');
  const [address, setAddress] = useState(channel?.address ?? '');
  const [reachable, setReachable] = useState(channel?.reachable ?? '');
  const [notes, setNotes] = useState(channel?.notes ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const prefix = `comms-${channel?.id ?? 'new'}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      commands.saveCommsChannel({ ...(channel ? { id: channel.id } : {}), kind, name, address, reachable, notes });
      onDone();
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  return (
    <form className="comms-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onDone())} aria-label={channel ? `Edit ${channel.name}` : 'Add a channel'}>
      <label htmlFor={`${prefix}-kind`}>Kind</label>
      <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
        {CHANNEL_KINDS.map((k) => (
          <option key={k} value={k}>
            {CHANNEL_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <label htmlFor={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} value={name} maxLength={COMMS_LIMITS.name} onChange={(e) => setName(e.target.value)} placeholder="Slack #inc-bravo" autoFocus />
      <label htmlFor={`${prefix}-address`}>Where</label>
      <input id={`${prefix}-address`} value={address} maxLength={COMMS_LIMITS.address} onChange={(e) => setAddress(e.target.value)} placeholder="Number and PIN, room, frequency" />
      <label htmlFor={`${prefix}-reachable`}>Who is reachable there</label>
      <input id={`${prefix}-reachable`} value={reachable} maxLength={COMMS_LIMITS.reachable} onChange={(e) => setReachable(e.target.value)} placeholder="All responders; executives" />
      <label htmlFor={`${prefix}-notes`}>Notes</label>
      <input id={`${prefix}-notes`} value={notes} maxLength={COMMS_LIMITS.notes} onChange={(e) => setNotes(e.target.value)} />
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <span className="comms-form-actions">
        <button type="submit" className="primary">
          {channel ? 'Save channel' : 'Add channel'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </span>
    </form>
  );
}
