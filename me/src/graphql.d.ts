// esbuild loads .graphql files as text.
declare module "*.graphql" {
  const text: string;
  export default text;
}

// tools/build-page.ts: a .graphql file's trusted document ids, by operation name.
declare module "*.graphql?id" {
  const ids: Record<string, string>;
  export default ids;
}
