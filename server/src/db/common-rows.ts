/** Row types many statements share. */

/** A statement that reads (or returns) only ids. */
export interface IdRow {
  id: string;
}
