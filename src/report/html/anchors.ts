import type { ListenerView, ModuleView } from './system.ts';

/** The ids the page's links point at: a module's section, a listener's evidence, a rule of a module's policy. */
export const moduleId = (module: ModuleView) => `m${module.index}`;
export const listenerId = (module: ModuleView, view: ListenerView) => `m${module.index}-l${view.row}`;
export const ruleAnchor = (module: ModuleView, number: number) => `m${module.index}-r${number}`;
