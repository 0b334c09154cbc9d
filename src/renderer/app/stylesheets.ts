/**
 * Every stylesheet of the app's page, in cascade order, loaded at start-up
 * before anything else: the theme's tokens and the base styles, each
 * feature's sheet, then the small-screen layout, which overrides them all
 * at the same specificity.
 *
 * Features import their own sheets too, but most features load after
 * start-up (app/parts.ts), and a sheet that came with them would be added
 * after the small-screen layout and override it. Listed here, each is in
 * the start-up bundle, in this order, and a feature's import of it adds
 * nothing. A unit test (test/unit/renderer/stylesheets.test.ts) keeps
 * every sheet of src/renderer listed.
 */
import './tokens.css';
import './styles.css';
import '../features/incident-list/note-pad.css';
import '../features/incident-list/list-controls.css';
import '../features/incident-list/collision-mark.css';
import '../features/palette/palette.css';
import '../features/search/search.css';
import '../features/metrics/metrics.css';
import '../components/copy-buttons.css';
import '../components/menu-button.css';
import '../components/keys/key-hints.css';
import '../features/timeline/timeline.css';
import '../features/org-chart/org-chart.css';
import '../features/plan/plan.css';
import '../features/cue-cards/cue-cards.css';
import '../components/collab-text/collab-text.css';
import '../features/status/status.css';
import '../features/postmortem/postmortem.css';
import '../features/status/observer.css';
import '../features/shift-change/shift-change.css';
import '../features/drills/drills.css';
import '../features/forms/forms.css';
import '../features/sync/lan-join.css';
import '../features/sync/lan-share.css';
// Last, so the small-screen layout overrides every feature's stylesheet.
import './small-screens.css';
