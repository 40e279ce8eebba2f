// A class, for the lists TypeORM and type-graphql take (entities, migrations, resolvers, orphaned
// types): their own types say `Function`, which would also take any arrow function.
export type Class = abstract new (...args: never[]) => object;
