/**
 * A value a describe block names before its beforeAll has made it (an app, an organization, a signed-in
 * agent): every use of it reads the value `get` returns at that time. It lets a spec keep its short
 * names (`t`, `org`, `cw`) without a `let` and an assignment for each in every file.
 */
export function later<T extends object>(what: string, get: () => T | undefined): T {
  const value = (): T => {
    const v = get();
    if (v === undefined) throw new Error(`${what} is made in beforeAll: use it inside a test or a hook`);
    return v;
  };
  return new Proxy({} as T, {
    get(_target, key) {
      const v = value();
      const field = Reflect.get(v, key, v) as unknown;
      // Methods run on the value itself (class instances with private state, supertest's agent).
      return typeof field === 'function' ? (field as (...args: unknown[]) => unknown).bind(v) : field;
    },
    set: (_target, key, next) => Reflect.set(value(), key, next),
    has: (_target, key) => Reflect.has(value(), key),
    ownKeys: () => Reflect.ownKeys(value()),
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(value(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(value()),
  });
}
