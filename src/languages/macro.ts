import { parseMacroCst } from '../../grammar/macro/index.ts';
import { parseMacro } from '../syntax/macro.ts';
import { defineLanguage, megabyte } from './language.ts';

export const macro = defineLanguage({
  kind: 'macro',
  title: 'command macros (module_start_up.cm and the macros it runs)',
  names: '*.cm',
  name: /\.cm$/,
  content:
    /^[\t ]*(?:&(?:begin_parameters|if|set_string|set|echo|mode|return|label|goto|display_line|attach_input)\b|!?start_process\b)/im,
  maxBytes: megabyte,
  commentMarker: '&',
  exampleName: 'module_start_up.cm',
  fence: 'vos-cm',
  parse: parseMacro,
  lex: parseMacroCst,
});
