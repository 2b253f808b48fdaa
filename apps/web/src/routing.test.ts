import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cleanAddress } from './boot/address';
import { pageBeforeSignIn, replacesEntry } from './providers/router';

const CASE = '/cases/0b7d5c1e-3f7a-4a63-9a55-7d1f0c2e9b41/show';

describe('the address Lantern keeps when it starts', () => {
  const at = (pathname: string, search = '', hash = '') => cleanAddress({ pathname, search, hash });

  it('keeps a page of the app, so a colleague can open the case it names', () => {
    expect(at('/', '', `#${CASE}/notes`)).toBeNull();
    expect(at('/')).toBeNull();
  });

  it('drops a path and a query string, keeping the page', () => {
    expect(at('/metrics')).toBe('/');
    expect(at('/cases', '?filter=%7B%22q%22%3A%22Maria%22%7D')).toBe('/');
    expect(at('/anything', '?q=x', `#${CASE}`)).toBe(`/#${CASE}`);
  });

  it('drops a search or filter inside the page address', () => {
    expect(at('/', '', '#/survivors?filter=%7B%22alias%22%3A%22Heron%22%7D')).toBe('/#/survivors');
    expect(at('/', '', `#${CASE}#notes`)).toBe(`/#${CASE}`);
  });

  it("drops a fragment that is not a page (a mail link's token, taken before)", () => {
    expect(at('/', '', '#invitation=abc')).toBe('/');
    expect(at('/', '', '#')).toBe('/');
  });
});

describe('which navigations replace their history entry', () => {
  it('a redirect to the sign-in, denied or error page replaces the page that caused it', () => {
    expect(replacesEntry(CASE, '/login')).toBe(true);
    expect(replacesEntry(CASE, { pathname: '/login' })).toBe(true);
    expect(replacesEntry(CASE, '/access-denied')).toBe(true);
    expect(replacesEntry(CASE, '/authentication-error')).toBe(true);
  });

  it('leaving the sign-in page replaces it, so Back after signing in shows no sign-in form', () => {
    expect(replacesEntry('/login', CASE)).toBe(true);
    expect(replacesEntry('/login', '/')).toBe(true);
  });

  it('a page the person opens is a new entry, for Back and Forward', () => {
    expect(replacesEntry('/cases', CASE)).toBe(false);
    expect(replacesEntry(CASE, `${CASE}/notes`)).toBe(false);
    expect(replacesEntry(CASE, { pathname: '/survivors' })).toBe(false);
  });
});

describe('where signing in again leads', () => {
  it('to the page the person was on, as react-admin kept it', () => {
    expect(pageBeforeSignIn({ nextPathname: `${CASE}/history`, nextSearch: '' })).toBe(`${CASE}/history`);
  });

  it('home, without such a page, or for anything that is not a page of the app', () => {
    for (const state of [null, undefined, {}, { nextPathname: '/login' }, { nextPathname: 'https://elsewhere.example/' }, { nextPathname: '//elsewhere.example' }, { nextPathname: 7 }]) {
      expect(pageBeforeSignIn(state)).toBe('/');
    }
  });
});

/**
 * react-admin writes a list's filters, sort and page into the address unless told not to: a typed
 * alias would then sit in the history and the address bar's suggestions. Every list component of the
 * app must say `disableSyncWithLocation`, and no navigation may carry a query string.
 */
describe('no list or navigation puts a search into the address', () => {
  const sources = import.meta.glob(['./**/*.tsx', './**/*.ts', '!./**/*.test.ts', '!./**/*.test.tsx'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;
  const LIST_COMPONENTS = new Set(['List', 'InfiniteList', 'ListBase', 'InfiniteListBase', 'ListGuesser']);
  const LIST_HOOKS = new Set(['useListController', 'useInfiniteListController']);

  interface Finding {
    file: string;
    line: number;
    what: string;
  }

  function inspect(file: string, text: string): { lists: number; findings: Finding[] } {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    // The local names of react-admin's list components and hooks in this file.
    const listNames = new Set<string>();
    const hookNames = new Set<string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      if (!['react-admin', 'ra-core', 'ra-ui-materialui'].includes(statement.moduleSpecifier.text)) continue;
      const named = statement.importClause?.namedBindings;
      if (!named || !ts.isNamedImports(named)) continue;
      for (const element of named.elements) {
        const imported = (element.propertyName ?? element.name).text;
        if (LIST_COMPONENTS.has(imported)) listNames.add(element.name.text);
        if (LIST_HOOKS.has(imported)) hookNames.add(element.name.text);
      }
    }
    const findings: Finding[] = [];
    let lists = 0;
    const report = (node: ts.Node, what: string) =>
      findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
    const carriesQuery = (node: ts.Node): boolean =>
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text.includes('?') : false) ||
      (ts.isTemplateExpression(node) && [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].some((part) => part.includes('?'))) ||
      (ts.isObjectLiteralExpression(node) && node.properties.some((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'search'));

    const visit = (node: ts.Node): void => {
      if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && ts.isIdentifier(node.tagName) && listNames.has(node.tagName.text)) {
        lists += 1;
        const attribute = node.attributes.properties.find(
          (p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && ts.isIdentifier(p.name) && p.name.text === 'disableSyncWithLocation',
        );
        const value = attribute?.initializer;
        const on =
          attribute !== undefined &&
          (value === undefined || (ts.isJsxExpression(value) && value.expression?.kind === ts.SyntaxKind.TrueKeyword));
        if (!on) report(node, `<${node.tagName.text}> without disableSyncWithLocation`);
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const name = node.expression.text;
        if (hookNames.has(name)) {
          lists += 1;
          const options = node.arguments[0];
          const on =
            options !== undefined &&
            ts.isObjectLiteralExpression(options) &&
            options.properties.some(
              (p) =>
                ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'disableSyncWithLocation' && p.initializer.kind === ts.SyntaxKind.TrueKeyword,
            );
          if (!on) report(node, `${name}() without disableSyncWithLocation: true`);
        }
        if ((name === 'navigate' || name === 'redirect') && node.arguments.some(carriesQuery)) report(node, `${name}() with a query string`);
      }
      if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name) && node.name.text === 'to' && node.initializer) {
        const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
        if (value && carriesQuery(value)) report(node, 'a link with a query string');
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return { lists, findings };
  }

  it('finds the sources, and the check catches a list that syncs with the address', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const probe = inspect(
      'probe.tsx',
      "import { List as RaList, useListController } from 'react-admin';\nexport const A = () => <RaList resource=\"survivors\" />;\nexport const B = () => <RaList disableSyncWithLocation={false} />;\nexport function C() { useListController({ resource: 'x' }); navigate(`/survivors?filter=${f}`); return <Link to={{ pathname: '/cases', search: 'q=x' }} />; }\n",
    );
    expect(probe.findings.map((f) => f.what)).toEqual([
      '<RaList> without disableSyncWithLocation',
      '<RaList> without disableSyncWithLocation',
      'useListController() without disableSyncWithLocation: true',
      'navigate() with a query string',
      'a link with a query string',
    ]);
  });

  it('every list keeps its filters, sort and page out of the address, and no navigation carries a query', () => {
    let lists = 0;
    const findings: Finding[] = [];
    for (const [file, text] of Object.entries(sources)) {
      const result = inspect(file, text);
      lists += result.lists;
      findings.push(...result.findings);
    }
    expect(findings).toEqual([]);
    // The case, survivor, referral, partner, user, audit and emergency-access lists at least.
    expect(lists).toBeGreaterThanOrEqual(8);
  });
});
