import { trafficOf } from '../catalog/client-ports.ts';
import { strongest, withNote, type ModuleModel } from './listener.ts';
import { conjoin } from './port-catalog.ts';

/** ftpd sends FTP data from port 20 through ftp_ch, the process of each FTP connection: wherever ftpd runs. */
export function addFtpData(model: ModuleModel): void {
  const ftpd = strongest(model.listeners.filter((l) => l.daemon === 'ftpd'));
  const traffic = trafficOf('ftp_ch');
  if (ftpd === undefined || traffic === undefined) return;
  model.connections.push({
    kind: traffic.kind,
    program: 'ftp_ch',
    protocol: traffic.transport,
    ...(traffic.port !== undefined && { port: traffic.port }),
    state: ftpd.state,
    ...(ftpd.condition !== undefined && { condition: ftpd.condition }),
    note: 'with ftpd',
    evidence: ftpd.evidence,
    product: traffic.product,
    description: traffic.description,
  });
}

/** nfs_server registers with the portmapper: it is live only where the portmapper is, and under its conditions. */
export function dependOnPortmapper(model: ModuleModel): void {
  const portmap = strongest(model.listeners.filter((l) => l.daemon === 'portmap'));
  for (const nfs of model.listeners.filter(
    (l) => l.daemon === 'nfs_server' && (l.state === 'live' || l.state === 'conditional'),
  )) {
    if (portmap === undefined || portmap.state === 'off' || portmap.state === 'dead') {
      nfs.state = 'off';
      delete nfs.condition;
      withNote(nfs, 'it registers with the portmapper, which does not run here');
    } else if (
      portmap.state === 'conditional' &&
      portmap.condition !== undefined &&
      !(nfs.condition ?? '').includes(portmap.condition)
    ) {
      nfs.state = 'conditional';
      nfs.condition = conjoin(nfs.condition, portmap.condition);
      withNote(nfs, 'it registers with the portmapper');
    }
  }
}
