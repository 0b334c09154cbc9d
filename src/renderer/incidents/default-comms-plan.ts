/**
 * The organisation's default communications plan, kept on this machine (a
 * row of the settings table, like the name at the keyboard) and applied to
 * every incident declared here: the bridge, the chat room and the fallbacks
 * are known before anything breaks, so the IC does not type them at 3 a.m.
 *
 * What is read back is checked with the same schema the commands use: a
 * row damaged or written by an older or newer version is reported and
 * ignored, never half applied, and a declaration never fails because of it.
 */
import { ApplyCommsPlanInput, type ChannelDraft } from '../../shared/incident/comms-commands';
import type { CommsChannel } from '../../shared/incident/comms-schema';
import type { CommandPostDb, CommsPlanSetting, MachineSetting } from './db';

export type StoredCommsPlan =
  | { readonly ok: true; readonly channels: readonly ChannelDraft[]; readonly savedAt: number; readonly savedBy: string }
  | { readonly ok: false; readonly problem: string }
  | null;

/** The default plan stored here: null when none was saved. */
export async function readDefaultCommsPlan(db: CommandPostDb): Promise<StoredCommsPlan> {
  const row = await db.settings.get('comms-plan');
  if (row?.key !== 'comms-plan') return null;
  const parsed = ApplyCommsPlanInput.safeParse({ channels: row.channels });
  if (!parsed.success) return { ok: false, problem: `This machine's default communications plan cannot be used (${parsed.error.issues[0]?.message ?? 'it is damaged'}): save it again from an incident's status document.` };
  return { ok: true, channels: parsed.data.channels, savedAt: typeof row.savedAt === 'number' ? row.savedAt : 0, savedBy: typeof row.savedBy === 'string' ? row.savedBy : '' };
}

/** Saves an incident's plan as this machine's default: its channels in their order, without who edited them. */
export async function storeDefaultCommsPlan(db: CommandPostDb, channels: readonly CommsChannel[], savedBy: string, savedAt: number): Promise<void> {
  const drafts: ChannelDraft[] = channels.map(({ kind, name, address, reachable, notes }) => ({ kind, name, address, reachable, notes }));
  // Checked before it is stored: what is saved is what a declaration can apply.
  ApplyCommsPlanInput.parse({ channels: drafts });
  const row: CommsPlanSetting = { key: 'comms-plan', channels: drafts, savedAt, savedBy };
  await db.settings.put(row as MachineSetting & CommsPlanSetting);
}

/** Forgets the default plan: incidents declared here start without one. */
export async function forgetDefaultCommsPlan(db: CommandPostDb): Promise<void> {
  await db.settings.delete('comms-plan');
}
