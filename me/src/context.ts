// What a view of the page (volunteer, enterprise, applicant) gets from the page: the token of the
// signed-in user, the page's message area, and a way to load its data again after a change.
export interface ViewContext {
  /** The current access token (refreshed behind the view's back). */
  token(): string;
  /** Shows a message at the top of the page (role=alert); "" clears it. */
  say(text: string, kind?: "error" | "info"): void;
  /** Tells screen readers what happened (role=status), without moving focus. */
  announce(text: string): void;
  /** Loads the view again (after the user changed something), keeping focus near `focusId`. */
  reload(focusId?: string): Promise<void>;
}

/** A view: loads its data and returns what the page shows. */
export type View = (context: ViewContext) => Promise<Node[]>;
