/**
 * The web host's deadline notifications with the browser's Notification and
 * localStorage faked: permission is asked only when the page calls enable(),
 * nothing shows without it, the delivered keys are shared by every tab and
 * survive a reload, and a click focuses the tab and opens the incident.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Intent } from '../../../src/shared/ipc';
import { createWebNotifications, DELIVERED_STORAGE_KEY, type BrowserNotification } from '../../../src/renderer/host/web-notifications';
import { deadline, FakeClock, MINUTE, T0 } from '../shared/fake-clock';

function fakeBrowser(initial: NotificationPermission = 'default', answer: NotificationPermission = 'granted') {
  const shown: { title: string; options: { body: string; tag: string }; notification: BrowserNotification }[] = [];
  const api = class {
    static permission: NotificationPermission = initial;
    static requestPermission = vi.fn(async () => {
      api.permission = answer;
      return answer;
    });
    onclick: ((event: Event) => void) | null = null;
    readonly close = vi.fn();
    constructor(title: string, options: { body: string; tag: string }) {
      shown.push({ title, options, notification: this });
    }
  };
  return { api, shown };
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string): string | null => this.items.get(key) ?? null;
  setItem = (key: string, value: string): void => void this.items.set(key, value);
}

function tab(browser: ReturnType<typeof fakeBrowser>, storage: MemoryStorage, clock = new FakeClock()) {
  const intents: Intent[] = [];
  const focusWindow = vi.fn();
  let wake: () => void = () => {};
  const notifications = createWebNotifications({
    Notification: browser.api,
    storage,
    clock,
    focusWindow,
    runIntent: (intent) => intents.push(intent),
    onWake: (listener) => {
      wake = listener;
    },
  });
  return { notifications, clock, intents, focusWindow, wake: () => wake() };
}

describe('web host deadline notifications', () => {
  it('asks for permission only when enable() is called, and shows nothing before it is granted', async () => {
    const browser = fakeBrowser('default');
    const { notifications, clock } = tab(browser, new MemoryStorage());
    notifications.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE), deadline('t2', T0 + 3 * MINUTE)]);
    expect(notifications.permission()).toBe('default');
    clock.advance(MINUTE);
    expect(browser.api.requestPermission).not.toHaveBeenCalled();
    expect(browser.shown).toHaveLength(0);

    await expect(notifications.enable()).resolves.toBe('granted');
    expect(browser.api.requestPermission).toHaveBeenCalledTimes(1);
    clock.advance(2 * MINUTE);
    // t1 passed while not allowed and is not brought up late; t2 shows.
    expect(browser.shown.map((s) => [s.title, s.options])).toEqual([['Task t2 is due', { body: 'Owner: Dana', tag: `task:t2:${T0 + 3 * MINUTE}` }]]);
    await notifications.enable();
    expect(browser.api.requestPermission).toHaveBeenCalledTimes(1);
  });

  it('a click focuses the tab, closes the notification and opens the incident', () => {
    const browser = fakeBrowser('granted');
    const { notifications, clock, intents, focusWindow } = tab(browser, new MemoryStorage());
    notifications.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE)]);
    clock.advance(MINUTE);
    browser.shown[0]?.notification.onclick?.({} as Event);
    expect(focusWindow).toHaveBeenCalledTimes(1);
    expect(browser.shown[0]?.notification.close).toHaveBeenCalled();
    expect(intents).toEqual([{ type: 'show-item', incidentId: 'inc-1', item: 't1' }]);
  });

  it('two tabs and a reload announce a deadline once, through localStorage', () => {
    const browser = fakeBrowser('granted');
    const storage = new MemoryStorage();
    const clock = new FakeClock();
    const first = tab(browser, storage, clock);
    const second = tab(browser, storage, clock);
    first.notifications.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE)]);
    second.notifications.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE), deadline('t2', T0 + 2 * MINUTE)]);
    clock.advance(2 * MINUTE);
    expect(browser.shown.map((s) => s.options.tag).sort()).toEqual([`task:t1:${T0 + MINUTE}`, `task:t2:${T0 + 2 * MINUTE}`]);

    const reloaded = tab(browser, storage, clock);
    reloaded.notifications.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE), deadline('t2', T0 + 2 * MINUTE)]);
    expect(browser.shown).toHaveLength(2);
    expect(JSON.parse(storage.getItem(DELIVERED_STORAGE_KEY) ?? '{}').delivered).toHaveProperty(`task:t2:${T0 + 2 * MINUTE}`);
  });

  it('when the tab wakes, shows what came due while its timers were throttled', () => {
    const browser = fakeBrowser('granted');
    const { notifications, clock, wake } = tab(browser, new MemoryStorage());
    notifications.setDeadlines('inc-1', [deadline('t1', T0 + 10 * MINUTE)]);
    clock.jump(15 * MINUTE);
    wake();
    expect(browser.shown).toHaveLength(1);
  });

  it('tolerates damaged storage and a browser without notifications', async () => {
    const storage = new MemoryStorage();
    storage.setItem(DELIVERED_STORAGE_KEY, 'not json');
    const browser = fakeBrowser('granted');
    const { notifications, clock } = tab(browser, storage);
    notifications.setDeadlines('inc-1', [deadline('t1', T0 + MINUTE)]);
    clock.advance(MINUTE);
    expect(browser.shown).toHaveLength(1);

    const none = createWebNotifications({ Notification: undefined, storage: null, clock: new FakeClock(), focusWindow: vi.fn(), runIntent: vi.fn(), onWake: () => {} });
    expect(none.permission()).toBe('unsupported');
    await expect(none.enable()).resolves.toBe('unsupported');
  });
});
