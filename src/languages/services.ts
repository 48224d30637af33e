import { parseServicesCst } from '../../grammar/services/index.ts';
import { parseServices } from '../syntax/services.ts';
import { defineLanguage, megabyte } from './language.ts';

export const services = defineLanguage({
  kind: 'services',
  title: 'the STCP services file',
  names: 'services',
  name: /^services$/,
  content: /^[\t ]*[^#\s]+[\t ]+\d{1,5}\/(?:tcp|udp)\b/im,
  maxBytes: megabyte,
  commentMarker: '#',
  exampleName: 'services',
  fence: 'text',
  parse: parseServices,
  lex: parseServicesCst,
});
