import { openDatabase } from './db';
import { IncidentSessions } from './sessions';

/** The app's one database and session registry. */
export const db = openDatabase();
export const sessions = new IncidentSessions(db);
