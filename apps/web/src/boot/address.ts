/**
 * The address Lantern keeps when it starts (issue 13). Pages are routes in the fragment,
 * `/#/cases/<id>/show/notes`: a colleague can open the same case from it, and the fragment never
 * reaches the server, a proxy or an access log. Everything else is dropped: a path or a query string
 * (Lantern has none; whatever was typed there goes), a query string inside the route (the app never
 * puts a search or a filter in the address), and any fragment that is not a route (a mail link's
 * token, taken by login/link-token.ts before this runs).
 *
 * Returns the address to put in place of the current one with `history.replaceState`, or null when it
 * is already clean.
 */
export function cleanAddress(location: { pathname: string; search: string; hash: string }): string | null {
  const route = location.hash.startsWith('#/') ? location.hash.split(/[?#]/, 2)[1]! : '';
  const clean = route && route !== '/' ? `/#${route}` : '/';
  const current = `${location.pathname}${location.search}${location.hash}`;
  return current === clean ? null : clean;
}
