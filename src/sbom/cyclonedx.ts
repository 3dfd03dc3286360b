import { randomUUID } from 'node:crypto';
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { AppError } from '../core/errors.js';
import type { Inventory, OsInfo } from '../core/inventory.js';
import type { Package } from '../core/package.js';
import { cycloneDxLicenses } from './cyclonedx-licenses.js';
import { comparePackages } from './order.js';
import { packageProperties, type Property } from './properties.js';
import { imageSubject, osProperties } from './subject.js';
import { parseTimestamp } from './timestamps.js';

export interface CycloneDxOptions {
  /** `urn:uuid:<uuid>`; a random one when absent. */
  serialNumber?: string;
  /** ISO timestamp for metadata.timestamp; the inventory's createdAt when absent. */
  timestamp?: string;
}

const SERIAL_RE = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** bom-refs of the image and OS components; package components use the package id. */
export const IMAGE_BOM_REF = 'drydock:image';
export const OS_BOM_REF = 'drydock:os';

function addProperties(target: { properties: Models.PropertyRepository }, props: readonly Property[]): void {
  for (const [name, value] of props) target.properties.add(new Models.Property(name, value));
}

function imageComponent(inv: Inventory): Models.Component {
  const subject = imageSubject(inv);
  const c = new Models.Component(Enums.ComponentType.Container, subject.name, { bomRef: IMAGE_BOM_REF });
  if (subject.version !== undefined) c.version = subject.version;
  if (subject.purl !== undefined) c.purl = subject.purl;
  addProperties(c, subject.properties);
  return c;
}

function osComponent(os: OsInfo): Models.Component {
  const c = new Models.Component(Enums.ComponentType.OperatingSystem, os.id, { bomRef: OS_BOM_REF, version: os.version });
  if (os.prettyName !== undefined) c.description = os.prettyName;
  addProperties(c, osProperties(os));
  return c;
}

function packageComponent(pkg: Package): Models.Component {
  const c = new Models.Component(Enums.ComponentType.Library, pkg.name, {
    bomRef: pkg.id,
    version: pkg.version,
    purl: pkg.purl,
  });
  for (const l of cycloneDxLicenses(pkg.licenses)) c.licenses.add(l);
  const cpe = pkg.cpes?.[0];
  if (cpe !== undefined) c.cpe = cpe;
  addProperties(c, packageProperties(pkg));
  return c;
}

function checkOptions(opts: CycloneDxOptions): void {
  if (opts.serialNumber !== undefined && !SERIAL_RE.test(opts.serialNumber)) {
    throw new AppError('USAGE', `CycloneDX serial number "${opts.serialNumber}" must look like urn:uuid:<lowercase uuid>`);
  }
}

/**
 * The inventory as a CycloneDX 1.6 JSON document. Output is deterministic for the same inventory
 * and options: components come in `comparePackages` order, properties in a fixed order.
 */
export function toCycloneDx(inv: Inventory, opts: CycloneDxOptions = {}): string {
  checkOptions(opts);
  const timestamp = opts.timestamp !== undefined
    ? parseTimestamp(opts.timestamp, 'CycloneDX timestamp')
    : parseTimestamp(inv.createdAt, 'inventory createdAt', 'INPUT');
  const bom = new Models.Bom({ serialNumber: opts.serialNumber ?? `urn:uuid:${randomUUID()}` });
  bom.metadata.timestamp = timestamp;
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, inv.tool.name, { version: inv.tool.version }),
  );
  const image = imageComponent(inv);
  bom.metadata.component = image;
  if (inv.os) {
    const os = osComponent(inv.os);
    bom.components.add(os);
    image.dependencies.add(os.bomRef);
  }
  const byId = new Map<string, Models.Component>();
  const packages = [...inv.packages].sort(comparePackages);
  for (const pkg of packages) {
    if (byId.has(pkg.id)) throw new AppError('INPUT', `inventory lists package id "${pkg.id}" twice`);
    const c = packageComponent(pkg);
    byId.set(pkg.id, c);
    bom.components.add(c);
    image.dependencies.add(c.bomRef);
  }
  for (const pkg of packages) {
    const from = byId.get(pkg.id);
    for (const dep of [...new Set(pkg.dependsOn ?? [])].sort()) {
      const to = byId.get(dep);
      if (from && to && to !== from) from.dependencies.add(to.bomRef);
    }
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: false, space: 2 })}\n`;
}
