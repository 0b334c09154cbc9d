import * as Y from 'yjs';

/** One Y.Doc per incident; its guid is the incident id. */
export function createIncidentDoc(incidentId: string): Y.Doc {
  return new Y.Doc({ guid: incidentId, gc: true });
}
