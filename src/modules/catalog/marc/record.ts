// What a MARC field is: a control field or a data field. The types live in types.ts.
import type { MarcControlField, MarcField } from './types.js';

/** A control field (tags 001–009) has a value; a data field has indicators and subfields. */
export function isControlField(field: MarcField): field is MarcControlField {
  return 'value' in field;
}
