import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Files kept free for the store, static files and upstream requests, beside client connections. */
const RESERVED_FILES = 64;

/** When a tracked connection last did something: connected, or began a request. */
const lastActive = Symbol('share-bar-server.lastActive');

type Tracked = Socket & { [lastActive]?: number };

/** The soft limit on open files of this process (Linux), or `undefined` where it cannot be read. */
export function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line?.[1] === undefined || line[1] === 'unlimited' ? undefined : Number(line[1]);
  } catch {
    return undefined;
  }
}

/** How many client connections a process with `fileLimit` open files may hold. */
export function connectionCap(fileLimit: number | undefined): number {
  if (fileLimit === undefined) return Infinity;
  return Math.max(16, fileLimit > 2 * RESERVED_FILES ? fileLimit - RESERVED_FILES : Math.floor(fileLimit / 2));
}

/**
 * Holds a server's connections below `max`, so the process never runs out of files (an `accept`
 * that fails resets every client, and the store could not open its files either). Past `max`, the
 * connection that did nothing for longest goes, not the new one: slow clients holding connections
 * open lose them to clients that send a request at once.
 */
export class ConnectionCap {
  readonly #max: number;
  /** Open connections, longest-known first. */
  readonly #open = new Set<Tracked>();

  /** @param max the most connections held at once. */
  constructor(server: Server, max: number) {
    this.#max = max;
    server.on('connection', (socket: Tracked) => this.#connected(socket));
  }

  /** A request began on `socket`: it is in use, the last to be closed for room. */
  active(socket: Socket): void {
    (socket as Tracked)[lastActive] = Date.now();
  }

  #connected(socket: Tracked): void {
    socket[lastActive] = Date.now();
    this.#open.add(socket);
    socket.once('close', () => this.#open.delete(socket));
    if (this.#open.size <= this.#max) return;
    let idlest: Tracked | undefined;
    for (const open of this.#open) {
      if (idlest === undefined || open[lastActive]! < idlest[lastActive]!) idlest = open;
    }
    idlest?.destroy();
  }
}
