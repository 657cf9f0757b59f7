/*
 * Copyright 2026 The Software Distribution Hub Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import { TlsMaterial } from '../tls/certificates';

/** The first byte a TLS client sends: the record type of its handshake. */
const TLS_HANDSHAKE = 0x16;

/**
 * A port that answers HTTPS and plain HTTP alike, told apart by the first
 * byte a client sends, and forwards both to a simulated cluster serving
 * plain HTTP on a loopback port (TLS ends here). kubectl sends its bearer
 * token only over HTTPS, while clients configured with `http://` URLs (the
 * demo's portal, its browser tests, curl) keep reaching the same cluster.
 */
export class BothProtocolsPort {
  static async listen(options: {
    host: string;
    port: number;
    /** The cluster's plain HTTP address. */
    target: { host: string; port: number };
    tls: TlsMaterial;
  }): Promise<BothProtocolsPort> {
    const front = new BothProtocolsPort(options.target, options.tls);
    await new Promise<void>((resolve, reject) => {
      front.server.once('error', reject);
      front.server.listen(options.port, options.host, () => {
        front.server.off('error', reject);
        resolve();
      });
    });
    return front;
  }

  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly target: { host: string; port: number },
    tls: TlsMaterial,
  ) {
    const secureContext = createSecureContext({ key: tls.key, cert: tls.cert });
    this.server = createServer(client => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => client.destroy());
      client.once('data', first => {
        client.pause();
        client.unshift(first);
        // A TLS socket built on a socket with buffered data reads that data first.
        const stream =
          first[0] === TLS_HANDSHAKE
            ? new TLSSocket(client, {
                isServer: true,
                secureContext,
                ALPNProtocols: ['http/1.1'],
              })
            : client;
        this.forward(client, stream);
      });
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? 0;
  }

  private forward(client: Socket, stream: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(upstream);
    const end = () => {
      stream.destroy();
      client.destroy();
      upstream.destroy();
    };
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      end();
    });
    upstream.on('error', end);
    stream.on('error', end);
    stream.on('close', end);
    stream.pipe(upstream);
    upstream.pipe(stream);
  }

  async close(): Promise<void> {
    await new Promise<void>(resolve => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}
