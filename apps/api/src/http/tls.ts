// HTTPS for the API: TLS 1.2 at least, HSTS on every answer, and the
// certificate reloaded on SIGHUP without closing the listener.
import type { Server } from 'node:https';
import type { SecureContextOptions } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { loadTlsMaterial, type TlsFiles, type TlsMaterial } from '#config';

/** Browsers that saw this over HTTPS refuse plain HTTP to the host for a year. */
export const HSTS = 'max-age=31536000; includeSubDomains';

export function secureContextOptions(material: TlsMaterial): SecureContextOptions {
  return { cert: material.cert, key: material.key, minVersion: 'TLSv1.2' };
}

/**
 * Registered on the root instance before any route, so it covers every
 * route and scope (the console, the docs, errors and 404s included).
 */
export function sendHsts(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    reply.header('strict-transport-security', HSTS);
    return payload;
  });
}

export interface TlsReloadLog {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Reads the files again and swaps the server's secure context: connections
 * already open keep the old certificate, new ones get the new one. A file
 * that fails the start-up checks leaves the old context in place.
 */
export function reloadTls(server: Server, files: TlsFiles, log: TlsReloadLog): boolean {
  try {
    server.setSecureContext(secureContextOptions(loadTlsMaterial(files)));
    log.log('TLS certificate and key reloaded');
    return true;
  } catch (error) {
    log.error(`TLS reload failed, keeping the current certificate: ${(error as Error).message}`);
    return false;
  }
}

/** SIGHUP reloads the certificate and key; returns the function that stops listening for it. */
export function reloadTlsOnSighup(server: Server, files: TlsFiles, log: TlsReloadLog): () => void {
  const onHangup = () => void reloadTls(server, files, log);
  process.on('SIGHUP', onHangup);
  return () => process.off('SIGHUP', onHangup);
}
