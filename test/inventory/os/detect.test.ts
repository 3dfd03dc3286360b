import { describe, expect, it } from 'vitest';
import type { OsInfo } from '../../../src/core/inventory.js';
import { parseOsRelease } from '../../../src/inventory/parsers/os-release.js';
import { detectOs, type DistroFacts } from '../../../src/inventory/os/detect.js';

/**
 * os-release files as the distributions' container images ship them (abridged to the fields
 * that matter; values verbatim), with the release files that sit next to them.
 */
interface Case {
  name: string;
  osRelease?: string;
  lsbRelease?: string;
  files?: Record<string, string>;
  /** Release files read through a symlink: requested path → file actually read. */
  sources?: Record<string, string>;
  distroless?: boolean;
  want: Omit<OsInfo, 'evidence' | 'eol'> & { evidence?: string[] };
}

const CASES: Case[] = [
  {
    name: 'Debian 11 with /etc/debian_version',
    osRelease: 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nVERSION="11 (bullseye)"\nVERSION_CODENAME=bullseye\nID=debian\n',
    files: { 'etc/debian_version': '11.9\n' },
    want: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '11', detailedVersion: '11.9', codename: 'bullseye', prettyName: 'Debian GNU/Linux 11 (bullseye)', evidence: ['/etc/os-release', '/etc/debian_version'] },
  },
  {
    name: 'distroless Debian 12',
    osRelease: 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\n',
    files: { 'etc/debian_version': '12.7\n' },
    distroless: true,
    want: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '12', detailedVersion: '12.7', codename: 'bookworm', prettyName: 'Distroless', distroless: true },
  },
  {
    name: 'Debian testing (no VERSION_ID)',
    osRelease: 'PRETTY_NAME="Debian GNU/Linux trixie/sid"\nNAME="Debian GNU/Linux"\nVERSION_CODENAME=trixie\nID=debian\n',
    files: { 'etc/debian_version': 'trixie/sid\n' },
    want: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '', codename: 'trixie', prettyName: 'Debian GNU/Linux trixie/sid' },
  },
  {
    name: 'Ubuntu 22.04 (VERSION more precise than VERSION_ID)',
    osRelease: 'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\nUBUNTU_CODENAME=jammy\n',
    files: { 'etc/debian_version': 'bookworm/sid\n' },
    want: { family: 'ubuntu', name: 'Ubuntu', id: 'ubuntu', version: '22.04', detailedVersion: '22.04.4', codename: 'jammy', prettyName: 'Ubuntu 22.04.4 LTS', evidence: ['/etc/os-release'] },
  },
  {
    name: 'Red Hat UBI 9',
    osRelease: 'NAME="Red Hat Enterprise Linux"\nVERSION="9.4 (Plow)"\nID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.4"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Red Hat Enterprise Linux 9.4 (Plow)"\n',
    files: { 'etc/redhat-release': 'Red Hat Enterprise Linux release 9.4 (Plow)\n' },
    want: { family: 'rhel', name: 'Red Hat Enterprise Linux', id: 'rhel', version: '9.4', detailedVersion: '9.4', prettyName: 'Red Hat Enterprise Linux 9.4 (Plow)' },
  },
  {
    name: 'Rocky Linux 9',
    osRelease: 'NAME="Rocky Linux"\nVERSION="9.3 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"\n',
    want: { family: 'rocky', name: 'Rocky Linux', id: 'rocky', version: '9.3', prettyName: 'Rocky Linux 9.3 (Blue Onyx)' },
  },
  {
    name: 'AlmaLinux 9',
    osRelease: 'NAME="AlmaLinux"\nVERSION="9.4 (Seafoam Ocelot)"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\nPRETTY_NAME="AlmaLinux 9.4 (Seafoam Ocelot)"\n',
    want: { family: 'alma', name: 'AlmaLinux', id: 'almalinux', version: '9.4', prettyName: 'AlmaLinux 9.4 (Seafoam Ocelot)' },
  },
  {
    name: 'CentOS 7 with centos-release',
    osRelease: 'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n',
    files: { 'etc/centos-release': 'CentOS Linux release 7.9.2009 (Core)\n' },
    want: { family: 'centos', name: 'CentOS Linux', id: 'centos', version: '7', detailedVersion: '7.9.2009', prettyName: 'CentOS Linux 7 (Core)', evidence: ['/etc/os-release', '/etc/centos-release'] },
  },
  {
    name: 'CentOS Stream 9',
    osRelease: 'NAME="CentOS Stream"\nVERSION="9"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="9"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="CentOS Stream 9"\n',
    want: { family: 'centos', name: 'CentOS Stream', id: 'centos', version: '9', prettyName: 'CentOS Stream 9' },
  },
  {
    name: 'Fedora 40 (empty VERSION_CODENAME)',
    osRelease: 'NAME="Fedora Linux"\nVERSION="40 (Container Image)"\nID=fedora\nVERSION_ID=40\nVERSION_CODENAME=""\nPRETTY_NAME="Fedora Linux 40 (Container Image)"\n',
    want: { family: 'fedora', name: 'Fedora Linux', id: 'fedora', version: '40', prettyName: 'Fedora Linux 40 (Container Image)' },
  },
  {
    name: 'Amazon Linux 2',
    osRelease: 'NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\nPRETTY_NAME="Amazon Linux 2"\n',
    files: { 'etc/system-release': 'Amazon Linux release 2 (Karoo)\n' },
    want: { family: 'amazon', name: 'Amazon Linux', id: 'amzn', version: '2', detailedVersion: '2', prettyName: 'Amazon Linux 2' },
  },
  {
    name: 'Amazon Linux 2023',
    osRelease: 'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\nPRETTY_NAME="Amazon Linux 2023.5.20240708"\n',
    files: { 'etc/system-release': 'Amazon Linux release 2023.5.20240708 (Amazon Linux)\n' },
    want: { family: 'amazon', name: 'Amazon Linux', id: 'amzn', version: '2023', detailedVersion: '2023.5.20240708', prettyName: 'Amazon Linux 2023.5.20240708' },
  },
  {
    name: 'Oracle Linux 8',
    osRelease: 'NAME="Oracle Linux Server"\nVERSION="8.9"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVERSION_ID="8.9"\nPRETTY_NAME="Oracle Linux Server 8.9"\n',
    want: { family: 'oracle', name: 'Oracle Linux Server', id: 'ol', version: '8.9', prettyName: 'Oracle Linux Server 8.9' },
  },
  {
    name: 'SLES 15 SP5',
    osRelease: 'NAME="SLES"\nVERSION="15-SP5"\nVERSION_ID="15.5"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"\nID="sles"\nID_LIKE="suse"\n',
    want: { family: 'sles', name: 'SLES', id: 'sles', version: '15.5', prettyName: 'SUSE Linux Enterprise Server 15 SP5' },
  },
  {
    name: 'openSUSE Leap 15.6',
    osRelease: 'NAME="openSUSE Leap"\nVERSION="15.6"\nID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.6"\nPRETTY_NAME="openSUSE Leap 15.6"\n',
    want: { family: 'opensuse-leap', name: 'openSUSE Leap', id: 'opensuse-leap', version: '15.6', prettyName: 'openSUSE Leap 15.6' },
  },
  {
    name: 'openSUSE Tumbleweed (commented VERSION)',
    osRelease: 'NAME="openSUSE Tumbleweed"\n# VERSION="20240710"\nID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\nVERSION_ID="20240710"\nPRETTY_NAME="openSUSE Tumbleweed"\n',
    want: { family: 'opensuse-tumbleweed', name: 'openSUSE Tumbleweed', id: 'opensuse-tumbleweed', version: '20240710', prettyName: 'openSUSE Tumbleweed' },
  },
  {
    name: 'Photon OS 5.0',
    osRelease: 'NAME="VMware Photon OS"\nVERSION="5.0"\nID=photon\nVERSION_ID=5.0\nPRETTY_NAME="VMware Photon OS/Linux"\n',
    files: { 'etc/photon-release': 'VMware Photon OS 5.0\nPHOTON_BUILD_NUMBER=dde71ec57\n' },
    want: { family: 'photon', name: 'VMware Photon OS', id: 'photon', version: '5.0', detailedVersion: '5.0', prettyName: 'VMware Photon OS/Linux' },
  },
  {
    name: 'CBL-Mariner 2.0',
    osRelease: 'NAME="Common Base Linux Mariner"\nVERSION="2.0.20240628"\nID=mariner\nVERSION_ID="2.0"\nPRETTY_NAME="CBL-Mariner/Linux"\n',
    want: { family: 'cbl-mariner', name: 'Common Base Linux Mariner', id: 'mariner', version: '2.0', detailedVersion: '2.0.20240628', prettyName: 'CBL-Mariner/Linux' },
  },
  {
    name: 'Azure Linux 3.0',
    osRelease: 'NAME="Microsoft Azure Linux"\nVERSION="3.0.20240727"\nID=azurelinux\nVERSION_ID="3.0"\nPRETTY_NAME="Microsoft Azure Linux 3.0"\n',
    want: { family: 'azurelinux', name: 'Microsoft Azure Linux', id: 'azurelinux', version: '3.0', detailedVersion: '3.0.20240727', prettyName: 'Microsoft Azure Linux 3.0' },
  },
  {
    name: 'Wolfi',
    osRelease: 'ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID="20230201"\nHOME_URL="https://wolfi.dev"\n',
    want: { family: 'wolfi', name: 'Wolfi', id: 'wolfi', version: '20230201', prettyName: 'Wolfi' },
  },
  {
    name: 'Chainguard',
    osRelease: 'ID=chainguard\nNAME="Chainguard"\nPRETTY_NAME="Chainguard"\nVERSION_ID="20230214"\n',
    want: { family: 'chainguard', name: 'Chainguard', id: 'chainguard', version: '20230214', prettyName: 'Chainguard' },
  },
  {
    name: 'Ubuntu 20.04',
    osRelease: 'NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\nVERSION_ID="20.04"\nVERSION_CODENAME=focal\nUBUNTU_CODENAME=focal\n',
    files: { 'etc/debian_version': 'bullseye/sid\n' },
    want: { family: 'ubuntu', name: 'Ubuntu', id: 'ubuntu', version: '20.04', detailedVersion: '20.04.6', codename: 'focal', prettyName: 'Ubuntu 20.04.6 LTS', evidence: ['/etc/os-release'] },
  },
  {
    name: 'Ubuntu 24.04',
    osRelease: 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n',
    files: { 'etc/debian_version': 'trixie/sid\n' },
    want: { family: 'ubuntu', name: 'Ubuntu', id: 'ubuntu', version: '24.04', detailedVersion: '24.04.1', codename: 'noble', prettyName: 'Ubuntu 24.04.1 LTS', evidence: ['/etc/os-release'] },
  },
  {
    name: 'Debian 12',
    osRelease: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n',
    files: { 'etc/debian_version': '12.7\n' },
    want: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '12', detailedVersion: '12.7', codename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)', evidence: ['/etc/os-release', '/etc/debian_version'] },
  },
  {
    name: 'Debian 13 (DEBIAN_VERSION_FULL, debian_version)',
    osRelease: 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="13"\nVERSION="13 (trixie)"\nVERSION_CODENAME=trixie\nDEBIAN_VERSION_FULL=13.1\nID=debian\n',
    files: { 'etc/debian_version': '13.1\n' },
    want: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '13', detailedVersion: '13.1', codename: 'trixie', prettyName: 'Debian GNU/Linux 13 (trixie)', evidence: ['/etc/os-release', '/etc/debian_version'] },
  },
  {
    name: 'Debian 13 without debian_version (DEBIAN_VERSION_FULL)',
    osRelease: 'PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="13"\nVERSION="13 (trixie)"\nVERSION_CODENAME=trixie\nDEBIAN_VERSION_FULL=13.1\nID=debian\n',
    want: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '13', detailedVersion: '13.1', codename: 'trixie', prettyName: 'Debian GNU/Linux 13 (trixie)', evidence: ['/etc/os-release'] },
  },
  ...['3.18.12', '3.19.9', '3.20.9', '3.21.6'].map((v): Case => ({
    name: `Alpine ${v}`,
    osRelease: `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${v}\nPRETTY_NAME="Alpine Linux v${v.split('.').slice(0, 2).join('.')}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
    files: { 'etc/alpine-release': `${v}\n` },
    want: { family: 'alpine', name: 'Alpine Linux', id: 'alpine', version: v, detailedVersion: v, prettyName: `Alpine Linux v${v.split('.').slice(0, 2).join('.')}`, evidence: ['/etc/os-release', '/etc/alpine-release'] },
  })),
  {
    name: 'Red Hat UBI 8',
    osRelease: 'NAME="Red Hat Enterprise Linux"\nVERSION="8.10 (Ootpa)"\nID="rhel"\nID_LIKE="fedora"\nVERSION_ID="8.10"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Red Hat Enterprise Linux 8.10 (Ootpa)"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:redhat:enterprise_linux:8::baseos"\n',
    files: { 'etc/redhat-release': 'Red Hat Enterprise Linux release 8.10 (Ootpa)\n', 'etc/system-release': 'Red Hat Enterprise Linux release 8.10 (Ootpa)\n' },
    sources: { 'etc/system-release': 'etc/redhat-release' },
    want: { family: 'rhel', name: 'Red Hat Enterprise Linux', id: 'rhel', version: '8.10', detailedVersion: '8.10', prettyName: 'Red Hat Enterprise Linux 8.10 (Ootpa)', evidence: ['/etc/os-release', '/etc/redhat-release'] },
  },
  {
    name: 'Red Hat UBI 10',
    osRelease: 'NAME="Red Hat Enterprise Linux"\nVERSION="10.0 (Coughlan)"\nID="rhel"\nID_LIKE="centos fedora"\nVERSION_ID="10.0"\nPLATFORM_ID="platform:el10"\nPRETTY_NAME="Red Hat Enterprise Linux 10.0 (Coughlan)"\n',
    files: { 'etc/redhat-release': 'Red Hat Enterprise Linux release 10.0 (Coughlan)\n' },
    want: { family: 'rhel', name: 'Red Hat Enterprise Linux', id: 'rhel', version: '10.0', detailedVersion: '10.0', prettyName: 'Red Hat Enterprise Linux 10.0 (Coughlan)' },
  },
  {
    name: 'Rocky Linux 8 (redhat-release is a link to rocky-release)',
    osRelease: 'NAME="Rocky Linux"\nVERSION="8.9 (Green Obsidian)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.9"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Rocky Linux 8.9 (Green Obsidian)"\n',
    files: { 'etc/rocky-release': 'Rocky Linux release 8.9 (Green Obsidian)\n', 'etc/redhat-release': 'Rocky Linux release 8.9 (Green Obsidian)\n' },
    sources: { 'etc/redhat-release': 'etc/rocky-release' },
    want: { family: 'rocky', name: 'Rocky Linux', id: 'rocky', version: '8.9', detailedVersion: '8.9', prettyName: 'Rocky Linux 8.9 (Green Obsidian)', evidence: ['/etc/os-release', '/etc/rocky-release'] },
  },
  {
    name: 'AlmaLinux 8',
    osRelease: 'NAME="AlmaLinux"\nVERSION="8.10 (Cerulean Leopard)"\nID="almalinux"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.10"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="AlmaLinux 8.10 (Cerulean Leopard)"\n',
    files: { 'etc/almalinux-release': 'AlmaLinux release 8.10 (Cerulean Leopard)\n' },
    want: { family: 'alma', name: 'AlmaLinux', id: 'almalinux', version: '8.10', detailedVersion: '8.10', prettyName: 'AlmaLinux 8.10 (Cerulean Leopard)', evidence: ['/etc/os-release', '/etc/almalinux-release'] },
  },
  ...(['39', '41', '42'] as const).map((v): Case => ({
    name: `Fedora ${v} with fedora-release`,
    osRelease: `NAME="Fedora Linux"\nVERSION="${v} (Container Image)"\nRELEASE_TYPE=stable\nID=fedora\nVERSION_ID=${v}\nVERSION_CODENAME=""\nPLATFORM_ID="platform:f${v}"\nPRETTY_NAME="Fedora Linux ${v} (Container Image)"\nVARIANT="Container Image"\nVARIANT_ID=container\n`,
    files: { 'etc/fedora-release': `Fedora release ${v} (${{ '39': 'Thirty Nine', '41': 'Forty One', '42': 'Adams' }[v]})\n` },
    want: { family: 'fedora', name: 'Fedora Linux', id: 'fedora', version: v, detailedVersion: v, prettyName: `Fedora Linux ${v} (Container Image)`, evidence: ['/etc/os-release', '/etc/fedora-release'] },
  })),
  {
    name: 'Amazon Linux 2023 (system-release is a link to amazon-linux-release)',
    osRelease: 'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\nPLATFORM_ID="platform:al2023"\nPRETTY_NAME="Amazon Linux 2023.5.20240708"\nANSI_COLOR="0;33"\nCPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"\nSUPPORT_END="2029-06-30"\n',
    files: { 'etc/amazon-linux-release': 'Amazon Linux release 2023.5.20240708 (Amazon Linux)\n', 'etc/system-release': 'Amazon Linux release 2023.5.20240708 (Amazon Linux)\n' },
    sources: { 'etc/system-release': 'etc/amazon-linux-release' },
    want: { family: 'amazon', name: 'Amazon Linux', id: 'amzn', version: '2023', detailedVersion: '2023.5.20240708', prettyName: 'Amazon Linux 2023.5.20240708', evidence: ['/etc/os-release', '/etc/amazon-linux-release'] },
  },
  {
    name: 'Oracle Linux 9',
    osRelease: 'NAME="Oracle Linux Server"\nVERSION="9.4"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="9.4"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Oracle Linux Server 9.4"\n',
    files: { 'etc/oracle-release': 'Oracle Linux Server release 9.4\n', 'etc/redhat-release': 'Red Hat Enterprise Linux release 9.4 (Plow)\n' },
    want: { family: 'oracle', name: 'Oracle Linux Server', id: 'ol', version: '9.4', detailedVersion: '9.4', prettyName: 'Oracle Linux Server 9.4', evidence: ['/etc/os-release', '/etc/oracle-release'] },
  },
  {
    name: 'SLES 15 SP6',
    osRelease: 'NAME="SLES"\nVERSION="15-SP6"\nVERSION_ID="15.6"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP6"\nID="sles"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sles:15:sp6"\n',
    want: { family: 'sles', name: 'SLES', id: 'sles', version: '15.6', prettyName: 'SUSE Linux Enterprise Server 15 SP6' },
  },
  {
    name: 'SLES for SAP 15 SP5',
    osRelease: 'NAME="SLES_SAP"\nVERSION="15-SP5"\nVERSION_ID="15.5"\nPRETTY_NAME="SUSE Linux Enterprise Server for SAP Applications 15 SP5"\nID="sles_sap"\nID_LIKE="suse"\n',
    want: { family: 'sles', name: 'SLES_SAP', id: 'sles_sap', version: '15.5', prettyName: 'SUSE Linux Enterprise Server for SAP Applications 15 SP5' },
  },
  {
    name: 'SLE Micro 5.5',
    osRelease: 'NAME="SLE Micro"\nVERSION="5.5"\nVERSION_ID="5.5"\nPRETTY_NAME="SUSE Linux Enterprise Micro 5.5"\nID="sle-micro"\nID_LIKE="suse"\nANSI_COLOR="0;32"\nCPE_NAME="cpe:/o:suse:sle-micro:5.5"\n',
    want: { family: 'sles', name: 'SLE Micro', id: 'sle-micro', version: '5.5', prettyName: 'SUSE Linux Enterprise Micro 5.5' },
  },
  {
    name: 'SUSE Linux Micro 6.0 (sl-micro)',
    osRelease: 'NAME="SL-Micro"\nVERSION="6.0"\nVERSION_ID="6.0"\nPRETTY_NAME="SUSE Linux Micro 6.0"\nID="sl-micro"\nID_LIKE="suse"\nCPE_NAME="cpe:/o:suse:sl-micro:6.0"\n',
    want: { family: 'sles', name: 'SL-Micro', id: 'sl-micro', version: '6.0', prettyName: 'SUSE Linux Micro 6.0' },
  },
  {
    name: 'openSUSE Leap Micro 5.5',
    osRelease: 'NAME="openSUSE Leap Micro"\nVERSION="5.5"\nID="opensuse-leap-micro"\nID_LIKE="suse opensuse"\nVERSION_ID="5.5"\nPRETTY_NAME="openSUSE Leap Micro 5.5"\n',
    want: { family: 'opensuse-leap', name: 'openSUSE Leap Micro', id: 'opensuse-leap-micro', version: '5.5', prettyName: 'openSUSE Leap Micro 5.5' },
  },
  {
    name: 'openSUSE Leap 15.5',
    osRelease: 'NAME="openSUSE Leap"\nVERSION="15.5"\nID="opensuse-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.5"\nPRETTY_NAME="openSUSE Leap 15.5"\nCPE_NAME="cpe:/o:opensuse:leap:15.5"\n',
    want: { family: 'opensuse-leap', name: 'openSUSE Leap', id: 'opensuse-leap', version: '15.5', prettyName: 'openSUSE Leap 15.5' },
  },
  {
    name: 'Photon OS 4.0',
    osRelease: 'NAME="VMware Photon OS"\nVERSION="4.0"\nID=photon\nVERSION_ID=4.0\nPRETTY_NAME="VMware Photon OS/Linux"\nANSI_COLOR="1;34"\nHOME_URL="https://vmware.github.io/photon/"\n',
    files: { 'etc/photon-release': 'VMware Photon OS 4.0\nPHOTON_BUILD_NUMBER=2f5aad892\n' },
    want: { family: 'photon', name: 'VMware Photon OS', id: 'photon', version: '4.0', detailedVersion: '4.0', prettyName: 'VMware Photon OS/Linux', evidence: ['/etc/os-release', '/etc/photon-release'] },
  },
  {
    name: 'an unknown RHEL rebuild (family from ID_LIKE; synthetic)',
    osRelease: 'NAME="Example Enterprise Linux"\nVERSION="9.2"\nID="examplelinux"\nID_LIKE="rhel fedora"\nVERSION_ID="9.2"\nPRETTY_NAME="Example Enterprise Linux 9.2"\n',
    want: { family: 'rhel', name: 'Example Enterprise Linux', id: 'examplelinux', version: '9.2', prettyName: 'Example Enterprise Linux 9.2' },
  },
  {
    name: 'an Ubuntu derivative (ID_LIKE, closest first)',
    osRelease: 'NAME="Pop!_OS"\nVERSION="22.04 LTS"\nID=pop\nID_LIKE="ubuntu debian"\nVERSION_ID="22.04"\nPRETTY_NAME="Pop!_OS 22.04 LTS"\nVERSION_CODENAME=jammy\nUBUNTU_CODENAME=jammy\n',
    want: { family: 'ubuntu', name: 'Pop!_OS', id: 'pop', version: '22.04', codename: 'jammy', prettyName: 'Pop!_OS 22.04 LTS' },
  },
  {
    name: 'an unknown SUSE derivative (generic ID_LIKE words last; synthetic)',
    osRelease: 'NAME="Example Rolling"\nID="example-rolling"\nID_LIKE="suse opensuse opensuse-tumbleweed"\nVERSION_ID="20240710"\nPRETTY_NAME="Example Rolling"\n',
    want: { family: 'opensuse-tumbleweed', name: 'Example Rolling', id: 'example-rolling', version: '20240710', prettyName: 'Example Rolling' },
  },
  {
    name: 'an unknown SUSE derivative with generic ID_LIKE only (opensuse before suse; synthetic)',
    osRelease: 'NAME="Example Leap"\nID="example-leap"\nID_LIKE="suse opensuse"\nVERSION_ID="15.6"\n',
    want: { family: 'opensuse-leap', name: 'Example Leap', id: 'example-leap', version: '15.6' },
  },
  {
    name: 'an unknown SLE derivative (ID_LIKE="suse"; synthetic)',
    osRelease: 'NAME="Example SLE"\nID="example-sle"\nID_LIKE="suse"\nVERSION_ID="15.6"\n',
    want: { family: 'sles', name: 'Example SLE', id: 'example-sle', version: '15.6' },
  },
  {
    name: 'an unknown distribution with an unknown ID_LIKE',
    osRelease: 'NAME="Gentoo"\nID=gentoo\nID_LIKE="funtoo"\nPRETTY_NAME="Gentoo Linux"\nVERSION_ID="2.15"\n',
    want: { family: 'unknown', name: 'Gentoo', id: 'gentoo', version: '2.15', prettyName: 'Gentoo Linux' },
  },
  {
    name: 'Amazon Linux 2023 with only release files (fallback through amazon-linux-release)',
    files: { 'etc/amazon-linux-release': 'Amazon Linux release 2023.5.20240708 (Amazon Linux)\n' },
    want: { family: 'amazon', name: 'Amazon Linux', id: 'amzn', version: '2023.5.20240708', detailedVersion: '2023.5.20240708', codename: 'Amazon Linux', evidence: ['/etc/amazon-linux-release'] },
  },
  {
    name: 'an unknown distribution',
    osRelease: 'NAME="Arch Linux"\nPRETTY_NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\n',
    want: { family: 'unknown', name: 'Arch Linux', id: 'arch', version: '', prettyName: 'Arch Linux' },
  },
  {
    name: 'old Ubuntu with only lsb-release',
    lsbRelease: 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\nDISTRIB_CODENAME=trusty\nDISTRIB_DESCRIPTION="Ubuntu 14.04.6 LTS"\n',
    want: { family: 'ubuntu', name: 'Ubuntu', id: 'ubuntu', version: '14.04', codename: 'trusty', prettyName: 'Ubuntu 14.04.6 LTS', evidence: ['/etc/lsb-release'] },
  },
  {
    name: 'old Debian with only debian_version',
    files: { 'etc/debian_version': '7.11\n' },
    want: { family: 'debian', name: 'Debian GNU/Linux', id: 'debian', version: '7', detailedVersion: '7.11', evidence: ['/etc/debian_version'] },
  },
  {
    name: 'CentOS 6 with only redhat-release',
    files: { 'etc/redhat-release': 'CentOS release 6.10 (Final)\n' },
    want: { family: 'centos', name: 'CentOS', id: 'centos', version: '6', detailedVersion: '6.10', codename: 'Final' },
  },
  {
    name: 'Amazon Linux AMI with only system-release',
    files: { 'etc/system-release': 'Amazon Linux AMI release 2018.03\n' },
    want: { family: 'amazon', name: 'Amazon Linux AMI', id: 'amzn', version: '2018.03', detailedVersion: '2018.03' },
  },
  {
    name: 'SLES 12 SP5 with only SuSE-release',
    files: { 'etc/SuSE-release': 'SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 5\n' },
    want: { family: 'sles', name: 'SUSE Linux Enterprise Server', id: 'sles', version: '12.5', detailedVersion: '12.5' },
  },
  {
    name: 'CBL-Mariner 1.0 with only mariner-release',
    files: { 'etc/mariner-release': 'CBL-Mariner 1.0.20220226\nMARINER_BUILD_NUMBER=0b5d8b5\n' },
    want: { family: 'cbl-mariner', name: 'CBL-Mariner', id: 'mariner', version: '1.0', detailedVersion: '1.0.20220226' },
  },
];

function factsOf(c: Case): DistroFacts {
  const facts: DistroFacts = { releaseFiles: new Map(Object.entries(c.files ?? {})), dpkgStatusDirOnly: c.distroless === true };
  if (c.sources) facts.releaseFileSources = new Map(Object.entries(c.sources));
  if (c.osRelease !== undefined) facts.osRelease = { path: 'etc/os-release', fields: parseOsRelease(c.osRelease).fields };
  if (c.lsbRelease !== undefined) facts.lsbRelease = { path: 'etc/lsb-release', fields: parseOsRelease(c.lsbRelease).fields };
  return facts;
}

describe('OS detection', () => {
  it.each(CASES)('$name', (c) => {
    const got = detectOs(factsOf(c));
    const { evidence, ...want } = c.want;
    expect(got).toBeDefined();
    const { evidence: gotEvidence, ...rest } = got ?? { evidence: [] };
    expect(rest).toEqual(want);
    if (evidence) expect(gotEvidence).toEqual(evidence);
    expect(gotEvidence.length).toBeGreaterThan(0);
  });

  it('finds nothing when no file names an OS', () => {
    expect(detectOs({ releaseFiles: new Map(), dpkgStatusDirOnly: false })).toBeUndefined();
    expect(detectOs({ releaseFiles: new Map([['etc/redhat-release', 'Something Else release 1\n']]), dpkgStatusDirOnly: false })).toBeUndefined();
  });

  it('never claims a family from ID_LIKE when there is none, or from an empty one', () => {
    for (const fields of [{ ID: 'arch' }, { ID: 'arch', ID_LIKE: '' }, { ID: 'arch', ID_LIKE: '  ' }]) {
      expect(detectOs({ osRelease: { path: 'etc/os-release', fields }, releaseFiles: new Map(), dpkgStatusDirOnly: false })?.family).toBe('unknown');
    }
  });

  it('flags distroless only for Debian-based systems', () => {
    const alpine = detectOs({ osRelease: { path: 'etc/os-release', fields: { ID: 'alpine', VERSION_ID: '3.20.3' } }, releaseFiles: new Map(), dpkgStatusDirOnly: true });
    expect(alpine?.distroless).toBeUndefined();
  });
});
