/**
 * This machine's settings, kept by the main process in one JSON file in
 * Electron's userData directory (see schema.ts for its sections).
 *
 * The file must never keep the app from starting: a file that cannot be
 * read, is not JSON, or holds a section that fails its schema is reported
 * (`problem`, shown in the Settings dialog, and the log), moved aside to
 * settings.json.corrupt-<time> so nothing the user had is lost, and replaced
 * by the sections that were still good plus defaults for the rest. Writes go
 * to a temporary file that is then renamed over the old one, so a crash or a
 * full disk leaves the previous file whole; they are queued, so two saves
 * never interleave.
 */
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { defaultSettings, SECTION_NAMES, serializeSettings, SETTINGS_SECTIONS, type Settings, type SettingsSection, type SettingsSectionName } from './schema';

/** In Electron's userData directory. */
export const SETTINGS_FILE_NAME = 'settings.json';

/** The file system calls the store makes; injected so tests need no disk. */
export interface SettingsFiles {
  /** Rejects with code ENOENT when there is no file. */
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Creates the directory and its parents if they are missing. */
  mkdir(path: string): Promise<void>;
}

export interface SettingsStoreDeps {
  /** settings.json in Electron's userData directory. */
  path: string;
  files: SettingsFiles;
  now: () => number;
  logError: (message: string, error?: unknown) => void;
}

export interface SettingsStore {
  readonly path: string;
  /** What was wrong with the file at start-up, in words for the user; null when nothing was. */
  readonly problem: string | null;
  get<K extends SettingsSectionName>(section: K): SettingsSection<K>;
  /**
   * Validates the section and writes the file. Rejects with a message that
   * says why when it cannot; the previous value then stays, on disk and here.
   */
  set<K extends SettingsSectionName>(section: K, value: SettingsSection<K>): Promise<void>;
}

/** The file as a whole: an object; `version` is informative (sections are read on their own). */
const SettingsEnvelope = z.looseObject({ version: z.number().int().positive().optional() });

/** Reads the settings file (never throws: whatever is wrong becomes `problem`). */
export async function openSettingsStore(deps: SettingsStoreDeps): Promise<SettingsStore> {
  const { path } = deps;
  let settings = defaultSettings();
  let problem: string | null = null;
  /** The unusable file could not be moved aside: writing would destroy it. */
  let blockedBy: string | null = null;

  const loaded = await load(deps);
  if (loaded.kind === 'ok') {
    settings = loaded.settings;
  } else if (loaded.kind === 'damaged') {
    settings = loaded.settings;
    const aside = await setAside(deps);
    if (aside.ok) {
      problem = `${loaded.reason} It was kept as ${basename(aside.path)}, next to it, and ${loaded.fallback}`;
      // The good sections now exist only in memory: write them back at once.
      await write(deps, settings).catch((error: unknown) => {
        problem += ` The repaired settings could not be written (${reasonOf(error)}); they apply until the app quits.`;
      });
    } else {
      blockedBy = `${loaded.reason} It could not be moved aside (${aside.reason}), so Command Post will not overwrite it: fix or remove ${path}, then save again.`;
      problem = `${blockedBy} Until then ${loaded.fallback}`;
    }
    deps.logError(`settings: ${problem}`);
  }

  let queue: Promise<unknown> = Promise.resolve();

  return {
    path,
    get problem() {
      return problem;
    },
    get(section) {
      return structuredClone(settings[section]);
    },
    set(section, value) {
      const run = async (): Promise<void> => {
        const parsed = SETTINGS_SECTIONS[section].schema.safeParse(value);
        if (!parsed.success) throw new Error(`The ${section} settings are not valid: ${describeIssues(parsed.error, section)}.`);
        if (blockedBy) {
          const aside = await setAside(deps);
          if (!aside.ok) throw new Error(blockedBy);
          blockedBy = null;
        }
        const next = { ...settings, [section]: parsed.data } as Settings;
        try {
          await write(deps, next);
        } catch (error) {
          throw new Error(`The settings could not be saved to ${path}: ${reasonOf(error)}.`, { cause: error });
        }
        settings = next;
      };
      const result = queue.then(run);
      queue = result.catch(() => {});
      return result;
    },
  };
}

type Loaded =
  | { kind: 'ok'; settings: Settings }
  | { kind: 'missing' }
  /** Unusable in whole or in part: `settings` holds what was still good, defaults elsewhere. */
  | { kind: 'damaged'; settings: Settings; reason: string; fallback: string };

async function load({ path, files }: SettingsStoreDeps): Promise<Loaded> {
  let text: string;
  try {
    text = await files.readFile(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    return damaged(`The settings file ${path} could not be read (${reasonOf(error)}).`);
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return damaged(`The settings file ${path} is not valid JSON (${reasonOf(error)}).`);
  }
  const envelope = SettingsEnvelope.safeParse(json);
  if (!envelope.success) return damaged(`The settings file ${path} does not hold settings (${describeIssues(envelope.error)}).`);

  const settings: Record<string, unknown> = defaultSettings();
  const bad: string[] = [];
  for (const name of SECTION_NAMES) {
    const raw = envelope.data[name];
    if (raw === undefined) continue;
    const section = SETTINGS_SECTIONS[name].schema.safeParse(raw);
    if (section.success) settings[name] = section.data;
    else bad.push(describeIssues(section.error, name));
  }
  if (bad.length === 0) return { kind: 'ok', settings: settings as Settings };
  return {
    kind: 'damaged',
    settings: settings as Settings,
    reason: `Some settings in ${path} were not valid (${bad.join('; ')}).`,
    fallback: `the defaults are in use for ${bad.length === 1 ? 'that section' : 'those sections'}.`,
  };
}

function damaged(reason: string): Loaded {
  return { kind: 'damaged', settings: defaultSettings(), reason, fallback: 'the default settings are in use.' };
}

async function setAside({ path, files, now }: SettingsStoreDeps): Promise<{ ok: true; path: string } | { ok: false; reason: string }> {
  // A time stamp without ':' (Windows refuses it in file names).
  const aside = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
  try {
    await files.rename(path, aside);
    return { ok: true, path: aside };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

async function write({ path, files, now }: SettingsStoreDeps, settings: Settings): Promise<void> {
  await files.mkdir(dirname(path));
  const partial = `${path}.${now().toString(36)}.partial`;
  try {
    await files.writeFile(partial, serializeSettings(settings));
    await files.rename(partial, path);
  } catch (error) {
    await files.remove(partial).catch(() => {});
    throw error;
  }
}

/** "signaling.port: Use a port from 1024 to 65535…; signaling.exposeOnLan: …", on one line. */
function describeIssues(error: z.ZodError, prefix?: string): string {
  return error.issues
    .map((issue) => {
      const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
