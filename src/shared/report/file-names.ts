/**
 * File names for the postmortem's exports, safe on every desktop OS: the
 * incident file's rules (incidentFileName: the name cleaned, then the local
 * date and time, so exports never overwrite each other), with what the file
 * holds and its own extension.
 */
import { INCIDENT_FILE_EXTENSION, incidentFileName } from '../incident/exchange';

export function reportFileName(incidentName: string, what: string, extension: string, exportedAt: number): string {
  const base = incidentFileName(incidentName, exportedAt).slice(0, -INCIDENT_FILE_EXTENSION.length);
  return `${base}_${what}.${extension}`;
}
