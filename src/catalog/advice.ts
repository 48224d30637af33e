/**
 * Where a piece of advice comes from, so that a reader can weigh it: the Stratus article "STCP TCP/UDP Ports",
 * general Unix knowledge that VOS's ported daemons share, or a decision of vos-audit's own.
 */
export type AdviceSource = 'article' | 'general Unix' | 'our assumption';

export interface Advice {
  text: string;
  source: AdviceSource;
}

export const fromArticle = (text: string): Advice => ({ text, source: 'article' });
export const generalUnix = (text: string): Advice => ({ text, source: 'general Unix' });
