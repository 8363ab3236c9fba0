import type { FileOwner } from '../../services/files/index.js';

/** The owner kind under which a session's materials are held in the files service. */
export const materialOwnerKind = 'training.session';

/** The files service's owner of a session's materials. */
export function materialOwner(sessionId: number): FileOwner {
  return { kind: materialOwnerKind, id: String(sessionId), role: 'material' };
}
