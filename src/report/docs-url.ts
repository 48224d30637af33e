/**
 * Where a copy of docs/ is published: the variable a site sets to its own copy's address (ending in docs/). The
 * project has no public address to point at, so without it no report names a URL; `vos-audit explain` is the
 * documentation that always goes with the tool.
 */
export const docsUrlVariable = 'VOS_AUDIT_DOCS_URL';

/** The base as the environment gives it, with one trailing slash; undefined when it is unset or empty. */
export function docsBaseOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const base = env[docsUrlVariable]?.trim();
  return base ? base.replace(/\/*$/, '/') : undefined;
}

/** A page of docs/ (`rules/<id>.md`, `verify.md#<id>`) under the base, as a field to spread: none without a base. */
export function docsUrl(base: string | undefined, page: string): { url?: string } {
  return base === undefined ? {} : { url: `${base}${page}` };
}

export const rulePage = (id: string) => `rules/${id}.md`;
export const verifyCheckPage = (id: string) => `verify.md#${id}`;
