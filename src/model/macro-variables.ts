/**
 * The values a macro's variables may have, for reading program paths such as `&prefix_dir&>sshd.pm`. A set that
 * always runs replaces a variable's values; one that may not run adds to them. The order is the file's, not the
 * control flow's [D]: variables only name programs here, never decide a path.
 */

/** Beyond this many values of one variable, or a value this long, the variable is undecided: `&x&&x&` doubles. */
export const maxValues = 16;
export const maxValueLength = 1024;

const reference = /&\$?([A-Za-z_][\w$.]*)&/g;

export interface Expansion {
  texts: string[];
  /** A variable used had too many values, or they grew too long: the text is kept as written. */
  undecided: boolean;
}

export class MacroVariables {
  private readonly values = new Map<string, string[] | 'undecided'>();

  /** Every text `text` may stand for, each variable replaced by each of its values; an unknown variable stays as written. */
  expand(text: string): Expansion {
    let texts = [''];
    let undecided = false;
    let last = 0;
    for (const match of text.matchAll(reference)) {
      const literal = text.slice(last, match.index);
      const values = this.values.get(match[1]!.toLowerCase());
      if (values === 'undecided') undecided = true;
      const choices = values === undefined || values === 'undecided' ? [match[0]] : values;
      if (texts.length * choices.length > maxValues) return { texts: [text], undecided: true };
      texts = texts.flatMap((head) => choices.map((value) => head + literal + value));
      if (texts.some((t) => t.length > maxValueLength)) return { texts: [text], undecided: true };
      last = match.index + match[0].length;
    }
    const tail = text.slice(last);
    return { texts: texts.map((head) => head + tail), undecided };
  }

  /** The values as they are now, kept apart from later sets. */
  copy(): MacroVariables {
    const copy = new MacroVariables();
    for (const [name, values] of this.values) copy.values.set(name, values);
    return copy;
  }

  /** Sets a variable; says whether its values passed a cap (or came from one that had), which leaves it undecided. */
  set(name: string, text: string, always: boolean): boolean {
    const key = name.toLowerCase();
    const expansion = this.expand(text);
    const before = this.values.get(key);
    if (expansion.undecided || (!always && before === 'undecided')) {
      this.values.set(key, 'undecided');
      return before !== 'undecided';
    }
    const values = always || before === undefined ? expansion.texts : [...new Set([...before, ...expansion.texts])];
    if (values.length > maxValues) {
      this.values.set(key, 'undecided');
      return true;
    }
    this.values.set(key, values);
    return false;
  }
}
