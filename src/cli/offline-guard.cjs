/**
 * Preloaded (`node --require`) into a command that must work without a network: every connection
 * to a host other than this machine is refused and written, one JSON line each, to the file named
 * by OFFLINE_GUARD_LOG, so that the caller can tell that the command tried to reach out.
 */
'use strict';
const net = require('node:net');
const { appendFileSync } = require('node:fs');

const log = process.env.OFFLINE_GUARD_LOG;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;

function destination(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') return first.path ? null : { host: first.host || 'localhost', port: first.port };
  if (typeof first === 'string' && !/^\d+$/.test(first)) return null; // a Unix socket path
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const target = destination(args);
  if (target && !LOOPBACK.test(String(target.host).replace(/^\[|\]$/g, ''))) {
    if (log) appendFileSync(log, `${JSON.stringify({ pid: process.pid, command: process.argv.slice(1, 3).join(' '), host: target.host, port: target.port })}\n`);
    process.nextTick(() => this.destroy(new Error(`offline: connection to ${target.host}:${target.port} refused`)));
    return this;
  }
  return connect.apply(this, args);
};
