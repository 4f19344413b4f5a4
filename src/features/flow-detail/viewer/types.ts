export interface ViewerMark {
  /** The error's index in the provider's list. */
  index: number;
  /** UTF-16 offsets into `text`; `to` exclusive. */
  from: number;
  to: number;
  message: string;
  severity?: 'error' | 'syntax';
}

export interface FlowJsonViewerProps {
  /** The exact downloaded text (or its formatted version). */
  text: string;
  /**
   * Ranges to highlight. Empty ranges are not drawn (pass only located errors), except
   * `syntax` marks, which are widened to one character so an error at the end still shows.
   */
  marks: ViewerMark[];
  /** Error index to select and scroll into view. */
  selectedIndex: number | null;
  /** Called when the user moves to an error in the editor (F8 / Shift-F8, or clicking a mark). */
  onSelect: (index: number) => void;
  /** A range to select and scroll to (a component clicked in the screen preview); a new object each time. */
  reveal?: { from: number; to: number } | null;
  /**
   * The rest of a big text (after its first piece) is loaded once this settles: the page has
   * something to show first (the screens, read in the worker), whose answer should not queue
   * behind the pieces.
   */
  restAfter?: Promise<unknown>;
  /** CSS height; default '70vh'. */
  height?: string;
}
