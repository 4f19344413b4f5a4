import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { lineStartOffsets, offsetToLineColumn } from './lines';

export interface JsonSyntaxError {
  /** UTF-16 offset of the problem. */
  offset: number;
  /** Length to highlight; 0 only at the very end of the text. */
  length: number;
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: "Expected ':'",
  CommaExpected: "Expected ','",
  CloseBraceExpected: "Expected '}'",
  CloseBracketExpected: "Expected ']'",
  EndOfFileExpected: 'Unexpected text after the end of the JSON',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unterminated number',
  InvalidUnicode: 'Invalid \\u escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in string',
};

/** The first strict-JSON syntax error in `text`, or null if `JSON.parse` accepts it. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let nativeMessage: string;
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    nativeMessage = e instanceof Error ? e.message : String(e);
  }
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const offset = first ? first.offset : nativePosition(nativeMessage, text.length);
  const code = first ? printParseErrorCode(first.error) : null;
  const message = code ? (MESSAGES[code] ?? code) : nativeMessage;
  const length = Math.min(Math.max(first?.length ?? 1, 1), text.length - offset);
  return { offset, length, message, ...offsetToLineColumn(lineStartOffsets(text), offset) };
}

/** V8 says "... at position 12" (older: "in JSON at position 12"). */
function nativePosition(message: string, max: number): number {
  const m = /position (\d+)/.exec(message);
  return m ? Math.min(Number(m[1]), max) : 0;
}
