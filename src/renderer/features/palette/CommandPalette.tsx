import { Command } from 'cmdk';
import { useMemo } from 'react';
import { keyPlatformOf } from '../../../shared/hotkeys/accelerator';
import { anywhereActions, incidentActions, type KeyDoes } from '../../app/keymap';
import { scriptedDrillOpen } from '../../stores/drill';
import { openAttribution, runIntent, toggleCuePanel } from '../../app/intents';
import { showTabFromKeyboard } from '../incident/panel-focus';
import { activeKeyTables } from '../../components/keys/active-tables';
import { Modal } from '../../components/Modal';
import { exportOpenIncident, pickAndImportIncidentFiles } from '../../incidents/incident-files';
import { useHotkeys } from '../../stores/hotkeys';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { useIdentity } from '../../incidents/identity-store';
import { samePerson } from '../../../shared/views/shift-change';
import { mayWrite, useTrust } from '../../stores/trust';
import { useStatusUi } from '../../stores/status-ui';
import { exportProblem, saveExport, TOOL_EXPORTS } from '../postmortem/export-files';
import { grouped, paletteCommands, type PaletteCommand } from './palette-commands';
import './palette.css';

/**
 * The command palette (Ctrl+K, Cmd+K): every action of the shown view and
 * the app's own, found by typing part of its name, each with the key that
 * does the same. Built on cmdk, which gives the input the combobox role
 * and the rows listbox and option roles, with the active row announced
 * (aria-activedescendant); the native <dialog> around it (Modal) traps
 * focus and gives it back to whatever had it when the palette closes.
 */
export function CommandPalette() {
  const close = () => useUi.getState().openDialog(null);
  const platform = useHotkeys((s) => s.status?.platform) ?? keyPlatformOf(navigator.platform);
  // Read once, when the palette opens: the view behind it does not change while it is open.
  const groups = useMemo(() => grouped(paletteCommands(sourcesNow(platform))), [platform]);
  function choose(command: PaletteCommand) {
    close();
    // After the palette has gone and focus is back where it was: a dialog the action opens
    // then returns focus there too, and a tab's keys see no dialog open.
    setTimeout(command.run, 0);
  }
  return (
    <Modal title="Find an action" onClose={close}>
      <Command label="Actions" className="palette" loop>
        <Command.Input className="palette-input" placeholder="Type what to do: search, check in, hand over, declare…" data-autofocus />
        <Command.List className="palette-list" aria-label="Actions">
          <Command.Empty className="palette-empty">No action by that name here. Press Escape to go back.</Command.Empty>
          {groups.map((group) => (
            <Command.Group key={group.title} heading={group.title}>
              {group.commands.map((command) => (
                <Command.Item key={command.id} value={command.id} keywords={command.keys ? [command.keys] : []} onSelect={() => choose(command)}>
                  <span className="palette-label">{command.label}</span>
                  {command.keys && <kbd>{command.keys}</kbd>}
                </Command.Item>
              ))}
            </Command.Group>
          ))}
        </Command.List>
      </Command>
    </Modal>
  );
}

/** The palette's sources as the app is now: the tab keys listening, the open incident and its state. */
function sourcesNow(platform: ReturnType<typeof keyPlatformOf>) {
  const ui = useUi.getState();
  const { snapshot, status } = useIncidents.getState();
  const inIncident = ui.route.view === 'incident' && status === 'ready' && !!snapshot?.header;
  const running = inIncident && snapshot?.header?.state === 'active' && snapshot.compatibility !== 'newer' && mayWrite(useTrust.getState().access);
  const buttons = inIncident
    ? [
        { what: 'share this incident with other responders', run: () => useUi.getState().openDialog('share') },
        { what: 'export the incident file', run: () => void exportOpenIncident() },
        { what: 'print the ICS forms (201, 202, 203, 205, 207, 213, 214) or save them as PDF', run: () => useUi.getState().navigate({ view: 'forms', id: snapshot!.incidentId, form: 'all', paper: 'letter' }) },
        ...toolExports(),
        ...(running && useTrust.getState().access === 'responder'
          ? [{ what: 'export the incident file for another responder (it lets them write)', run: () => void exportOpenIncident(true) }]
          : []),
        ...(running ? [{ what: 'rename the incident', run: () => useUi.getState().openDialog('rename') }] : []),
        ...(running ? [{ what: 'declare the end of the incident', run: () => useUi.getState().openDialog('end') }] : []),
        ...shiftChange(),
      ]
    : [
        { what: 'join a shared incident', run: () => useUi.getState().openDialog('join') },
        { what: 'show the metrics across incidents', run: () => useUi.getState().navigate({ view: 'metrics' }) },
        { what: 'import an incident file', run: pickAndImportIncidentFiles },
        ...shiftChange(),
      ];
  // The exercise control is a tab of a scripted drill only.
  const incident = inIncident ? incidentActions(platform).filter((a) => scriptedDrillOpen() || !(a.does && 'tab' in a.does && a.does.tab === 'drill')) : null;
  return { tables: activeKeyTables(), incident, anywhere: anywhereActions(platform), buttons, perform };
}

/**
 * Shift change, anywhere (on the incident list, H does it too): handing
 * over every incident I command, and taking command of those handed to me when any are.
 */
function shiftChange(): { what: string; run: () => void }[] {
  const me = useIdentity.getState().name;
  const catalog = useIncidents.getState().catalog ?? [];
  const offered = me.trim() && catalog.some((e) => e.state === 'active' && e.icHandoverTo && samePerson(e.icHandoverTo, me));
  return [
    { what: 'hand over my incidents to the incoming IC (shift change)', run: () => useUi.getState().openDialog('shift-change') },
    ...(offered ? [{ what: 'read the handovers offered to me and take command', run: () => useUi.getState().openDialog('shift-acknowledge') }] : []),
  ];
}

/**
 * The files for other tools that can be made now, each saved at once; the
 * public status opens its dialog on the Status tab, which asks for the
 * affected components first.
 */
function toolExports(): { what: string; run: () => void }[] {
  const snapshot = useIncidents.getState().snapshot;
  if (!snapshot) return [];
  return TOOL_EXPORTS.filter((f) => !exportProblem(f.format, snapshot)).map((f) => ({
    what: `export ${f.label.charAt(0).toLowerCase()}${f.label.slice(1)}`,
    run:
      f.format === 'statuspage'
        ? () => {
            showTabFromKeyboard('status');
            useStatusUi.getState().open('statuspage');
          }
        : () => void saveExport(f.format, snapshot),
  }));
}

/** What an app key does, done: the same calls its listener makes (useAppKeys). */
function perform(does: KeyDoes): void {
  if ('intent' in does) runIntent(does.intent);
  else if ('tab' in does) showTabFromKeyboard(does.tab);
  else if ('cuePanel' in does) toggleCuePanel();
  else if ('attribution' in does) openAttribution();
  else useUi.getState().openDialog('keys');
}
