// Module resolution hook for the CLI tests: `oracledb` resolves to the SQLite-backed fake,
// through the rest of the chain so that tsx (registered before) loads it as TypeScript.
const FAKE = new URL('./oracledb-on-sqlite.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  return next(specifier === 'oracledb' ? FAKE : specifier, context);
}
