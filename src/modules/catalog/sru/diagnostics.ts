// SRU diagnostics (info:srw/diagnostic/1/N): the ones this server gives, with the standard's
// message text. Diagnostics are for machines and librarians' tools, so they stay in English.

export const diagnosticMessages = {
  1: 'General system error',
  2: 'System temporarily unavailable',
  4: 'Unsupported operation',
  5: 'Unsupported version',
  6: 'Unsupported parameter value',
  7: 'Mandatory parameter not supplied',
  8: 'Unsupported parameter',
  10: 'Query syntax error',
  12: 'Too many characters in query',
  15: 'Unsupported context set',
  16: 'Unsupported index',
  19: 'Unsupported relation',
  20: 'Unsupported relation modifier',
  21: 'Unsupported combination of relation modifers',
  27: 'Empty term unsupported',
  28: 'Masking character not supported',
  31: 'Anchoring character not supported',
  33: 'Combination of proximity/adjacency and masking characters not supported',
  36: 'Term in invalid format for index or relation',
  37: 'Unsupported boolean operator',
  38: 'Too many boolean operators in query',
  46: 'Unsupported boolean modifier',
  61: 'First record position out of range',
  65: 'Record does not exist',
  66: 'Unknown schema for retrieval',
  67: 'Record not available in this schema',
  71: 'Unsupported record packing',
  82: 'Unsupported sort sequence',
  84: 'Too many sort keys to sort',
  88: 'Unsupported path for sort',
  90: 'Unsupported direction',
  120: 'Response position out of range',
} as const;

export type DiagnosticCode = keyof typeof diagnosticMessages;

export interface SruDiagnostic {
  code: DiagnosticCode;
  /** What exactly: the parameter, index, relation or position (the standard's "details"). */
  details?: string;
  message: string;
}

export const diagnosticUri = (code: number) => `info:srw/diagnostic/1/${code}`;

/** A request the server cannot answer as asked; the response carries the diagnostic. */
export class SruError extends Error {
  readonly diagnostic: SruDiagnostic;

  constructor(code: DiagnosticCode, details?: string) {
    super(`${diagnosticMessages[code]}${details === undefined ? '' : `: ${details}`}`);
    this.name = 'SruError';
    this.diagnostic = { code, details, message: diagnosticMessages[code] };
  }
}
