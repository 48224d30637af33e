import { bsdServiceOf, type BsdService } from '../../catalog/bsd-services.ts';
import type { InetdFile } from '../../model/files.ts';
import type { FileContext } from '../rule.ts';
import { activeServices, describeService, entrySpan } from './describe.ts';

/** The two BSD-service rules differ only in which kind of service they take. */
export function bsdServiceCheck(kind: BsdService['kind']): (context: FileContext<InetdFile>) => void {
  return (context) => {
    for (const service of activeServices(context.file)) {
      const bsd = bsdServiceOf(service.port, service.transport, service.daemon);
      if (bsd?.kind !== kind) continue;
      context.report({
        reason:
          `${describeService(service)} is active: ${bsd.risk} (general Unix knowledge, not the article's); ` +
          `comment it out${kind === 'trust' ? ' and use ssh' : ' unless something needs it'}`,
        span: entrySpan(service),
      });
    }
  };
}
