// A TCP proxy in front of the test MariaDB, so a test can cut the database off for real and bring it back.
import net from 'node:net';

export class TcpProxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  private trigger: { pattern: string; cut: () => void } | null = null;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = this.port): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      let tail = '';
      client.on('data', (chunk: Buffer) => {
        if (!this.trigger) return;
        // The end of the previous chunk too, so a statement split across two chunks is still seen.
        const text = tail + chunk.toString('latin1');
        tail = text.slice(-this.trigger.pattern.length);
        if (text.includes(this.trigger.pattern)) {
          // Cut before this chunk goes on: the database never receives the statement.
          client.pause();
          this.trigger.cut();
        }
      });
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /**
   * Goes down (as stop()) the moment the app sends a statement containing `pattern`, before the database receives
   * it: a fault at a chosen point of a transaction, not at a moment guessed with a timer.
   */
  cutWhen(pattern: string): Promise<void> {
    return new Promise((resolve) => {
      this.trigger = {
        pattern,
        cut: () => {
          this.trigger = null;
          void this.stop().then(resolve);
        },
      };
    });
  }

  /** Refuses new connections and cuts the open ones, like a database host going down. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
