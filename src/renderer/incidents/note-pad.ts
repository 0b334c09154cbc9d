/**
 * The note pad: observations noted before any incident was declared (the
 * first things seen at the data centre come before anyone declares). It is
 * this machine's, kept in the database like the incidents, one row per
 * note, so it survives a reload or a crash; a note is shown only once its
 * write has committed. Declaring from the pad writes its notes as the
 * incident's first entries (logObservations), and only once the incident
 * with them is stored are they removed from the pad: a failure anywhere
 * leaves them here rather than losing them.
 *
 * A zustand store kept beside the database it writes, like identity-store.ts.
 */
import { create } from 'zustand';
import { CommandError } from '../../shared/incident/errors';
import type { LoggableKind } from '../../shared/incident/kinds';
import { MAX_OBSERVATIONS } from '../../shared/incident/limits';
import { database } from './database';
import type { CommandPostDb, PadNote } from './db';
import { newId } from './ids';
import { incidentNow } from './clock';

export interface NotePadState {
  /** Oldest first; null until the database has been read. */
  notes: readonly PadNote[] | null;
  /** Why the pad could not be read, when it could not. */
  problem: string | null;
  /** Reads the pad, once: later calls return the first call's promise. */
  load(): Promise<void>;
  /** Checks and stores a note; resolves once it is on disk, throws a CommandError with what to fix. */
  add(note: { kind: LoggableKind; text: string; at?: number }): Promise<PadNote>;
  remove(id: string): Promise<void>;
  /** Of these notes, those still in the pad on disk (another window may have declared with them). */
  stillHeld(notes: readonly PadNote[]): Promise<PadNote[]>;
  /** Removes the notes an incident now holds. */
  taken(ids: readonly string[]): Promise<void>;
}

const byTime = (a: PadNote, b: PadNote) => a.at - b.at || a.loggedAt - b.loggedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `db`: the database, once open (the app's is loaded beside the first screen: ./database.ts). */
export function createNotePad(db: () => Promise<CommandPostDb>, now: () => number, makeId: () => string = newId) {
  let loading: Promise<void> | null = null;
  return create<NotePadState>((set, get) => {
    /** Each change is applied to what the store shows after its write, to the list as it is then. */
    const change = (update: (notes: readonly PadNote[]) => readonly PadNote[]) => set((s) => ({ notes: update(s.notes ?? []) }));
    return {
      notes: null,
      problem: null,
      load() {
        loading ??= db()
          .then((opened) => opened.pad.toArray())
          .then((rows) => set({ notes: rows.sort(byTime), problem: null }))
          .catch((error: unknown) => set({ notes: [], problem: `The note pad could not be read from this machine's database (${reason(error)}).` }));
        return loading;
      },
      async add({ kind, text, at }) {
        const loggedAt = now();
        const count = get().notes?.length ?? 0;
        if (count >= MAX_OBSERVATIONS) throw new CommandError(`The pad holds at most ${MAX_OBSERVATIONS} notes: declare the incident, and log the rest in it.`);
        // The rules the incident will apply to it, checked now: a note the pad keeps is one the declaration takes.
        // They come with the commands, which the list does not load at start-up (usually loaded ahead by now).
        const { checkObservations } = await import('../../shared/incident/observation-commands').catch((error: unknown) => {
          throw new CommandError(`The note could not be checked: part of Command Post did not load (${reason(error)}); it is still in the field.`);
        });
        const [checked] = checkObservations({ observations: [{ kind, text, at: at ?? loggedAt, loggedAt }] }, loggedAt, loggedAt);
        const note: PadNote = { id: makeId(), kind: checked!.kind as LoggableKind, text: checked!.text, at: checked!.at, loggedAt };
        try {
          await (await db()).pad.add(note);
        } catch (error) {
          throw new CommandError(`The note could not be saved on this machine (${reason(error)}); it is still in the field.`);
        }
        change((notes) => [...notes, note].sort(byTime));
        return note;
      },
      async remove(id) {
        await (await db()).pad.delete(id);
        change((notes) => notes.filter((n) => n.id !== id));
      },
      async stillHeld(notes) {
        const rows = await (await db()).pad.bulkGet(notes.map((n) => n.id));
        const held = rows.filter((row): row is PadNote => row !== undefined).sort(byTime);
        // What this window shows follows: a note another window took is gone here too.
        const gone = new Set(notes.filter((n) => !held.some((h) => h.id === n.id)).map((n) => n.id));
        if (gone.size) change((shown) => shown.filter((n) => !gone.has(n.id)));
        return held;
      },
      async taken(ids) {
        await (await db()).pad.bulkDelete([...ids]);
        const gone = new Set(ids);
        change((notes) => notes.filter((n) => !gone.has(n.id)));
      },
    };
  });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const useNotePad = createNotePad(database, incidentNow);
