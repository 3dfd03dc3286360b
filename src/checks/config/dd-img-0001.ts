import type { Severity } from '../../core/severity.js';
import { findingOf, type ConfigCheck } from './model.js';

/** Ports whose service should not be reachable in a container, with why (TCP unless said otherwise). */
const SENSITIVE: ReadonlyMap<number, { service: string; severity: Severity; anyProtocol?: boolean }> = new Map([
  [22, { service: 'SSH: containers are not managed by logging in', severity: 'medium' }],
  [23, { service: 'Telnet: unencrypted remote login', severity: 'high' }],
  [2375, { service: 'Docker daemon API without TLS: full control of the host', severity: 'high' }],
  [2376, { service: 'Docker daemon API: control of the host', severity: 'medium' }],
  [3389, { service: 'RDP: remote desktop', severity: 'medium', anyProtocol: true }],
]);

/** An EXPOSEd port of a remote-login or Docker-daemon service. */
export const ddImg0001: ConfigCheck = {
  id: 'DD-IMG-0001',
  title: 'Do not expose remote-login or Docker daemon ports',
  severity: 'medium',
  run(ctx) {
    return (ctx.config.exposedPorts ?? []).flatMap((p) => {
      const [port, proto = 'tcp'] = p.split('/');
      const hit = SENSITIVE.get(Number(port));
      if (!hit || (proto.toLowerCase() !== 'tcp' && hit.anyProtocol !== true)) return [];
      return [findingOf(ddImg0001, [`EXPOSE ${p} — ${hit.service}`], undefined, hit.severity)];
    });
  },
};
