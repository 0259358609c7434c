/**
 * Removes secrets from text that may reach a log, an error message or the UI.
 * Invariant: a password in a connection URL (`scheme://user:password@host`) or a libpq keyword string
 * (`password=…`) never survives; everything else is kept so the message stays useful (host, port, db).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@')
    .replace(/\b(password|passwd|pwd)\s*=\s*('[^']*'|"[^"]*"|[^\s&;]+)/gi, '$1=***');
}
