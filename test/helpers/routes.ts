// The app's own list of routes, read from the Express 5 router stack, and a way to see which query
// parameters and body fields a route actually reads (its zod schemas read exactly their shape's keys).
import type { App } from '../../server/app.js';

export interface RouteInfo {
  method: string;
  /** As registered, with its :params, mount paths joined: "/api/v1/courses/:id". */
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
}

/** Every method and path registered on the app built by createApp, nested routers included. */
export function registeredRoutes(app: App): RouteInfo[] {
  const found: RouteInfo[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const method of Object.keys(layer.route.methods)) {
            if (method !== '_all') found.push({ method: method.toUpperCase(), path: `${prefix}${path}` });
          }
        }
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

export interface InputReads {
  query: Set<string>;
  body: Set<string>;
}

/**
 * Wraps req.query and req.body of this app's requests in proxies that note each key read, while `during`
 * runs. Requests must run one at a time while recording.
 */
export function recordInputReads(app: App): { during(work: () => Promise<unknown>): Promise<InputReads> } {
  let current: InputReads | null = null;
  const proto = app.request as object;
  const parseQuery = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(proto), 'query')!.get!;
  const watched = (value: unknown, into: (reads: InputReads) => Set<string>) => {
    if (!current || value === null || typeof value !== 'object') return value;
    const reads = current;
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === 'string') into(reads).add(key);
        return Reflect.get(target, key, receiver);
      },
    });
  };
  const bodies = new WeakMap<object, unknown>();
  Object.defineProperty(proto, 'query', {
    configurable: true,
    get(this: object) {
      return watched(parseQuery.call(this), (r) => r.query);
    },
  });
  Object.defineProperty(proto, 'body', {
    configurable: true,
    get(this: object) {
      return watched(bodies.get(this), (r) => r.body);
    },
    set(this: object, value: unknown) {
      bodies.set(this, value);
    },
  });
  return {
    async during(work) {
      current = { query: new Set(), body: new Set() };
      const reads = current;
      try {
        await work();
      } finally {
        current = null;
      }
      return reads;
    },
  };
}
