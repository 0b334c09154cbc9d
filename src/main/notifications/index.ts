/**
 * OS notifications for deadlines, in main so they come while the window is
 * minimized, hidden behind other windows or (on macOS) closed. The renderer
 * decides which deadlines matter to this responder and sends them per
 * incident ('notifications:set-deadlines'); the shared scheduler decides
 * when; this module shows them with Electron's Notification and, on a click,
 * brings the window up on that incident.
 *
 * Electron's APIs are injected (only src/main/index.ts imports electron).
 */
import type { DeadlineNotice, Intent } from '../../shared/ipc';
import { createDeadlineScheduler, type DeadlineScheduler, type DeliveredKeys, type SchedulerClock } from '../../shared/notifications/scheduler';

/** The part of Electron's Notification this module uses. */
export interface OsNotification {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface OsNotificationConstructor {
  new (options: { title: string; body: string }): OsNotification;
  isSupported(): boolean;
}

export type ShowItemIntent = Extract<Intent, { type: 'show-item' }>;

export interface NotificationsDeps {
  Notification: OsNotificationConstructor;
  /** Electron's powerMonitor: after a sleep, what came due meanwhile is delivered at once. */
  powerMonitor: { on(event: 'resume' | 'unlock-screen', listener: () => void): unknown };
  delivered: DeliveredKeys;
  clock: SchedulerClock;
  /** Shows, restores and focuses the main window on the incident (see createItemShower). */
  showItem(intent: ShowItemIntent): void;
  logError(message: string, error?: unknown): void;
}

export interface NotificationsHandle {
  setDeadlines(incidentId: string, notices: readonly DeadlineNotice[]): void;
  readonly scheduler: DeadlineScheduler;
}

/**
 * Electron drops a notification's click handler once the object is garbage
 * collected, so the shown ones are kept referenced until clicked or closed;
 * beyond this many, the oldest are let go (the OS keeps its own list).
 */
const MAX_KEPT_NOTIFICATIONS = 100;

export function installNotifications(deps: NotificationsDeps): NotificationsHandle {
  const shown = new Set<OsNotification>();
  const supported = deps.Notification.isSupported();
  if (!supported) deps.logError('notifications: this system does not support notifications; deadlines will not be announced.');

  const deliver = (notice: DeadlineNotice): void => {
    if (!supported) return;
    const notification = new deps.Notification({ title: notice.title, body: notice.body });
    const forget = (): void => void shown.delete(notification);
    notification.on('click', () => {
      forget();
      deps.showItem({ type: 'show-item', incidentId: notice.target.incidentId, ...(notice.target.item ? { item: notice.target.item } : {}) });
    });
    notification.on('close', forget);
    shown.add(notification);
    if (shown.size > MAX_KEPT_NOTIFICATIONS) shown.delete(shown.values().next().value as OsNotification);
    notification.show();
  };

  const scheduler = createDeadlineScheduler({ clock: deps.clock, delivered: deps.delivered, deliver, logError: deps.logError });
  // A sleep stops the timers; waking (or unlocking, which some systems report instead) checks at once.
  deps.powerMonitor.on('resume', () => scheduler.check());
  deps.powerMonitor.on('unlock-screen', () => scheduler.check());

  return { setDeadlines: (incidentId, notices) => scheduler.setDeadlines(incidentId, notices), scheduler };
}

/** The main window as a click on a notification needs it. */
export interface ItemWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

export interface ItemShowerDeps {
  getWindow(): ItemWindow | null | undefined;
  /**
   * Opens the main window straight on a route (a hash the renderer reads at
   * start-up, src/renderer/stores/ui.ts): a window that is only now created
   * has no page listening for intents yet.
   */
  openWindowAt(hash: string): void;
  /** Sends an intent to the window's page (INTENT_CHANNEL, validated). */
  sendIntent(window: ItemWindow, intent: Intent): void;
}

/** Brings the window up (shown, restored, focused) and on the notification's incident. */
export function createItemShower(deps: ItemShowerDeps): (intent: ShowItemIntent) => void {
  return (intent) => {
    const window = deps.getWindow();
    if (!window || window.isDestroyed()) {
      deps.openWindowAt(`#/incident/${intent.incidentId}`);
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    deps.sendIntent(window, intent);
  };
}
