/** The shape of a message catalogue (i18next resources): namespaces of nested string tables. */

/** A table of messages: keys to ICU-free i18next strings (`{{name}}` placeholders, `_one`/`_other` plural keys). */
export interface Messages {
  readonly [key: string]: string | Messages;
}

/** One locale's catalogue: one {@link Messages} table per namespace (an area of the product). */
export type Catalogue = Readonly<Record<string, Messages>>;
