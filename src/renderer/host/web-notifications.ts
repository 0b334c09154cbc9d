/**
 * Deadline notifications in a browser: the shared scheduler, delivering
 * through the Web Notifications API, with the delivered keys in
 * localStorage (shared by every tab of this origin, so two open tabs do not
 * both announce a deadline, and a reload does not repeat one).
 *
 * The browser only lets a page ask for permission from a user gesture, so
 * nothing here asks by itself: `enable()` is for a button's click handler.
 */
import type { DeadlineNotice, Intent } from '../../shared/ipc';
import { deliveredKeys, parseDelivered, serializeDelivered } from '../../shared/notifications/delivered';
import { createDeadlineScheduler, type DeliveredKeys, type SchedulerClock } from '../../shared/notifications/scheduler';

export type NotificationsPermission = 'granted' | 'denied' | 'default' | 'unsupported';

/** The localStorage entry holding the delivered keys. */
export const DELIVERED_STORAGE_KEY = 'command-post:notified-deadlines';

/** The part of the browser's Notification this module uses. */
export interface BrowserNotification {
  onclick: ((event: Event) => void) | null;
  close(): void;
}

export interface BrowserNotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options: { body: string; tag: string }): BrowserNotification;
}

export interface WebNotificationsDeps {
  /** window.Notification, or undefined where the browser has none. */
  Notification: BrowserNotificationApi | undefined;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  clock: SchedulerClock;
  /** Brings this tab forward (window.focus()). */
  focusWindow(): void;
  /** Runs the intent a click asks for, as the host's intent listeners do. */
  runIntent(intent: Intent): void;
  /**
   * Calls back when the page may have missed time (it became visible again,
   * the machine woke): background tabs' timers are throttled to about one a
   * minute, and a sleeping machine runs none.
   */
  onWake(listener: () => void): void;
}

export interface WebNotifications {
  setDeadlines(incidentId: string, notices: readonly DeadlineNotice[]): void;
  permission(): NotificationsPermission;
  /** Asks the browser for permission; call it from a click or key handler. */
  enable(): Promise<NotificationsPermission>;
}

export function createWebNotifications(deps: WebNotificationsDeps): WebNotifications {
  const Api = deps.Notification;
  const permission = (): NotificationsPermission => (Api ? Api.permission : 'unsupported');

  const scheduler = createDeadlineScheduler({
    clock: deps.clock,
    delivered: storedKeys(deps.storage, deps.clock.now),
    // A deadline that comes due while permission is not granted is settled
    // unseen: announcing it later, once granted, would be late news.
    deliver: (notice) => {
      if (!Api || Api.permission !== 'granted') return;
      // The tag makes the browser replace rather than stack a repeat from another tab.
      const notification = new Api(notice.title, { body: notice.body, tag: notice.key });
      notification.onclick = () => {
        notification.close();
        deps.focusWindow();
        deps.runIntent({ type: 'show-item', incidentId: notice.target.incidentId, ...(notice.target.item ? { item: notice.target.item } : {}) });
      };
    },
    logError: (message, error) => console.error(`[command-post] ${message}`, error),
  });
  deps.onWake(() => scheduler.check());

  return {
    setDeadlines: (incidentId, notices) => scheduler.setDeadlines(incidentId, notices),
    permission,
    enable: async () => {
      if (!Api) return 'unsupported';
      if (Api.permission !== 'default') return Api.permission;
      return Api.requestPermission();
    },
  };
}

/**
 * Delivered keys in localStorage, read again before each answer so a key
 * another tab delivered counts here too. Private browsing or a full quota
 * can refuse the write: the keys then last as long as the page.
 */
function storedKeys(storage: Pick<Storage, 'getItem' | 'setItem'> | null, now: () => number): DeliveredKeys {
  // The scheduler asks once per deadline on every check: parse only when another tab changed the text.
  let lastText: string | null = null;
  let lastRead = new Map<string, number>();
  const read = (): ReadonlyMap<string, number> => {
    let text: string | null;
    try {
      text = storage?.getItem(DELIVERED_STORAGE_KEY) ?? null;
    } catch {
      return lastRead;
    }
    if (text === lastText) return lastRead;
    lastText = text;
    const parsed = text ? parseDelivered(text) : null;
    lastRead = parsed?.ok ? parsed.entries : new Map();
    return lastRead;
  };
  const write = (entries: ReadonlyMap<string, number>): void => {
    try {
      storage?.setItem(DELIVERED_STORAGE_KEY, serializeDelivered(entries));
    } catch {
      // Kept in memory only; see above.
    }
  };
  let memory = deliveredKeys(read(), now(), write);
  return {
    has: (key) => memory.has(key) || read().has(key),
    add(key, at) {
      // Merge what other tabs wrote since, so this write does not erase it.
      memory = deliveredKeys(new Map([...read(), ...memory.entries()]), now(), write);
      memory.add(key, at);
    },
  };
}
