import { Type, type TSchema } from '@sinclair/typebox';

/** A value that may be null in the API. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** limit/offset of every list endpoint. */
export const PagingQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Rows per page (1–500).' }),
  offset: Type.Integer({ minimum: 0, default: 0, description: 'Rows to skip.' }),
};

/** The shape of every list answer. */
export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** application/problem+json (RFC 9457) with field errors. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    code: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'An error, in the language of the request.' },
);
