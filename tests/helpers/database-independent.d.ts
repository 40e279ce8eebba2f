/** Test files that never open a database (database-independent.js). */
export declare const DATABASE_INDEPENDENT: readonly string[];
