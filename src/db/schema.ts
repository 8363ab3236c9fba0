/**
 * The database's tables, as one Kysely type. It starts empty here: each module's `tables.ts`
 * adds its own tables by declaration merging, so `db/` knows no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
