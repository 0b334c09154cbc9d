import type { MenuItemConstructorOptions } from 'electron';
import type { Intent } from '../../shared/ipc';
import { INTENT_MENU_ITEMS, SETTINGS_MENU_ITEM, type IntentMenuItem } from './intents';

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  appName: string;
  sendIntent: (intent: Intent) => void;
  /** Reload and developer tools: for development builds only. */
  includeDevTools: boolean;
  /**
   * Check for updates… and Update from file… (src/main/updates). Always
   * shown when given, even with no update source set or in a development
   * build: a greyed-out item cannot say why it is unavailable, and someone
   * looking for updates in an incident should learn at once what to do
   * instead. Each click ends in a dialog that says what happened.
   */
  updates?: { checkForUpdates(): void; updateFromFile(): void };
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu. Besides the standard roles (which give the edit
 * shortcuts their native behaviour, notably copy and paste on macOS), it holds
 * the Incident commands, which do nothing in main but send an intent to the
 * renderer.
 */
export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';

  const intentItem = (item: IntentMenuItem): MenuItemConstructorOptions => ({
    label: item.label,
    accelerator: item.accelerator,
    click: () => options.sendIntent(item.intent),
  });

  const incidentMenu: MenuItemConstructorOptions = {
    label: '&Incident',
    submenu: INTENT_MENU_ITEMS.map(intentItem),
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(options.includeDevTools ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const updateItems: MenuItemConstructorOptions[] = options.updates
    ? [
        { label: 'Check for updates…', click: () => options.updates?.checkForUpdates() },
        { label: 'Update from file…', click: () => options.updates?.updateFromFile() },
      ]
    : [];

  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    role: 'window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  if (isMac) {
    return [
      {
        label: options.appName,
        submenu: [
          { role: 'about' },
          ...updateItems,
          separator,
          intentItem(SETTINGS_MENU_ITEM),
          separator,
          { role: 'services' },
          separator,
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { role: 'quit' },
        ],
      },
      { label: 'File', submenu: [{ role: 'close' }] },
      incidentMenu,
      editMenu,
      viewMenu,
      windowMenu,
    ];
  }
  return [
    { label: '&File', submenu: [intentItem(SETTINGS_MENU_ITEM), separator, ...(updateItems.length ? [...updateItems, separator] : []), { role: 'quit' }] },
    incidentMenu,
    editMenu,
    viewMenu,
    windowMenu,
  ];
}
