/**
 * Main's deadline notifications with Electron's Notification and
 * powerMonitor injected, on a fake clock: shown when due, a click brings the
 * window up on the incident, and notifications.json keeps a restart from
 * repeating one (a damaged file is tolerated).
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createItemShower, installNotifications, type ItemWindow, type OsNotification } from '../../../src/main/notifications';
import { NOTIFICATIONS_FILE_NAME, openDeliveredStore, type DeliveredStore } from '../../../src/main/notifications/store';
import { INTENT_CHANNEL, type Intent } from '../../../src/shared/ipc';
import { deadline, FakeClock, MINUTE, T0 } from '../shared/fake-clock';
import { FakeEmitter } from './fakes';

/** Electron's Notification, recording what was shown. */
function fakeNotificationApi(supported = true) {
  const shown: FakeNotification[] = [];
  class FakeNotification extends FakeEmitter implements OsNotification {
    static isSupported = (): boolean => supported;
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show(): void {
      shown.push(this);
    }
  }
  return { Notification: FakeNotification, shown };
}

const realFiles = {
  readFile: (path: string) => readFile(path, 'utf8'),
  writeFile: (path: string, text: string) => writeFile(path, text, 'utf8'),
  rename,
  mkdir: async (path: string) => {
    await mkdir(path, { recursive: true });
  },
};

let userData = '';
/** Every store a test opened, so its writes finish before the directory goes. */
const opened: DeliveredStore[] = [];
beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'command-post-notifications-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.flushed()));
  await rm(userData, { recursive: true, force: true });
});

async function start(clock = new FakeClock(), options: { supported?: boolean } = {}) {
  const errors: string[] = [];
  const store = await openDeliveredStore({
    path: join(userData, NOTIFICATIONS_FILE_NAME),
    files: realFiles,
    now: clock.now,
    logError: (message) => errors.push(message),
  });
  opened.push(store);
  const api = fakeNotificationApi(options.supported);
  const power = new FakeEmitter();
  const showItem = vi.fn();
  const handle = installNotifications({
    Notification: api.Notification,
    powerMonitor: power as never,
    delivered: store,
    clock,
    showItem,
    logError: (message) => errors.push(message),
  });
  return { clock, store, api, power, showItem, handle, errors };
}

describe('main deadline notifications', () => {
  it('shows an OS notification with the deadline\'s title and text when it comes due', async () => {
    const { clock, api, handle } = await start();
    handle.setDeadlines('inc-1', [deadline('t1', T0 + 5 * MINUTE)]);
    clock.advance(5 * MINUTE - 1);
    expect(api.shown).toHaveLength(0);
    clock.advance(1);
    expect(api.shown.map((n) => n.options)).toEqual([{ title: 'Task t1 is due', body: 'Owner: Dana' }]);
  });

  it('a click asks for the window on that incident and item', async () => {
    const { clock, api, handle, showItem } = await start();
    handle.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE)]);
    clock.advance(MINUTE);
    api.shown[0]?.emit('click');
    expect(showItem).toHaveBeenCalledWith({ type: 'show-item', incidentId: 'inc-1', item: 't1' });
  });

  it('after the machine wakes, shows what came due while it slept', async () => {
    const { clock, api, handle, power } = await start();
    handle.setDeadlines('inc-1', [deadline('t1', T0 + 20 * MINUTE)]);
    clock.jump(30 * MINUTE);
    power.emit('resume');
    expect(api.shown).toHaveLength(1);
  });

  it('does not repeat a deadline after a restart, and keeps the record in notifications.json', async () => {
    const first = await start();
    first.handle.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE)]);
    first.clock.advance(MINUTE);
    expect(first.api.shown).toHaveLength(1);
    first.handle.scheduler.dispose();
    await first.store.flushed();
    const saved = JSON.parse(await readFile(join(userData, NOTIFICATIONS_FILE_NAME), 'utf8'));
    expect(saved).toEqual({ version: 1, delivered: { [`task:t1:${T0 + MINUTE}`]: T0 + MINUTE } });

    const clock = new FakeClock();
    clock.time = T0 + 2 * MINUTE;
    const second = await start(clock);
    second.handle.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE)]);
    expect(second.api.shown).toHaveLength(0);
    expect(second.errors).toEqual([]);
  });

  it('a damaged notifications.json is reported and replaced, and notifying goes on', async () => {
    await writeFile(join(userData, NOTIFICATIONS_FILE_NAME), '{"version": 1, "delivered": ');
    const { clock, api, handle, store, errors } = await start();
    expect(errors).toEqual([expect.stringMatching(/notifications\.json is damaged \(not valid JSON/)]);
    handle.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE)]);
    clock.advance(MINUTE);
    expect(api.shown).toHaveLength(1);
    await store.flushed();
    expect(JSON.parse(await readFile(join(userData, NOTIFICATIONS_FILE_NAME), 'utf8')).delivered).toHaveProperty(`task:t1:${T0 + MINUTE}`);
  });

  it('on a system without notifications, says so once and shows nothing', async () => {
    const { clock, api, handle, errors } = await start(new FakeClock(), { supported: false });
    handle.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE)]);
    clock.advance(MINUTE);
    expect(api.shown).toHaveLength(0);
    expect(errors).toEqual([expect.stringMatching(/does not support notifications/)]);
  });
});

describe('showing a notification\'s item', () => {
  function fakeWindow(state: { minimized?: boolean; destroyed?: boolean } = {}) {
    const calls: string[] = [];
    const window: ItemWindow = {
      isDestroyed: () => state.destroyed ?? false,
      isMinimized: () => state.minimized ?? false,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
      webContents: { send: (channel: string, payload: unknown) => calls.push(`send ${channel} ${JSON.stringify(payload)}`) },
    };
    return { window, calls };
  }
  const intent: Extract<Intent, { type: 'show-item' }> = { type: 'show-item', incidentId: 'inc-1', item: 't1' };

  it('restores a minimized or hidden window, shows and focuses it, then sends the intent', () => {
    const { window, calls } = fakeWindow({ minimized: true });
    const openWindowAt = vi.fn();
    createItemShower({ getWindow: () => window, openWindowAt, sendIntent: (w, i) => w.webContents.send(INTENT_CHANNEL, i) })(intent);
    expect(calls).toEqual(['restore', 'show', 'focus', `send ${INTENT_CHANNEL} ${JSON.stringify(intent)}`]);
    expect(openWindowAt).not.toHaveBeenCalled();
  });

  it('with no window open (macOS), opens one straight on the incident', () => {
    const { window, calls } = fakeWindow({ destroyed: true });
    const openWindowAt = vi.fn();
    createItemShower({ getWindow: () => window, openWindowAt, sendIntent: vi.fn() })(intent);
    createItemShower({ getWindow: () => null, openWindowAt, sendIntent: vi.fn() })(intent);
    expect(openWindowAt.mock.calls).toEqual([['#/incident/inc-1'], ['#/incident/inc-1']]);
    expect(calls).toEqual([]);
  });
});
