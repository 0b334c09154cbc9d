import { openDatabase } from './db';

/**
 * The app's one database. Alone in this module, so the incident list and
 * who is at the keyboard can read it without loading the incident session
 * machinery (Yjs, sync, trust): that comes with the first incident opened
 * (./registry.ts).
 */
export const db = openDatabase();
