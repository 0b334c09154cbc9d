/**
 * What an incident file is called and how large it may be (the format
 * itself is in ./exchange.ts): apart, so the incident list's import button
 * and drop zone know what to accept without loading the importer.
 */
export const INCIDENT_FILE_FORMAT = 'command-post-incident';
export const INCIDENT_FILE_VERSION = 1;
export const INCIDENT_FILE_EXTENSION = '.cpinc';
export const INCIDENT_FILE_MIME = 'application/json';
/** What a file picker offers: our extension, and JSON for files renamed by a mail client. */
export const INCIDENT_FILE_ACCEPT = `${INCIDENT_FILE_EXTENSION},application/json,.json`;
/**
 * The largest incident file read or written: 64 MiB, some fifty times a
 * 20,000-event incident. Checked on the file's size before it is read, and
 * on the text's length before it is parsed.
 */
export const MAX_INCIDENT_FILE_BYTES = 64 * 1024 * 1024;
