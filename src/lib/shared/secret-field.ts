// Which form fields are secret: never echoed back into a page, whatever went wrong. A field is secret when its
// name says password (so a new "confirmPassword" is covered without anyone remembering), or when its schema was
// made secret — which the password schemas do themselves, and which a field such as a recovery code can ask for.
const secretSchemas = new WeakSet<object>();

/** Marks `schema` as one whose field is never echoed. Returns the same schema, so it wraps a definition. */
export function secret<Schema extends object>(schema: Schema): Schema {
  secretSchemas.add(schema);
  return schema;
}

/** True for a field that must never be sent back to the browser. */
export function isSecretField(name: string, schema: unknown): boolean {
  return /password/i.test(name) || (typeof schema === "object" && schema !== null && secretSchemas.has(schema));
}
