import { Foundation1763800000000 } from './1763800000000-foundation.migration';

/** Every committed migration, in order. Schema changes happen only here. */
export const MIGRATIONS = [Foundation1763800000000];
